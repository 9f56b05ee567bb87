using Maillage.Platform.Identity;
using Maillage.Platform.Errors;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship;

/// <summary>
/// Who may read and write a programme's holders (issue 23 item 6): the holders of the role <c>EntrepreneurshipCoach</c>
/// on the programme's permanence (or the structure above it), on its operating partner, on its Cité, or platform-wide.
/// Not the Cité's administrators or coordinators without that role, not funders (they read aggregates through the
/// indicators), not another Cité's coaches. A holder outside one's programmes answers 404, as an unknown one.
/// </summary>
public sealed class ProgrammeAccess(StaffAccess access, MaillageDb db)
{
    private static readonly StaffRole[] Coaches = [StaffRole.EntrepreneurshipCoach];
    private List<int>? _programmes;

    public string? UserId => access.UserId;

    /// <summary>The programmes the signed-in person works on.</summary>
    public async Task<IReadOnlyList<int>> ProgrammeIdsAsync(CancellationToken ct = default)
    {
        if (_programmes is not null) return _programmes;
        var assignments = (await access.AssignmentsAsync()).Where(a => a.Role == StaffRole.EntrepreneurshipCoach).ToList();
        if (assignments.Count == 0) return _programmes = [];
        var programmes = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking()
            .Select(p => new { p.Id, p.CiteId, p.StructureId, p.OperatorPartnerId }).ToListAsync(ct);
        var structures = programmes.Where(p => p.StructureId != null).Select(p => p.StructureId!.Value).ToArray();
        var parents = await db.Set<Network.Structure>().IgnoreQueryFilters().AsNoTracking().Where(s => structures.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.ParentId, ct);
        _programmes = [.. programmes.Where(p => assignments.Any(a => a.Scope switch
        {
            ScopeKind.Platform => true,
            ScopeKind.Cite => a.CiteId == p.CiteId,
            ScopeKind.Structure => p.StructureId is { } s && (a.StructureId == s || (parents.GetValueOrDefault(s) is { } parent && a.StructureId == parent)),
            ScopeKind.Partner => p.OperatorPartnerId is { } partner && a.PartnerId == partner,
            _ => false,
        })).Select(p => p.Id)];
        return _programmes;
    }

    public async Task<bool> IsStaffOfAsync(int programmeId, CancellationToken ct = default) => (await ProgrammeIdsAsync(ct)).Contains(programmeId);

    /// <summary>The one programme to write into when none is named: the person's only one (else the field is asked for).</summary>
    public async Task<int> ProgrammeForAsync(int? asked, CancellationToken ct = default)
    {
        var mine = await ProgrammeIdsAsync(ct);
        if (asked is { } id)
            return mine.Contains(id) ? id : throw new RuleViolation("programme", new("Vous n'êtes pas de l'équipe de ce programme.", "You are not on this programme's team."));
        return mine.Count switch
        {
            1 => mine[0],
            0 => throw new RuleViolation("programme", new("Vous n'êtes de l'équipe d'aucun programme.", "You are on no programme's team."), StatusCodes.Status403Forbidden),
            _ => throw new RuleViolation("programme", new("Indiquez le programme.", "Give the programme.")),
        };
    }

    /// <summary>A holder of one of the person's programmes, with its steps; 404 otherwise.</summary>
    public async Task<ProjectHolder> HolderAsync(int id, CancellationToken ct = default)
    {
        var mine = await ProgrammeIdsAsync(ct);
        return await db.Set<ProjectHolder>().IgnoreQueryFilters().Include(h => h.Steps)
                   .FirstOrDefaultAsync(h => h.Id == id && mine.Contains(h.ProgrammeId), ct)
               ?? throw new NotFoundProblem(new($"Aucun porteur de projet n'a le numéro {id}.", $"No project holder has the id {id}."));
    }
}
