using Maillage.Platform.Data;
using Maillage.Platform.Localization;
using Maillage.Visits.Categories;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Visits.Kiosk;

/// <summary>The exit screen: one smiley, recorded with the structure and the quarter hour only.</summary>
[AllowAnonymous]
[EnableRateLimiting(KioskSession.RateLimit)]
internal sealed class ExitModel(KioskSession kiosks, MaillageDb db, TimeProvider clock) : PageModel
{
    [TempData] public string? Notice { get; set; }
    public Network.Structure? Structure { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Structure = (await kiosks.FindAsync(HttpContext))?.Structure;
        if (Structure is null) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Satisfaction satisfaction)
    {
        if (await kiosks.FindAsync(HttpContext) is not { } found)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Structure = found.Structure;
        if (!Enum.IsDefined(satisfaction)) return BadRequest();
        db.KioskFeedback.Add(new KioskFeedback
        {
            CiteId = found.Structure.CiteId, StructureId = found.Structure.Id, Quarter = QuarterHour.Of(clock.GetUtcNow()), Satisfaction = satisfaction,
        });
        await db.SaveChangesAsync();
        Notice = Text.T("Merci pour votre avis, et à bientôt !", "Thank you, and see you soon!");
        return RedirectToPage();
    }
}
