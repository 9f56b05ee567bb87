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

/// <remarks>
/// The menu asks on every staff page: the answer is kept as long as the person's role assignments
/// (<see cref="Platform.Identity.AuthorisationCache.PersonFactAsync{T}"/>); the member form forgets it when it links or
/// unlinks an account. The page itself lists only the sessions the person is convened to, whatever the menu shows.
/// </remarks>
internal sealed class BodyMemberHandler(Convocations convocations, Platform.Identity.AuthorisationCache cache) : AuthorizationHandler<BodyMemberRequirement>
{
    public const string CacheKind = "governance:member";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, BodyMemberRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            && await cache.PersonFactAsync(CacheKind, user, () => convocations.IsMemberAsync(user)))
            context.Succeed(requirement);
    }
}
