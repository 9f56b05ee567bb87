using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Governance.Pages;

/// <summary>
/// « Mes convocations » (issue 22 item 8): a staff user linked to members of bodies (<see cref="BodyMember.UserId"/>, set
/// on the member form) sees the sessions they were convened to, to come and past, and whether they acknowledged each —
/// their own convocations only, whatever the body's Cité.
/// </summary>
[Authorize(Policy = GovernanceModule.MembersPolicy)]
internal sealed class MyConvocationsModel(Convocations convocations, StaffAccess access, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Convocations.MemberConvocation> Coming { get; private set; } = [];
    public IReadOnlyList<Convocations.MemberConvocation> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await convocations.OfUserAsync(access.UserId!, ct);
        var now = clock.GetUtcNow();
        Coming = [.. all.Where(r => r.StartsAt >= now).OrderBy(r => r.StartsAt)];
        Past = [.. all.Where(r => r.StartsAt < now)];
    }
}
