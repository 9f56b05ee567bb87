using Maillage.Network;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Identity.Users;

/// <summary>
/// What an administrator may see and grant: every Cité for a platform operator (or a platform-wide
/// administrator), otherwise only the Cités they administer. Shared by the users pages and the audit trail.
/// </summary>
internal sealed record AdminScope(bool PlatformWide, int[] CiteIds)
{
    public static async Task<AdminScope> OfAsync(StaffAccess access, MaillageDb db)
    {
        var assignments = await access.AssignmentsAsync();
        var platform = assignments.Any(a => a.Scope == ScopeKind.Platform && StaffAccess.Administrators.Contains(a.Role));
        var cites = platform
            ? await db.Cites.IgnoreQueryFilters().Select(c => c.Id).ToArrayAsync()
            : assignments.Where(a => a.Scope == ScopeKind.Cite && StaffAccess.Administrators.Contains(a.Role)).Select(a => a.CiteId!.Value).Distinct().ToArray();
        return new AdminScope(platform, cites);
    }

    public bool Covers(RoleAssignment a) => PlatformWide || a.CiteId is { } cite && CiteIds.Contains(cite);
}
