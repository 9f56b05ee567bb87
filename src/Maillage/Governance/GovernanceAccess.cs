using Maillage.Platform.Identity;

namespace Maillage.Governance;

/// <summary>Who manages a body (issue 22 item 8): the Cité's coordinators and administrators, and the body's own secretary.</summary>
public sealed class GovernanceAccess(StaffAccess access)
{
    public async Task<bool> MayManageAsync(Body body) =>
        (access.UserId is { } user && body.SecretaryUserId == user) || await access.CanOnCiteAsync(GovernanceModule.Managers, body.CiteId);
}
