using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Maillage.Governance;

/// <summary>
/// Met by a staff user linked to a member of a body (issue 22 item 8): the link is explicit, set on the member form
/// (<see cref="BodyMember.UserId"/>), never guessed from an e-mail address.
/// </summary>
internal sealed class BodyMemberRequirement : IAuthorizationRequirement
{
    public static readonly BodyMemberRequirement Instance = new();
}

internal sealed class BodyMemberHandler(Convocations convocations) : AuthorizationHandler<BodyMemberRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, BodyMemberRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user && await convocations.IsMemberAsync(user))
            context.Succeed(requirement);
    }
}
