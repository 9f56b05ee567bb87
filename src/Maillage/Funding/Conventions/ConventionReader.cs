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

/// <summary>What a person may do with a convention they read (issue 21, items 11 and 2).</summary>
public enum ConventionUse
{
    /// <summary>Read it, its reports and calls for funds: the Cité's coordinators and administrators, the coordinators of a structure it concerns, a funder party's staff.</summary>
    Read,
    /// <summary>Write the annual report's commentary and send it: the Cité's coordinators and administrators, the coordinators of a structure it concerns.</summary>
    Report,
    /// <summary>Keep it (terms, days, amounts, payments, costs, documents): the Cité's coordinators and administrators.</summary>
    Keep,
}

/// <summary>A convention with its computed sheet, the names its ids stand for, and what the reader may do with it.</summary>
internal sealed record ConventionView(Convention Convention, ConventionSheet Sheet, string CiteName, string CiteSlug,
    IReadOnlyDictionary<int, string> Structures, IReadOnlyDictionary<int, string> Territories, ConventionUse Use = ConventionUse.Keep)
{
    public bool CanReport => Use >= ConventionUse.Report;
    public bool CanKeep => Use >= ConventionUse.Keep;
    /// <summary>
    /// A funder's staff (the only readers who neither report nor keep: the same test as <see cref="FunderAudience"/>'s
    /// partner scope) read the figures of people under disclosure control; the Cité's and the structures' staff read them exactly.
    /// </summary>
    public bool UnderDisclosureControl => Use == ConventionUse.Read;
}

/// <summary>
/// Who opens which convention (docs/funding.md, "Who reads what"): the coordinators and administrators of its Cité keep
/// it; the coordinators and administrators of a structure it concerns (or of that structure's parent) read it and write
/// its reports; the staff of a partner that is one of its funder parties (a role on <c>partner:</c>) read it, its reports
/// and its calls for funds. Anyone else gets the same answer as for a convention that does not exist.
/// </summary>
internal sealed class ConventionReader(MaillageDb db, StaffAccess access, IOptions<FundingOptions> options, TimeProvider clock)
{
    /// <summary>The roles of a structure's staff that open the conventions concerning it.</summary>
    public static readonly StaffRole[] StructureReaders = [StaffRole.Coordinator, StaffRole.Administrator];
    /// <summary>The role of a funder's staff (on the partner's scope) that opens the conventions it funds.</summary>
    public static readonly StaffRole[] FunderReaders = [StaffRole.Funder];

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public decimal Tolerance => options.Value.Tolerance;

    /// <summary>The reader's rights, from their role assignments.</summary>
    private sealed record Rights(bool Everywhere, int[] Cites, int[] Structures, int[] Partners);

    private Rights? _rights;

    private async Task<Rights> RightsAsync()
    {
        if (_rights is not null) return _rights;
        var assignments = await access.AssignmentsAsync();
        var everywhere = assignments.Any(a => a.Scope == ScopeKind.Platform && FundingModule.Managers.Contains(a.Role));
        var cites = assignments.Where(a => a.Scope == ScopeKind.Cite && FundingModule.Managers.Contains(a.Role)).Select(a => a.CiteId!.Value).Distinct().ToArray();
        var own = assignments.Where(a => a.Scope == ScopeKind.Structure && StructureReaders.Contains(a.Role)).Select(a => a.StructureId!.Value).Distinct().ToArray();
        // A structure's coordinators also read what concerns its relays (the structures whose parent it is).
        var structures = own.Length == 0 ? own
            : await db.Structures.IgnoreQueryFilters().AsNoTracking().Where(s => own.Contains(s.Id) || (s.ParentId != null && own.Contains(s.ParentId.Value))).Select(s => s.Id).ToArrayAsync();
        var partners = assignments.Where(a => a.Scope == ScopeKind.Partner && FunderReaders.Contains(a.Role)).Select(a => a.PartnerId!.Value).Distinct().ToArray();
        return _rights = new Rights(everywhere, cites, structures, partners);
    }

    /// <summary>The conventions the reader opens for at least <paramref name="use"/>.</summary>
    private static IQueryable<Convention> Open(IQueryable<Convention> conventions, Rights r, ConventionUse use)
    {
        if (r.Everywhere) return conventions;
        var cites = r.Cites;
        var structures = use <= ConventionUse.Report ? r.Structures : [];
        var partners = use <= ConventionUse.Read ? r.Partners : [];
        return conventions.Where(c => cites.Contains(c.CiteId)
            || c.Structures.Any(s => structures.Contains(s.StructureId))
            || c.Parties.Any(p => p.Role == PartyRole.Funder && p.PartnerId != null && partners.Contains(p.PartnerId.Value)));
    }

    private static ConventionUse UseOf(Convention c, Rights r)
    {
        if (r.Everywhere || r.Cites.Contains(c.CiteId)) return ConventionUse.Keep;
        if (c.Structures.Any(s => r.Structures.Contains(s.StructureId))) return ConventionUse.Report;
        return ConventionUse.Read;
    }

    /// <summary>The Cités whose conventions the person keeps (the new convention form's choice).</summary>
    public async Task<IReadOnlyList<Cite>> CitesAsync(CancellationToken ct) =>
        await (await access.ManageableCitesAsync(FundingModule.Managers)).OrderBy(c => c.Name).AsNoTracking().ToListAsync(ct);

