using Maillage.Network;
using Maillage.Entrepreneurship.Permanences;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>
/// The days the programme's permanence was held (issue 23 item 5), for its coaches and manager: a day recorded here
/// (date, an optional note; the place is the programme's permanence) counts when the duty roster holds none there that
/// day; the year's count with its sources. A future date or a day already recorded is refused beside the field.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class PermanencesModel(MaillageDb db, ProgrammeAccess access, PermanenceDays days) : PageModel
{
    public sealed class DayInput
    {
        public string? Date { get; set; }
        public string? Note { get; set; }
    }

    [FromQuery(Name = "programme")] public int? ProgrammeAsked { get; set; }
    [BindProperty] public DayInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public IReadOnlyList<(int Id, string Name)> Programmes { get; private set; } = [];
    public Programme Programme { get; private set; } = null!;
    public string? PermanenceName { get; private set; }
    public int Year { get; private set; }
    public PermanenceDays.Held Held { get; private set; } = null!;
    public IReadOnlyList<PermanenceDay> Recorded { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input.Date = WorkspaceForms.Iso(days.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var date = WorkspaceForms.Date(Input.Date, "date", problems);
        try
        {
            RuleViolation.ThrowIfAny(problems);
            await days.RecordAsync(Programme.Id, date, Input.Note, ct);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, formLevel: "programme");
            return Page();
        }
        Notice = Text.T($"Jour de permanence du {HumanDates.Date(date!.Value, HumanDates.French)} enregistré.", $"Permanence day of {HumanDates.Date(date!.Value, HumanDates.English)} recorded.");
        return Redirect(Self);
    }

    /// <summary>Removes a day recorded by mistake.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int day, CancellationToken ct)
    {
        foreach (var key in ModelState.FindKeysWithPrefix(nameof(Input)).Select(k => k.Key).ToList()) ModelState.Remove(key);
        if (!await LoadAsync(ct)) return NotFound();
        try { await days.RemoveAsync(Programme.Id, day, ct); }
        catch (NotFoundProblem) { return NotFound(); }
        Notice = Text.T("Jour de permanence retiré.", "Permanence day removed.");
        return Redirect(Self);
    }

    public string Self => "/gestion/citeslab/permanences" + (Programmes.Count > 1 ? $"?programme={Programme.Id}" : "");

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var mine = await access.ProgrammeIdsAsync(ct);
        var programmes = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Where(p => mine.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(ct);
        if (programmes.Count == 0) return false;
        Programmes = [.. programmes.Select(p => (p.Id, p.Name))];
        var chosen = ProgrammeAsked is { } asked ? programmes.FirstOrDefault(p => p.Id == asked) : programmes[0];
        if (chosen is null) return false;
        Programme = chosen;
        PermanenceName = Programme.StructureId is { } s
            ? await db.Structures.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == s).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        Year = days.Today.Year;
        Held = await days.HeldAsync(Programme, new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31), null, ct);
        Recorded = await days.RecordedAsync(Programme.Id, Year, ct);
        return true;
    }
}
