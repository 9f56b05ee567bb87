using System.Globalization;
using Maillage.Agenda.Reports;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>
/// The check-in list for a tablet at the door: search by name, one button per state (present, absent,
/// excused) and walk-ins. Every change is one form post, so it works without JavaScript;
/// wwwroot/js/checkin.js only filters the list as one types.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class CheckInModel(MaillageDb db, AttendanceDesk desk, EventStaffAccess access, AgendaReports reports) : PageModel
{
    public sealed record Row(long Id, string Name, RegistrationStatus Status, RegistrationSource Source, PublicStatus? Public, AttendanceStatus Attendance);

    [FromRoute] public int Id { get; set; }
    /// <summary>
    /// The name searched: posted, never in the address (names would stay in logs, the history and Referer headers); kept
    /// across the redirect after a change in the encrypted TempData cookie.
    /// </summary>
    [BindProperty(Name = "q")] public string? Query { get; set; }
    [TempData(Key = "checkin-q")] public string? KeptQuery { get; set; }
    [TempData] public string? Notice { get; set; }

    [BindProperty] public AnonymousInput Anonymous { get; set; } = new();
    [BindProperty] public NamedInput Named { get; set; } = new();

    public AgendaEvent Event { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Listed { get; private set; }
    public Figures Figures { get; private set; } = new();
    public IReadOnlyList<(PublicStatus Public, int Count)> WalkIns { get; private set; } = [];

    public sealed class AnonymousInput
    {
        public PublicStatus? PublicStatus { get; set; }
        public string? Count { get; set; } = "1";
    }

    public sealed class NamedInput
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public PublicStatus? PublicStatus { get; set; }
        public bool Consent { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        Query = KeptQuery;
        await LoadListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        ModelState.Clear(); // the walk-in forms were not sent
        await LoadListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMarkAsync(long registrationId, AttendanceStatus attendance, CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        if (!ModelState.IsValid || !Enum.IsDefined(attendance)) return BadRequest();
        if (!await desk.MarkAsync(Event, registrationId, attendance, ct)) return NotFound();
        var name = await db.Registrations.Where(r => r.Id == registrationId).Select(r => r.Person.FirstName + " " + r.Person.LastName).FirstAsync(ct);
        Notice = Text.T($"{name} : {attendance.Label().Fr.ToLowerInvariant()}.", $"{name}: {attendance.Label().En.ToLowerInvariant()}.");
        return Back($"r-{registrationId}");
    }

    public async Task<IActionResult> OnPostAnonymousAsync(CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        ModelState.Clear();
        if (Anonymous.PublicStatus is null)
            ModelState.AddModelError("Anonymous.PublicStatus", Text.T("Choisissez un public.", "Choose a public."));
        if (!int.TryParse(Anonymous.Count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            ModelState.AddModelError("Anonymous.Count", Text.T("Indiquez un nombre entier de personnes.", "Give a whole number of people."));
        if (ModelState.IsValid)
        {
            try
            {
                await desk.AddAnonymousWalkInsAsync(Event, Anonymous.PublicStatus!.Value, count, ct);
                var label = Anonymous.PublicStatus!.Value.Describe();
                Notice = count > 0
                    ? Plural.Of(count, $"{{n}} personne sans inscription ajoutée : {label.Fr}.", $"{{n}} personnes sans inscription ajoutées : {label.Fr}.", $"{{n}} walk-in added: {label.En}.", $"{{n}} walk-ins added: {label.En}.")
                    : Plural.Of(-count, $"{{n}} personne sans inscription retirée : {label.Fr}.", $"{{n}} personnes sans inscription retirées : {label.Fr}.", $"{{n}} walk-in taken back: {label.En}.", $"{{n}} walk-ins taken back: {label.En}.");
                return Back("sans-inscription");
            }
            catch (RuleViolation rule)
            {
                ModelState.AddRule(rule, "Anonymous");
            }
        }
        await LoadListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNamedAsync(CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        ModelState.Clear();
        try
        {
            var result = await desk.AddNamedWalkInAsync(Event, Named.FirstName, Named.LastName, Named.Email, Named.PublicStatus, Named.Consent, ct);
            var name = $"{Named.FirstName?.Trim()} {Named.LastName?.Trim()}";
            Notice = result.WasRegistered
                ? Text.T($"{name} était déjà inscrit·e : sa présence est notée.", $"{name} had registered: marked present.")
                : Text.T($"{name} ajouté·e et noté·e présent·e.", $"{name} added and marked present.");
            return Back($"r-{result.RegistrationId}");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, "Named");
        }
        await LoadListAsync(ct);
        return Page();
    }

    private RedirectResult Back(string anchor)
    {
        KeptQuery = string.IsNullOrWhiteSpace(Query) ? null : Query;
        return Redirect($"/gestion/agenda/{Id}/emargement#{anchor}");
    }

    private async Task<IActionResult?> LoadEventAsync(CancellationToken ct)
    {
        var found = await desk.FindEventAsync(Id, ct);
        if (found is null) return NotFound();
        if (!await access.CanRunAttendanceAsync(found)) return Forbid();
        Event = found;
        return null;
    }

    private async Task LoadListAsync(CancellationToken ct)
    {
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == Id && r.AnonymisedAt == null &&
                        (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Waitlisted
                         || r.Attendance != AttendanceStatus.Unknown))
            .Select(r => new Row(r.Id, r.Person.LastName + " " + r.Person.FirstName, r.Status, r.Source, r.PublicStatus, r.Attendance))
            .ToListAsync(ct);
        Listed = rows.Count;
        Rows = rows.Where(r => NameSearch.Matches(r.Name, Query))
            .OrderBy(r => r.Status is RegistrationStatus.Confirmed ? 0 : 1).ThenBy(r => r.Name, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true))
            .ToList();
        Figures = await reports.ForEventAsync(Event, ct);
        WalkIns = (await db.EventWalkIns.AsNoTracking().Where(w => w.EventId == Id && w.Count > 0).Select(w => new { w.PublicStatus, w.Count }).ToListAsync(ct))
            .OrderBy(w => w.PublicStatus).Select(w => (w.PublicStatus, w.Count)).ToList();
    }
}

/// <summary>Finds "Dupont", "dupont jean" or "Zoé" in "DUPONT Zoe": case, accents and word order ignored.</summary>
internal static class NameSearch
{
    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;

    public static bool Matches(string name, string? query) =>
        string.IsNullOrWhiteSpace(query) ||
        query.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word =>
            Compare.IndexOf(name, word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0);
}
