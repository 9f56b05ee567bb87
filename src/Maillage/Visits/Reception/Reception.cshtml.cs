using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Maillage.Visits.Categories;
using Maillage.Visits.Kiosk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Reception;

/// <summary>
/// The reception screen of one structure: the common visit in three taps (public, age, then the gender
/// button records it, with the channel shown above them — the structure's usual one unless changed); need and
/// service only when someone ticks them (none is assumed: "not stated"); today's counts, undo of the last
/// entries, and opening this tablet as a kiosk. Works as plain form posts; visits.js adds keyboard keys
/// and an offline queue.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ReceptionModel(MaillageDb db, StaffAccess access, VisitIntake intake, VisitRecorder recorder, ReceptionDesk desk, TimeProvider clock) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [BindProperty] public VisitForm Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public Structure Structure { get; private set; } = null!;
    public ReceptionDesk.Defaults Defaults { get; private set; } = null!;
    public ReceptionDesk.TodayCounts Today { get; private set; } = null!;
    public IReadOnlyList<ReceptionDesk.LastEntry> LastEntries { get; private set; } = [];
    public IReadOnlyList<Territory> Territories { get; private set; } = [];
    public IReadOnlyList<KioskDevice> Kiosks { get; private set; } = [];
    /// <summary>Whether the person logs visits at another structure too (the link back to the choice of structure).</summary>
    public bool ElsewhereToo { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        Input = new VisitForm { ClientId = Guid.NewGuid() };
        IndexModel.Remember(Response, Structure.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.Clear();
        var entry = Input.ToEntry(Structure.Id, VisitKind.Visit, EntrySource.Reception, ModelState, Defaults.Channel);
        if (entry is not null)
        {
            try
            {
                var recorded = await recorder.RecordAsync(await intake.PrepareAsync([entry], batch: false, HttpContext.RequestAborted));
                Notice = recorded == 1
                    ? Text.T($"Visite enregistrée : {entry.PublicStatus.Label()}, {entry.AgeBracket.Label()}.", $"Visit recorded: {entry.PublicStatus.Label()}, {entry.AgeBracket.Label()}.")
                    : Text.T("Cette visite était déjà enregistrée.", "This visit was already recorded.");
                return RedirectToPage(new { Id });
            }
            catch (RuleViolation rule)
            {
                ModelState.AddRule(rule);
            }
        }
        await LoadListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUndoAsync(Guid clientId)
    {
        if (await LoadAsync() is { } refused) return refused;
        Notice = await recorder.UndoAsync(clientId, Structure.Id, HttpContext.RequestAborted)
            ? Text.T("Saisie annulée.", "Entry undone.")
            : Text.T("Cette saisie n'existe plus ou a déjà été annulée.", "This entry no longer exists or was already undone.");
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var structure = await db.Structures.AsNoTracking().Include(s => s.Poles).FirstOrDefaultAsync(s => s.Id == Id);
        if (structure is null) return NotFound();
        if (!await access.CanAsync(VisitIntake.Loggers, structure)) return Forbid();
        Structure = structure;
        Defaults = await desk.DefaultsAsync(structure);
        ElsewhereToo = await (await access.ManageableStructuresAsync(VisitIntake.Loggers)).AnyAsync(s => s.Id != structure.Id && s.Status != StructureStatus.Closed);
        await LoadListsAsync();
        return null;
    }

    private async Task LoadListsAsync()
    {
        Today = await desk.TodayAsync(Structure);
        LastEntries = await desk.LastEntriesAsync(Structure);
        Territories = await db.Territories.AsNoTracking().Where(t => t.CiteId == Structure.CiteId && (t.Kind == TerritoryKind.Commune || t.Kind == TerritoryKind.Epci || t.Kind == TerritoryKind.Canton))
            .OrderBy(t => t.Name).ToListAsync();
        var now = clock.GetUtcNow();
        Kiosks = (await db.KioskDevices.AsNoTracking().Where(k => k.StructureId == Structure.Id && k.EndedAt == null).ToListAsync())
            .Where(k => k.IsActive(now)).OrderBy(k => k.StartedAt).ToList();
    }
}
