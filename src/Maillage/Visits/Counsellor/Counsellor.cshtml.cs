using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Maillage.Visits.Categories;
using Maillage.Visits.Reception;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Counsellor;

/// <summary>
/// A partner counsellor logs an advice interview at a pole: partner, duration bracket, needs, services,
/// referral, and the visitor's categories. Anonymous like every visit.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class CounsellorModel(MaillageDb db, StaffAccess access, VisitIntake intake, VisitRecorder recorder, ReceptionDesk desk) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [BindProperty] public VisitForm Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public Structure Structure { get; private set; } = null!;
    public ReceptionDesk.Defaults Defaults { get; private set; } = null!;
    public ReceptionDesk.TodayCounts Today { get; private set; } = null!;
    public IReadOnlyList<Partner> Partners { get; private set; } = [];
    public IReadOnlyList<Territory> Territories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        Input = new VisitForm { ClientId = Guid.NewGuid(), Services = [CategoryText.ApiName(Services.AdviceInterview)] };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.Clear();
        var entry = Input.ToEntry(Structure.Id, VisitKind.Interview, EntrySource.Counsellor, ModelState);
        if (entry is not null)
        {
            try
            {
                var recorded = await recorder.RecordAsync(await intake.PrepareAsync([entry], batch: false, HttpContext.RequestAborted));
                Notice = recorded == 1 ? Text.T("Entretien enregistré.", "Interview recorded.") : Text.T("Cet entretien était déjà enregistré.", "This interview was already recorded.");
                return RedirectToPage(new { Id });
            }
            catch (RuleViolation rule)
            {
                ModelState.AddRule(rule);
            }
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var structure = await db.Structures.AsNoTracking().Include(s => s.Poles).FirstOrDefaultAsync(s => s.Id == Id);
        if (structure is null) return NotFound();
        if (!await access.CanAsync(VisitIntake.Loggers, structure)) return Forbid();
        Structure = structure;
        Defaults = await desk.DefaultsAsync(structure);
        Today = await desk.TodayAsync(structure);
        var poleIds = structure.Poles.Select(p => p.Id).ToArray();
        // Partners who staff a pole of this structure come first.
        Partners = await db.Partners.AsNoTracking().Where(p => p.CiteId == structure.CiteId)
            .OrderByDescending(p => p.Poles.Any(pp => poleIds.Contains(pp.PoleId))).ThenBy(p => p.Name).ToListAsync();
        Territories = await db.Territories.AsNoTracking().Where(t => t.CiteId == structure.CiteId && t.Kind != TerritoryKind.Qpv).OrderBy(t => t.Name).ToListAsync();
        return null;
    }
}
