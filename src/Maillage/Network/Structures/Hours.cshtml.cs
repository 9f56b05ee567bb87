using System.Globalization;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class HoursModel(MaillageDb db, StaffAccess access) : PageModel
{
    public const int RangesPerDay = 3;
    public static readonly DayOfWeek[] WeekDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public sealed class RangeInput
    {
        public string? Opens { get; set; }
        public string? Closes { get; set; }
    }

    /// <summary>Ranges by position (0 to 2): a dictionary, so that a missing field does not drop the others.</summary>
    public sealed class DayInput
    {
        public Dictionary<int, RangeInput> Ranges { get; set; } = [];
    }

    /// <summary>Days by position in <see cref="WeekDays"/> (0 = Monday).</summary>
    public sealed class WeekInput
    {
        public Dictionary<int, DayInput> Days { get; set; } = [];
    }

    public sealed class ExceptionInput
    {
        public string? Date { get; set; }
        public bool Closed { get; set; } = true;
        public string? Opens { get; set; }
        public string? Closes { get; set; }
        public string? Reason { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public WeekInput Input { get; set; } = new();
    [BindProperty] public ExceptionInput Exception { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public Structure Structure { get; private set; } = null!;

    public static string DayKey(int index) => $"Input.Days[{index}]";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        Input = FromStructure();
        return Page();
    }

    public async Task<IActionResult> OnPostWeekAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.Clear();
        Exception = new();
        var all = new List<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)>();
        for (var i = 0; i < WeekDays.Length; i++)
        {
            var day = WeekDays[i];
            var ranges = Input.Days.TryGetValue(i, out var d) ? d.Ranges : [];
            var parsed = new List<(DayOfWeek, TimeOnly, TimeOnly)>();
            foreach (var r in ranges.Where(r => r.Key is >= 0 and < RangesPerDay).OrderBy(r => r.Key).Select(r => r.Value))
            {
                if (string.IsNullOrWhiteSpace(r.Opens) && string.IsNullOrWhiteSpace(r.Closes)) continue;
                if (!FormErrors.TryParseTime(r.Opens, out var opens) || !FormErrors.TryParseTime(r.Closes, out var closes))
                {
                    ModelState.AddModelError(DayKey(i), Text.T($"{DayName(day)} : indiquez l'heure d'ouverture et l'heure de fermeture de chaque plage, par exemple 09:00 et 12:30.",
                        $"{DayName(day)}: give both the opening and the closing time of each range, for example 09:00 and 12:30."));
                    parsed.Clear();
                    break;
                }
                parsed.Add((day, opens, closes));
            }
            try
            {
                OpeningSchedule.Validate(parsed);
            }
            catch (RuleViolation rule)
            {
                ModelState.AddModelError(DayKey(i), rule.Text);
            }
            all.AddRange(parsed);
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            Structure.ReplaceWeeklyHours(all);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddModelError(DayKey(0), rule.Text);
            return Page();
        }
        await db.SaveChangesAsync();
        Notice = Text.T("Horaires de la semaine enregistrés.", "Weekly hours saved.");
        return Redirect($"/gestion/structures/{Id}/horaires");
    }

    public async Task<IActionResult> OnPostExceptionAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.Clear();
        Input = FromStructure();
        var e = Exception;
        if (!DateOnly.TryParseExact(e.Date?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            ModelState.AddModelError("Exception.Date", Text.T("Indiquez la date, par exemple 24/12/2026.", "Give the date, for example 24/12/2026."));
        TimeOnly? opens = null, closes = null;
        if (!e.Closed)
        {
            if (FormErrors.TryParseTime(e.Opens, out var o)) opens = o;
            else ModelState.AddModelError("Exception.Opens", Text.T("Indiquez l'heure d'ouverture, par exemple 09:00.", "Give the opening time, for example 09:00."));
            if (FormErrors.TryParseTime(e.Closes, out var c)) closes = c;
            else ModelState.AddModelError("Exception.Closes", Text.T("Indiquez l'heure de fermeture, par exemple 17:00.", "Give the closing time, for example 17:00."));
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            Structure.AddException(date, e.Closed, opens, closes, string.IsNullOrWhiteSpace(e.Reason) ? null : e.Reason.Trim());
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, nameof(Exception));
            return Page();
        }
        await db.SaveChangesAsync();
        Notice = Text.T($"Journée exceptionnelle du {HumanDates.Date(date)} ajoutée.", $"Exceptional day on {HumanDates.Date(date)} added.");
        return Redirect($"/gestion/structures/{Id}/horaires");
    }

    public async Task<IActionResult> OnPostRemoveExceptionAsync(int exceptionId)
    {
        if (await LoadAsync() is { } refused) return refused;
        var exception = Structure.Exceptions.FirstOrDefault(x => x.Id == exceptionId);
        if (exception is null) return NotFound();
        Structure.Exceptions.Remove(exception);
        db.OpeningExceptions.Remove(exception);
        await db.SaveChangesAsync();
        Notice = Text.T("Journée exceptionnelle retirée.", "Exceptional day removed.");
        return Redirect($"/gestion/structures/{Id}/horaires");
    }

    public static string DayName(DayOfWeek day)
    {
        var name = CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);
        return char.ToUpper(name[0], CultureInfo.CurrentCulture) + name[1..];
    }

    private WeekInput FromStructure() => new()
    {
        Days = WeekDays.Select((d, i) => (i, new DayInput
        {
            Ranges = Structure.WeeklyHours.Where(r => r.Day == d).OrderBy(r => r.Opens)
                .Select((r, n) => (n, new RangeInput { Opens = r.Opens.ToString("HH:mm"), Closes = r.Closes.ToString("HH:mm") }))
                .ToDictionary(x => x.n, x => x.Item2),
        })).ToDictionary(x => x.i, x => x.Item2),
    };

    private async Task<IActionResult?> LoadAsync()
    {
        var structure = await db.Structures.Include(s => s.WeeklyHours).Include(s => s.Exceptions).FirstOrDefaultAsync(s => s.Id == Id);
        if (structure is null) return NotFound();
        if (!await access.CanAsync(StaffAccess.NetworkManagers, structure)) return Forbid();
        Structure = structure;
        return null;
    }
}
