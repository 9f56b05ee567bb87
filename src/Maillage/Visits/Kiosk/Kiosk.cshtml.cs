using Maillage.Network;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Maillage.Visits.Categories;
using Maillage.Visits.Reception;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Visits.Kiosk;

/// <summary>
/// The entrance kiosk: a visitor taps their public, their age, then their need, which records an anonymous
/// visit at the kiosk's structure. No account, no personal data; rate-limited per tablet.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(KioskSession.RateLimit)]
internal sealed class KioskModel(KioskSession kiosks, VisitIntake intake, VisitRecorder recorder) : PageModel
{
    [BindProperty] public VisitForm Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public Structure? Structure { get; private set; }
    public IReadOnlyList<Needs> Needs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Closed();
        Input = new VisitForm { ClientId = Guid.NewGuid() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Closed();
        ModelState.Clear();
        var entry = Input.ToEntry(Structure!.Id, VisitKind.Visit, EntrySource.Kiosk, ModelState);
        if (entry is not null)
        {
            if (entry.Needs == Categories.Needs.None)
                ModelState.AddModelError($"{VisitForm.Prefix}.Needs", Text.T("Touchez votre besoin.", "Tap your need."));
            else
            {
                try
                {
                    await recorder.RecordAsync(await intake.PrepareKioskAsync(entry with { Gender = Gender.NotSaid, Services = Services.None }, HttpContext.RequestAborted));
                    Notice = Text.T("Merci ! Un conseiller va vous accueillir.", "Thank you! An adviser will see you.");
                    return RedirectToPage();
                }
                catch (RuleViolation rule)
                {
                    ModelState.AddRule(rule);
                }
            }
        }
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await kiosks.FindAsync(HttpContext) is not { } found) return false;
        Structure = found.Structure;
        var themes = found.Structure.Poles.OrderBy(p => p.Order).Select(CategoryText.ThemeOf).Distinct().ToList();
        Needs = themes.Append(Categories.Needs.Other).Distinct().ToList();
        return true;
    }

    private IActionResult Closed()
    {
        Structure = null;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
