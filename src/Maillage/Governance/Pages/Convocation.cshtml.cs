using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Governance.Pages;

/// <summary>
/// A member's convocation opened from the personal link of the e-mail (no account needed): the session, its place or
/// videoconference link, the agenda and its documents, the minutes once approved. The first opening records the
/// acknowledgement of receipt; an unknown token answers 404.
/// </summary>
[AllowAnonymous]
internal sealed class ConvocationModel(Convocations convocations) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";
    public Convocations.Opened Opened { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await convocations.OpenAsync(Token, ct) is not { } opened) return NotFound();
        Opened = opened;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
