using Maillage.Network;
using Microsoft.Extensions.Options;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Statistics;

/// <summary>Which structures a question covers, and whether its figures must go through disclosure control.</summary>
internal sealed record StatsScope(int[] CiteIds, int[] StructureIds, bool Protected);

/// <summary>
/// Role on scope for statistics: the staff of a structure (reception agents, counsellors, coordinators,
/// administrators on it, its parent or its Cité) read exact counts; a funder reads the structures of its
/// scope through disclosure control. Anyone else reads nothing.
/// </summary>
internal sealed class StatsAccess(StaffAccess access, IOptions<VisitsOptions> options)
{
    public static readonly StaffRole[] ExactReaders =
        [StaffRole.ReceptionAgent, StaffRole.Counsellor, StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];
    public static readonly StaffRole[] ProtectedReaders = [StaffRole.Funder];

    public int Threshold => options.Value.DisclosureThreshold;

    public sealed record Readable(int Id, int CiteId, string Name, bool Exact);

    /// <summary>Every structure the person may read figures of, exact ones first.</summary>
    public async Task<IReadOnlyList<Readable>> StructuresAsync(CancellationToken ct = default)
    {
        var exact = await (await access.ManageableStructuresAsync(ExactReaders)).AsNoTracking()
            .Select(s => new Readable(s.Id, s.CiteId, s.Name, true)).ToListAsync(ct);
        var funded = await (await access.ManageableStructuresAsync(ProtectedReaders)).AsNoTracking()
            .Select(s => new Readable(s.Id, s.CiteId, s.Name, false)).ToListAsync(ct);
        return exact.Concat(funded.Where(f => exact.All(e => e.Id != f.Id))).OrderBy(s => s.Name).ToList();
    }

    /// <summary>
    /// The scope narrowed to one Cité, named by its slug. A Cité outside the scope (or unknown: nothing tells them apart)
    /// is refused with 403, never answered silently with the reader's own figures (issue 19, item 12).
    /// </summary>
    public async Task<StatsScope> WithinCiteAsync(StatsScope scope, string slug, Platform.Data.MaillageDb db, CancellationToken ct = default)
    {
        var id = await db.Cites.AsNoTracking().Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (id is not { } citeId || !scope.CiteIds.Contains(citeId))
            throw new RuleViolation("cite", new($"Vous n'avez pas accès aux chiffres de la Cité « {slug} ».", $"You may not read the figures of the Cité \"{slug}\"."), StatusCodes.Status403Forbidden);
        var structures = await db.Structures.AsNoTracking().Where(s => s.CiteId == citeId && scope.StructureIds.Contains(s.Id)).Select(s => s.Id).ToArrayAsync(ct);
        return scope with { CiteIds = [citeId], StructureIds = structures };
    }

    /// <summary>The scope of a question on one structure, or on every readable structure when none is given.</summary>
    public async Task<StatsScope> ResolveAsync(int? structureId, CancellationToken ct = default)
    {
        var readable = await StructuresAsync(ct);
        if (structureId is { } id)
        {
            var one = readable.FirstOrDefault(s => s.Id == id)
                ?? throw new RuleViolation("structure", new("Vous n'avez pas accès aux chiffres de cette structure.", "You may not read the figures of this structure."), StatusCodes.Status403Forbidden);
            return new StatsScope([one.CiteId], [one.Id], !one.Exact);
        }
        return new StatsScope(readable.Select(s => s.CiteId).Distinct().ToArray(), readable.Select(s => s.Id).ToArray(), readable.Any(s => !s.Exact));
    }
}
