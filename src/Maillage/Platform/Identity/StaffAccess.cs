using System.Security.Claims;
using Maillage.Network;
using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Identity;

/// <summary>
/// What the signed-in member of staff may do, from their role assignments (kept a few seconds by <see cref="AuthorisationCache"/>).
/// Pages and endpoints ask it about a resource: "may this person manage that structure?".
/// </summary>
public sealed class StaffAccess(IHttpContextAccessor http, MaillageDb db, AuthorisationCache cache)
{
    private IReadOnlyList<RoleAssignment>? _assignments;

    public string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<IReadOnlyList<RoleAssignment>> AssignmentsAsync()
    {
        if (_assignments is not null) return _assignments;
        var id = UserId;
        _assignments = id is null ? [] : await cache.AssignmentsAsync(id, async () => await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == id).ToListAsync());
        return _assignments;
    }

    public static readonly StaffRole[] NetworkManagers = [StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];
    public static readonly StaffRole[] Administrators = [StaffRole.Administrator, StaffRole.PlatformOperator];

    public async Task<bool> IsPlatformWideAsync() =>
        (await AssignmentsAsync()).Any(a => a.Scope == ScopeKind.Platform);

    /// <summary>The Cités the person works in; null means every Cité (a platform-wide role).</summary>
    public async Task<int[]?> CiteIdsAsync()
    {
        var assignments = await AssignmentsAsync();
        if (assignments.Any(a => a.Scope == ScopeKind.Platform)) return null;
        return assignments.Where(a => a.CiteId is not null).Select(a => a.CiteId!.Value).Distinct().ToArray();
    }

    public async Task<bool> HasRoleAsync(params StaffRole[] roles) => (await AssignmentsAsync()).Any(a => roles.Contains(a.Role));

    /// <summary>Platform-wide, on the structure's Cité, on the structure itself, or on its parent.</summary>
    public Task<bool> CanAsync(StaffRole[] roles, Structure structure) => CanOnStructureAsync(roles, structure.Id, structure.CiteId, structure.ParentId);

    /// <summary>As <see cref="CanAsync(StaffRole[], Structure)"/>, from the structure's id, Cité and parent alone.</summary>
    public async Task<bool> CanOnStructureAsync(StaffRole[] roles, int structureId, int citeId, int? parentId) =>
        (await AssignmentsAsync()).Any(a => roles.Contains(a.Role) && a.Scope switch
        {
            ScopeKind.Platform => true,
            ScopeKind.Cite => a.CiteId == citeId,
            ScopeKind.Structure => a.StructureId == structureId || (parentId is not null && a.StructureId == parentId),
            _ => false,
        });

    public async Task<bool> CanOnCiteAsync(StaffRole[] roles, int citeId) =>
        (await AssignmentsAsync()).Any(a => roles.Contains(a.Role) && (a.Scope == ScopeKind.Platform || (a.Scope == ScopeKind.Cite && a.CiteId == citeId)));

    /// <summary>Structures the person may manage with one of the roles, for lists and pickers.</summary>
    public async Task<IQueryable<Structure>> ManageableStructuresAsync(StaffRole[] roles)
    {
        var assignments = (await AssignmentsAsync()).Where(a => roles.Contains(a.Role)).ToList();
        if (assignments.Any(a => a.Scope == ScopeKind.Platform)) return db.Structures;
        var cites = assignments.Where(a => a.Scope == ScopeKind.Cite).Select(a => a.CiteId!.Value).ToArray();
        var structures = assignments.Where(a => a.Scope == ScopeKind.Structure).Select(a => a.StructureId!.Value).ToArray();
        return db.Structures.Where(s => cites.Contains(s.CiteId) || structures.Contains(s.Id) || (s.ParentId != null && structures.Contains(s.ParentId.Value)));
    }

    public async Task<IQueryable<Cite>> ManageableCitesAsync(StaffRole[] roles)
    {
        var assignments = (await AssignmentsAsync()).Where(a => roles.Contains(a.Role)).ToList();
        if (assignments.Any(a => a.Scope == ScopeKind.Platform)) return db.Cites;
        var cites = assignments.Where(a => a.Scope == ScopeKind.Cite).Select(a => a.CiteId!.Value).ToArray();
        return db.Cites.Where(c => cites.Contains(c.Id));
    }
}

/// <summary>Attributes changes to the signed-in person, or to "system" outside a request.</summary>
internal sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? UserName => http.HttpContext?.User.Identity?.IsAuthenticated == true ? http.HttpContext.User.Identity.Name : "system";
}
