using Maillage.Funding.Rules;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Funding.Conventions;

/// <summary>The whole of a convention, read once, for its sheet.</summary>
internal static class ConventionQueries
{
    public static IQueryable<Convention> Full(MaillageDb db) => db.Conventions.AsNoTracking().AsSplitQuery()
        .Include(c => c.Parties).Include(c => c.Structures).Include(c => c.Territories)
        .Include(c => c.Actions).ThenInclude(a => a.Days).Include(c => c.Years)
        .Include(c => c.CostSharing).ThenInclude(r => r.Costs)
        .Include(c => c.SubsidyTables).ThenInclude(t => t.Columns).ThenInclude(col => col.Figures)
        .Include(c => c.PaymentRules).Include(c => c.Payments).Include(c => c.Targets).Include(c => c.Amendments);
}

/// <summary>A convention with its computed sheet and the names its ids stand for.</summary>
internal sealed record ConventionView(Convention Convention, ConventionSheet Sheet, string CiteName, string CiteSlug,
    IReadOnlyDictionary<int, string> Structures, IReadOnlyDictionary<int, string> Territories);

/// <summary>Reads the conventions a person may read (the coordinators and administrators of their Cité) and computes their sheets.</summary>
internal sealed class ConventionReader(MaillageDb db, StaffAccess access, IOptions<FundingOptions> options, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public decimal Tolerance => options.Value.Tolerance;

    public async Task<IReadOnlyList<Cite>> CitesAsync(CancellationToken ct) =>
        await (await access.ManageableCitesAsync(FundingModule.Managers)).OrderBy(c => c.Name).AsNoTracking().ToListAsync(ct);

    private IQueryable<Convention> Full() => ConventionQueries.Full(db);

    /// <summary>The conventions of a Cité with their sheets, or null when the person may not read that Cité's.</summary>
    public async Task<IReadOnlyList<ConventionView>?> ListAsync(int citeId, CancellationToken ct)
    {
        if (!await access.CanOnCiteAsync(FundingModule.Managers, citeId)) return null;
        var list = await Full().Where(c => c.CiteId == citeId).OrderBy(c => c.Title).ToListAsync(ct);
        return await ViewsAsync(list, ct);
    }

    /// <summary>One convention, or null when it does not exist or the person may not read it (the same answer: nothing leaks).</summary>
    public async Task<ConventionView?> GetAsync(int id, CancellationToken ct)
    {
        var c = await Full().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !await access.CanOnCiteAsync(FundingModule.Managers, c.CiteId)) return null;
        return (await ViewsAsync([c], ct))[0];
    }

    private async Task<IReadOnlyList<ConventionView>> ViewsAsync(IReadOnlyList<Convention> list, CancellationToken ct)
    {
        var citeIds = list.Select(c => c.CiteId).Distinct().ToList();
        var cites = await db.Cites.AsNoTracking().Where(c => citeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var structures = await db.Structures.AsNoTracking().Where(s => citeIds.Contains(s.CiteId)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var territories = await db.Territories.AsNoTracking().Where(t => citeIds.Contains(t.CiteId)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var today = Today;
        return list.Select(c => new ConventionView(c, ConventionSheet.Build(c, Tolerance, today), cites[c.CiteId].Name, cites[c.CiteId].Slug, structures, territories)).ToList();
    }
}
