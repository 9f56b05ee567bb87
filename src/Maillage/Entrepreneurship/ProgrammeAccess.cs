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
public sealed class ProgrammeAccess(StaffAccess access, MaillageDb db, AuthorisationCache cache)
{
    /// <summary>The programme's staff: its coaches, who follow their own holders, and its managers, who see them all.</summary>
    public static readonly StaffRole[] Staff = [StaffRole.EntrepreneurshipCoach, StaffRole.EntrepreneurshipManager];
    private List<int>? _programmes;
    private List<int>? _managed;

    public string? UserId => access.UserId;

    /// <summary>The programmes the signed-in person works on (as a coach or as the manager).</summary>
    public async Task<IReadOnlyList<int>> ProgrammeIdsAsync(CancellationToken ct = default)
    {
        if (_programmes is not null) return _programmes;
        var assignments = (await access.AssignmentsAsync()).Where(a => Staff.Contains(a.Role)).ToList();
        if (assignments.Count == 0)
        {
            _managed = [];
            return _programmes = [];
        }
        var programmes = await PlacesAsync(ct);
        _programmes = [.. programmes.Where(p => assignments.Any(p.Covers)).Select(p => p.Id)];
        _managed = [.. programmes.Where(p => assignments.Any(a => a.Role == StaffRole.EntrepreneurshipManager && p.Covers(a))).Select(p => p.Id)];
        return _programmes;
    }

    /// <summary>Where a programme is: its Cité, its permanence and the structure above it, its operating partner.</summary>
    public sealed record Place(int Id, int CiteId, int? StructureId, int? ParentStructureId, int? PartnerId)
    {
        /// <summary>Whether a role given on <paramref name="a"/>'s scope reaches the programme.</summary>
        public bool Covers(RoleAssignment a) => a.Scope switch
        {
            ScopeKind.Platform => true,
            ScopeKind.Cite => a.CiteId == CiteId,
            ScopeKind.Structure => StructureId is { } s && (a.StructureId == s || (ParentStructureId is { } parent && a.StructureId == parent)),
            ScopeKind.Partner => PartnerId is { } partner && a.PartnerId == partner,
            _ => false,
        };
    }

    /// <summary>The cache entry of every programme's place (<see cref="AuthorisationCache.SharedAsync{T}"/>).</summary>
    public const string PlacesCacheKind = "entrepreneurship:places";

    /// <summary>
    /// Every programme's place, read on each request of the programme's staff: kept as long as role assignments are
    /// (<see cref="AuthorisationCache"/>, 30 s by default) — programmes are reference data, written only when the
    /// reference network is loaded, which forgets the entry (<see cref="ReferenceProgramme"/>).
    /// </summary>
    private Task<IReadOnlyList<Place>> PlacesAsync(CancellationToken ct) => cache.SharedAsync<IReadOnlyList<Place>>(PlacesCacheKind, async () =>
    {
        var programmes = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking()
            .Select(p => new { p.Id, p.CiteId, p.StructureId, p.OperatorPartnerId }).ToListAsync(ct);
        var structures = programmes.Where(p => p.StructureId != null).Select(p => p.StructureId!.Value).ToArray();
        var parents = await db.Set<Network.Structure>().IgnoreQueryFilters().AsNoTracking().Where(s => structures.Contains(s.Id))
            .Select(s => new { s.Id, s.ParentId }).ToDictionaryAsync(s => s.Id, s => s.ParentId, ct);
        return [.. programmes.Select(p => new Place(p.Id, p.CiteId, p.StructureId, p.StructureId is { } s ? parents.GetValueOrDefault(s) : null, p.OperatorPartnerId))];
    });

    /// <summary>The places of the programmes the signed-in person works on (<see cref="ProgrammeIdsAsync"/>), by id.</summary>
    public async Task<IReadOnlyList<Place>> MyPlacesAsync(CancellationToken ct = default)
    {
        var mine = await ProgrammeIdsAsync(ct);
        return [.. (await PlacesAsync(ct)).Where(p => mine.Contains(p.Id)).OrderBy(p => p.Id)];
    }

    /// <summary>A member of a programme's staff a holder can be given to.</summary>
    public sealed record Coach(string UserId, string Name, bool Manager);

    /// <summary>The programme's coaches and managers (those whose role reaches its place), by name: whom a manager gives a holder to.</summary>
    public async Task<IReadOnlyList<Coach>> CoachesAsync(int programmeId, CancellationToken ct = default)
    {
        var place = (await PlacesAsync(ct)).Single(p => p.Id == programmeId);
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => Staff.Contains(a.Role)).ToListAsync(ct);
        var reached = assignments.Where(place.Covers).GroupBy(a => a.UserId)
            .ToDictionary(g => g.Key, g => g.Any(a => a.Role == StaffRole.EntrepreneurshipManager));
        var ids = reached.Keys.ToArray();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return [.. users.Select(u => new Coach(u.Id, u.DisplayName ?? u.Email ?? u.Id, reached[u.Id])).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The programmes the signed-in person manages: she sees all their holders, not only those she follows.</summary>
    public async Task<IReadOnlyList<int>> ManagedIdsAsync(CancellationToken ct = default)
    {
        await ProgrammeIdsAsync(ct);
        return _managed!;
    }

    /// <summary>
    /// The holders the signed-in person may open: in the programmes she manages, all; in those she coaches, the ones she
    /// follows (<see cref="ProjectHolder.CoachUserId"/>) — "seen by their coaches only" (issue 23).
    /// </summary>
    public async Task<IQueryable<ProjectHolder>> VisibleAsync(CancellationToken ct = default)
    {
        var managed = (await ManagedIdsAsync(ct)).ToArray();
        var coached = (await ProgrammeIdsAsync(ct)).Except(managed).ToArray();
        var me = UserId;
        var holders = db.Set<ProjectHolder>().IgnoreQueryFilters();
        // One plain predicate per case, not one with an OR, and an equality for the usual single programme rather than a
        // list (json_each on SQLite): a coach's reads then go through the indexes that start with her id and the programme
        // (the board counts her holders from an index alone), a manager's through those that start with the programme.
        if (coached.Length == 0 || me is null)
        {
            if (managed.Length == 1) { var only = managed[0]; return holders.Where(h => h.ProgrammeId == only); }
            return holders.Where(h => managed.Contains(h.ProgrammeId));
        }
        if (managed.Length == 0)
        {
            if (coached.Length == 1) { var only = coached[0]; return holders.Where(h => h.CoachUserId == me && h.ProgrammeId == only); }
            return holders.Where(h => h.CoachUserId == me && coached.Contains(h.ProgrammeId));
        }
        return holders.Where(h => managed.Contains(h.ProgrammeId) || (h.CoachUserId == me && coached.Contains(h.ProgrammeId)));
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
        return await (await VisibleAsync(ct)).Include(h => h.Steps).FirstOrDefaultAsync(h => h.Id == id, ct)
               ?? throw new NotFoundProblem(new($"Aucun porteur de projet n'a le numéro {id}.", $"No project holder has the id {id}."));
    }
}