    /// <summary>The Cités where the person reads at least one convention (or keeps them all).</summary>
    public async Task<IReadOnlyList<Cite>> ReadableCitesAsync(CancellationToken ct)
    {
        var r = await RightsAsync();
        var kept = r.Cites;
        var withOne = await Open(db.Conventions.IgnoreQueryFilters().AsNoTracking(), r, ConventionUse.Read).Select(c => c.CiteId).Distinct().ToListAsync(ct);
        return await db.Cites.AsNoTracking().Where(c => r.Everywhere || kept.Contains(c.Id) || withOne.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(ct);
    }

    private IQueryable<Convention> Full() => ConventionQueries.Full(db);

    /// <summary>
    /// The Cités where the person holds the Funder role on the whole Cité (<c>cite:</c>) and reads none of its conventions:
    /// a funder's conventions are those of its organisation (a role on <c>partner:</c>), so Maillage cannot tell which they
    /// fund. Each with the Cité's administrators, who can give the role on the right partner.
    /// </summary>
    public async Task<IReadOnlyList<CiteWideFunder>> CiteWideFunderAsync(IReadOnlyCollection<int> readable, CancellationToken ct)
    {
        var assignments = await access.AssignmentsAsync();
        var citeIds = assignments.Where(a => a.Scope == ScopeKind.Cite && FunderReaders.Contains(a.Role) && !readable.Contains(a.CiteId!.Value)).Select(a => a.CiteId!.Value).Distinct().ToList();
        if (citeIds.Count == 0) return [];
        var cites = await db.Cites.IgnoreQueryFilters().AsNoTracking().Where(c => citeIds.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(ct);
        var admins = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.Role == StaffRole.Administrator && a.Scope == ScopeKind.Cite && citeIds.Contains(a.CiteId!.Value))
            .Join(db.Users.AsNoTracking(), a => a.UserId, u => u.Id, (a, u) => new { CiteId = a.CiteId!.Value, Name = u.DisplayName ?? u.Email!, Email = u.Email! })
            .ToListAsync(ct);
        return cites.Select(c => new CiteWideFunder(c, admins.Where(a => a.CiteId == c.Id).OrderBy(a => a.Name).Select(a => (a.Name, a.Email)).Distinct().ToList())).ToList();
    }

    /// <summary>The conventions of a Cité the person reads, with their sheets, or null when they read none of that Cité's and do not keep them.</summary>
    public async Task<IReadOnlyList<ConventionView>?> ListAsync(int citeId, CancellationToken ct)
    {
        var r = await RightsAsync();
        var list = await Open(Full(), r, ConventionUse.Read).Where(c => c.CiteId == citeId).OrderBy(c => c.Title).ToListAsync(ct);
        if (list.Count == 0 && !r.Everywhere && !r.Cites.Contains(citeId)) return null;
        return await ViewsAsync(list, r, ct);
    }

    /// <summary>One convention, or null when it does not exist or the person may not use it so (the same answer: nothing leaks).</summary>
    public async Task<ConventionView?> GetAsync(int id, CancellationToken ct, ConventionUse use = ConventionUse.Read)
    {
        var r = await RightsAsync();
        var c = await Open(Full(), r, use).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        return (await ViewsAsync([c], r, ct))[0];
    }

    /// <summary>The territories of the conventions of a Cité a funder's staff read (its <see cref="FunderAudience"/>), empty when none.</summary>
    public async Task<IReadOnlySet<int>> FundedTerritoriesAsync(int citeId, CancellationToken ct)
    {
        var r = await RightsAsync();
        if (r.Partners.Length == 0) return new HashSet<int>();
        var partners = r.Partners;
        return (await db.Conventions.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.CiteId == citeId && c.Parties.Any(p => p.Role == PartyRole.Funder && p.PartnerId != null && partners.Contains(p.PartnerId.Value)))
            .SelectMany(c => c.Territories.Select(t => t.TerritoryId)).Distinct().ToListAsync(ct)).ToHashSet();
    }

    private async Task<IReadOnlyList<ConventionView>> ViewsAsync(IReadOnlyList<Convention> list, Rights r, CancellationToken ct)
    {
        var citeIds = list.Select(c => c.CiteId).Distinct().ToList();
        var cites = await db.Cites.AsNoTracking().Where(c => citeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var structures = await db.Structures.AsNoTracking().Where(s => citeIds.Contains(s.CiteId)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var territories = await db.Territories.AsNoTracking().Where(t => citeIds.Contains(t.CiteId)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var today = Today;
        return list.Select(c => new ConventionView(c, ConventionSheet.Build(c, Tolerance, today), cites[c.CiteId].Name, cites[c.CiteId].Slug, structures, territories, UseOf(c, r))).ToList();
    }
}

/// <summary>A Cité where the person is a funder on the whole Cité, not on a partner, and the administrators who can change it.</summary>
internal sealed record CiteWideFunder(Cite Cite, IReadOnlyList<(string Name, string Email)> Administrators);

/// <summary>
/// What a funder's staff read of the indicators (issue 21, item 11): the territories of the conventions their partner
/// funds in that Cité (and what lies inside them), under disclosure control; nothing when it funds none there.
/// </summary>
internal sealed class FunderAudience(ConventionReader reader) : Platform.Indicators.IIndicatorAudience
{
    public async Task<Platform.Indicators.IndicatorGrant?> GrantAsync(System.Security.Claims.ClaimsPrincipal user, int citeId, CancellationToken ct)
    {
        var territories = await reader.FundedTerritoriesAsync(citeId, ct);
        return territories.Count == 0 ? null : new Platform.Indicators.IndicatorGrant(territories);
    }
}
