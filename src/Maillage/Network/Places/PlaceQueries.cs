using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Places;

/// <summary>Filters of the public list of places, shared by the page and the API.</summary>
internal sealed record PlaceFilter(string? Cite = null, StructureKind? Kind = null, int? Territory = null, bool OpenNow = false, string? Search = null);

/// <summary>
/// Reads the published network for the public pages and the API: one query with everything a list
/// needs, then the opening status computed in memory in each structure's time zone.
/// </summary>
/// <remarks>
/// Public reads (an unrestricted tenant) are served from <see cref="ReadCache"/>: the rows
/// are reused while the database has not changed (the last audit entry, written in the same
/// transaction as every change, is the version) and for at most <see cref="ReadCache.MaxAge"/>.
/// The opening status is never cached: it is computed on every call from the current time.
/// </remarks>
internal sealed class PlaceQueries(MaillageDb db, TimeProvider clock, TenantContext tenant, ReadCache cache)
{
    public async Task<IReadOnlyList<(Structure Structure, OpeningStatus Status)>> ListAsync(PlaceFilter filter, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-2);
        // Free-text searches are not cached: their keys are unbounded.
        var structures = string.IsNullOrWhiteSpace(filter.Search)
            ? await CachedAsync(("list", filter with { OpenNow = false }, since), () => LoadAsync(filter, since, ct), ct)
            : await LoadAsync(filter, since, ct);
        var result = structures.Select(s => (s, s.Schedule().StatusAt(now)));
        if (filter.OpenNow) result = result.Where(r => r.Item2.IsOpen);
        return result.ToList();
    }

    /// <summary>The Cités, by name, for the filters of the public pages.</summary>
    public Task<IReadOnlyList<Cite>> CitesAsync(CancellationToken ct = default) =>
        CachedAsync<IReadOnlyList<Cite>>("cites", async () => await db.Cites.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct), ct);

    private async Task<IReadOnlyList<Structure>> LoadAsync(PlaceFilter filter, DateOnly since, CancellationToken ct)
    {
        var query = db.Structures.AsNoTracking().AsSplitQuery()
            .Include(s => s.Cite).Include(s => s.Commune).ThenInclude(c => c!.Parent).Include(s => s.Qpv)
            .Include(s => s.WeeklyHours).Include(s => s.Exceptions.Where(e => e.Date >= since))
            .Include(s => s.Poles.OrderBy(p => p.Order))
            .Where(s => s.Status != StructureStatus.Closed);
        if (!string.IsNullOrWhiteSpace(filter.Cite)) query = query.Where(s => s.Cite.Slug == filter.Cite);
        if (filter.Kind is { } kind) query = query.Where(s => s.Kind == kind);
        if (filter.Territory is { } t) query = query.Where(s => s.CommuneId == t || s.Commune!.ParentId == t || s.QpvId == t);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLower();
            query = query.Where(s => s.Name.ToLower().Contains(term) || (s.City != null && s.City.ToLower().Contains(term)));
        }
        return await query.OrderBy(s => s.CiteId).ThenBy(s => s.Kind).ThenBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>
    /// One place for its public page, from <see cref="ReadCache"/> like the lists (issue 20, item 3: the page now also reads
    /// the duties, which are never cached; the place's rows are reused while no change was audited).
    /// </summary>
    public async Task<Structure?> FindAsync(string cite, string slug, CancellationToken ct = default) =>
        (await CachedAsync(("place", cite, slug), async () => new FoundPlace(await Detailed().FirstOrDefaultAsync(s => s.Cite.Slug == cite && s.Slug == slug, ct)), ct)).Structure;

    private sealed record FoundPlace(Structure? Structure);

    public async Task<Structure?> FindAsync(int id, CancellationToken ct = default) =>
        await Detailed().FirstOrDefaultAsync(s => s.Id == id, ct);

    private IQueryable<Structure> Detailed() => db.Structures.AsNoTracking().AsSplitQuery()
        .Include(s => s.Cite).Include(s => s.Parent).Include(s => s.Commune).ThenInclude(c => c!.Parent).Include(s => s.Qpv)
        .Include(s => s.WeeklyHours).Include(s => s.Exceptions)
        .Include(s => s.Poles.OrderBy(p => p.Order)).ThenInclude(p => p.Partners).ThenInclude(pp => pp.Partner);

    /// <summary>Territories that have at least one place, for the filter.</summary>
    public Task<IReadOnlyList<Territory>> TerritoriesInUseAsync(CancellationToken ct = default) =>
        CachedAsync("territories", () => LoadTerritoriesInUseAsync(ct), ct);

    private async Task<IReadOnlyList<Territory>> LoadTerritoriesInUseAsync(CancellationToken ct)
    {
        var communeIds = await db.Structures.Where(s => s.CommuneId != null).Select(s => s.CommuneId!.Value).Distinct().ToListAsync(ct);
        return await db.Territories.AsNoTracking()
            .Where(t => communeIds.Contains(t.Id) || db.Set<Territory>().Any(c => communeIds.Contains(c.Id) && c.ParentId == t.Id))
            .OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(ct);
    }

    public OpeningStatus StatusOf(Structure s) => s.Schedule().StatusAt(clock.GetUtcNow());
    public DateTimeOffset Now => clock.GetUtcNow();

    private async Task<T> CachedAsync<T>(object key, Func<Task<T>> load, CancellationToken ct) where T : class
    {
        // A signed-in user restricted to some Cités reads through the tenant filter: never shared.
        if (!tenant.Unrestricted) return await load();
        // The version is read before the rows: a change committed in between only causes a reload next time.
        // It is read once per instance (a request): this class serves read-only public pages and endpoints.
        _version ??= await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id, ct) ?? 0;
        return await cache.GetOrLoadAsync(key, _version.Value, clock.GetUtcNow(), load);
    }

    private long? _version;
}
