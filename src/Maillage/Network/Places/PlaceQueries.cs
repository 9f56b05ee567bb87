using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Places;

/// <summary>Filters of the public list of places, shared by the page and the API.</summary>
public sealed record PlaceFilter(string? Cite = null, StructureKind? Kind = null, int? Territory = null, bool OpenNow = false, string? Search = null);

/// <summary>
/// Reads the published network for the public pages and the API: one query with everything a list
/// needs, then the opening status computed in memory in each structure's time zone.
/// </summary>
public sealed class PlaceQueries(MaillageDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<(Structure Structure, OpeningStatus Status)>> ListAsync(PlaceFilter filter, CancellationToken ct = default)
    {
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-2);
        var query = db.Structures.AsNoTracking().AsSplitQuery()
            .Include(s => s.Cite).Include(s => s.Commune).ThenInclude(c => c!.Parent)
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
        var structures = await query.OrderBy(s => s.CiteId).ThenBy(s => s.Kind).ThenBy(s => s.Name).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var result = structures.Select(s => (s, s.Schedule().StatusAt(now)));
        if (filter.OpenNow) result = result.Where(r => r.Item2.IsOpen);
        return result.ToList();
    }

    public async Task<Structure?> FindAsync(string cite, string slug, CancellationToken ct = default) =>
        await Detailed().FirstOrDefaultAsync(s => s.Cite.Slug == cite && s.Slug == slug, ct);

    public async Task<Structure?> FindAsync(int id, CancellationToken ct = default) =>
        await Detailed().FirstOrDefaultAsync(s => s.Id == id, ct);

    private IQueryable<Structure> Detailed() => db.Structures.AsNoTracking().AsSplitQuery()
        .Include(s => s.Cite).Include(s => s.Parent).Include(s => s.Commune).ThenInclude(c => c!.Parent).Include(s => s.Qpv)
        .Include(s => s.WeeklyHours).Include(s => s.Exceptions)
        .Include(s => s.Poles.OrderBy(p => p.Order)).ThenInclude(p => p.Partners).ThenInclude(pp => pp.Partner);

    /// <summary>Territories that have at least one place, for the filter.</summary>
    public async Task<IReadOnlyList<Territory>> TerritoriesInUseAsync(CancellationToken ct = default)
    {
        var communeIds = await db.Structures.Where(s => s.CommuneId != null).Select(s => s.CommuneId!.Value).Distinct().ToListAsync(ct);
        return await db.Territories.AsNoTracking()
            .Where(t => communeIds.Contains(t.Id) || db.Territories.Any(c => communeIds.Contains(c.Id) && c.ParentId == t.Id))
            .OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(ct);
    }

    public OpeningStatus StatusOf(Structure s) => s.Schedule().StatusAt(clock.GetUtcNow());
    public DateTimeOffset Now => clock.GetUtcNow();
}
