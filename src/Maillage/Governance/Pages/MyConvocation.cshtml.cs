using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Governance.Pages;

/// <summary>
/// A session opened from « Mes convocations »: what the e-mail's personal link gives (<see cref="ConvocationModel"/>), no
/// more, and the same acknowledgement of receipt recorded on the first opening. A session the user was not convened to,
/// as a member, answers 404.
/// </summary>
[Authorize(Policy = GovernanceModule.MembersPolicy)]
internal sealed class MyConvocationModel(Convocations convocations, StaffAccess access) : PageModel
{
    [FromRoute] public int SessionId { get; set; }
    public Convocations.Opened Opened { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await convocations.OpenForUserAsync(access.UserId!, SessionId, ct) is not { } opened) return NotFound();
        Opened = opened;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
