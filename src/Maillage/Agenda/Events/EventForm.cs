using Maillage.Network;
using System.Globalization;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>The event form as the browser sends it: numbers and times as text, so that a wrong value gets a clear message.</summary>
internal sealed class EventInput
{
    // Declared in the order the form shows the fields: the error summary lists errors in this order (FormErrors.InFormOrder).
    public string? Title { get; set; }
    public EventType? Type { get; set; }
    public EventTheme? Theme { get; set; }
    public string? Description { get; set; }
    public List<int> OrganiserIds { get; set; } = [];
    /// <summary>Local date and time at the place (input type=datetime-local: 2026-12-03T14:00).</summary>
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    /// <summary>Create only: repeat as a series.</summary>
    public bool Repeat { get; set; }
    public Recurrence RepeatFrequency { get; set; } = Recurrence.MonthlyByWeekday;
    public string? RepeatInterval { get; set; } = "1";
    public string? RepeatCount { get; set; }
    public string? RepeatUntil { get; set; }
    public int? StructureId { get; set; }
    public string? RoomName { get; set; }
    public int? RoomId { get; set; }
    public string? VenueName { get; set; }
    public string? VenueAddress { get; set; }
    public int? VenueTerritoryId { get; set; }
    public string? OnlineUrl { get; set; }
    public RegistrationMode RegistrationMode { get; set; } = RegistrationMode.Open;
    public string? Capacity { get; set; }
    public WaitlistPromotion WaitlistPromotion { get; set; } = WaitlistPromotion.Direct;
    public string? OfferHoldHours { get; set; } = "24";
    public bool ConfirmByEmail { get; set; }
    public string? RegistrationOpensAt { get; set; }
    public string? RegistrationClosesAt { get; set; }
    public string? ReminderHours { get; set; }
    public List<QuestionInput> Questions { get; set; } = [];
    public List<EventAudience> Audience { get; set; } = [];
    public string? Tags { get; set; }
    public string? Language { get; set; } = "fr";
    public string? AccessibilityNotes { get; set; }

    /// <summary>Edit of a series occurrence only: this one, or this one and the following.</summary>
    public SeriesEditScope Scope { get; set; } = SeriesEditScope.ThisOccurrence;

    public const int BlankQuestions = 3;

    public static EventInput From(AgendaEvent e) => new()
    {
        Title = e.Title, Type = e.Type, Theme = e.Theme, Description = e.Description,
        StartsAt = e.LocalStart.ToString(LocalFormat, CultureInfo.InvariantCulture), EndsAt = e.LocalEnd.ToString(LocalFormat, CultureInfo.InvariantCulture),
        StructureId = e.StructureId, VenueName = e.VenueName, VenueAddress = e.VenueAddress, VenueTerritoryId = e.VenueTerritoryId, RoomName = e.RoomName, RoomId = e.RoomId,
        OnlineUrl = e.OnlineUrl, Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture), RegistrationMode = e.RegistrationMode,
        WaitlistPromotion = e.WaitlistPromotion, OfferHoldHours = e.OfferHoldHours.ToString(CultureInfo.InvariantCulture), ConfirmByEmail = e.ConfirmByEmail,
        RegistrationOpensAt = Local(e.RegistrationOpensAt, e.TimeZone), RegistrationClosesAt = Local(e.RegistrationClosesAt, e.TimeZone),
        Audience = e.Audience.Each().ToList(), Tags = e.Tags, Language = e.Language, AccessibilityNotes = e.AccessibilityNotes,
        ReminderHours = e.ReminderHours?.ToString(CultureInfo.InvariantCulture), OrganiserIds = e.Organisers.Select(o => o.PartnerId).ToList(),
        Questions = e.Questions.OrderBy(q => q.Order).Select(q => new QuestionInput { Id = q.Id, Label = q.Label, Kind = q.Kind, Choices = q.Choices, Required = q.Required }).ToList(),
    };

    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    private static string? Local(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : null;
}

internal sealed class QuestionInput
{
    public int? Id { get; set; }
    public string? Label { get; set; }
    public QuestionKind Kind { get; set; }
    public string? Choices { get; set; }
    public bool Required { get; set; }
}

internal sealed record FormChoice(int Id, string Name);

/// <summary>The create and edit pages share the fields, the lists to choose from and the reading of the form.</summary>
internal abstract class EventFormModel(MaillageDb db, EventAccess events, StaffAccess access) : PageModel
{
    [BindProperty] public EventInput Input { get; set; } = new();
    public IReadOnlyList<FormChoice> Structures { get; private set; } = [];
    public IReadOnlyList<FormChoice> Territories { get; private set; } = [];
    public IReadOnlyList<FormChoice> Partners { get; private set; } = [];
    /// <summary>The bookable rooms of the structures offered (Rooms module), grouped by structure in the form.</summary>
    public IReadOnlyList<Rooms.EventRooms.RoomOption> Rooms { get; private set; } = [];
    public abstract bool IsNew { get; }
    /// <summary>The saved status when editing (null on create).</summary>
    public abstract EventStatus? CurrentStatus { get; }
    /// <summary>Edit of a series occurrence: the occurrences after this one that an edit "this and following" would change.</summary>
    public int FollowingCount { get; protected set; }
    public bool InSeries { get; protected set; }
    protected MaillageDb Db => db;
    protected EventAccess Events => events;
    protected StaffAccess Access => access;

    /// <summary>Places and partners of the Cités the person organises in (of the event's Cité when editing).</summary>
    protected async Task LoadChoicesAsync(int? onlyCite, CancellationToken ct)
    {
        var structures = (await access.ManageableStructuresAsync(EventApi.Organisers)).AsNoTracking().Where(s => onlyCite == null || s.CiteId == onlyCite);
        Structures = await structures.OrderBy(s => s.Name).Select(s => new FormChoice(s.Id, s.Name)).ToListAsync(ct);
        Rooms = await HttpContext.RequestServices.GetRequiredService<Rooms.EventRooms>().OfStructuresAsync(Structures.Select(s => s.Id).ToList(), ct);
        var structureCites = await structures.Select(s => s.CiteId).Distinct().ToListAsync(ct);
        var cites = await (await access.ManageableCitesAsync(EventApi.Organisers)).AsNoTracking().Where(c => onlyCite == null || c.Id == onlyCite).Select(c => c.Id).ToListAsync(ct);
        Territories = await db.Territories.AsNoTracking().Where(t => cites.Contains(t.CiteId) && t.Kind != Network.TerritoryKind.Qpv)
            .OrderBy(t => t.Name).Select(t => new FormChoice(t.Id, t.Name)).ToListAsync(ct);
        var partnerCites = structureCites.Union(cites).ToArray();
        Partners = await db.Partners.AsNoTracking().Where(p => partnerCites.Contains(p.CiteId)).OrderBy(p => p.Name).Select(p => new FormChoice(p.Id, p.Name)).ToListAsync(ct);
    }

    /// <summary>Reads the form into fields; a value that cannot be read gets its message and null is returned.</summary>
    protected async Task<(EventFields? Fields, SeriesPlan? Repeat)> ReadAsync(EventStatus? status, CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        var zone = await events.ZoneAsync(Input.StructureId, ct);
        var i = Input;
        var fields = new EventFields
        {
            Title = i.Title, Type = i.Type, Theme = i.Theme, Description = i.Description,
            StartsAt = When(nameof(i.StartsAt), i.StartsAt, zone, T("le début", "the start")),
            EndsAt = When(nameof(i.EndsAt), i.EndsAt, zone, T("la fin", "the end")),
            StructureId = i.StructureId, VenueName = i.VenueName, VenueAddress = i.VenueAddress, VenueTerritoryId = i.VenueTerritoryId,
            RoomName = i.RoomName, RoomId = i.RoomId, OnlineUrl = i.OnlineUrl,
            Capacity = i.RegistrationMode == RegistrationMode.None && string.IsNullOrWhiteSpace(i.Capacity) ? null : Number(nameof(i.Capacity), i.Capacity),
            RegistrationMode = i.RegistrationMode, WaitlistPromotion = i.WaitlistPromotion,
            OfferHoldHours = Number(nameof(i.OfferHoldHours), i.OfferHoldHours) ?? 24, ConfirmByEmail = i.ConfirmByEmail,
            RegistrationOpensAt = When(nameof(i.RegistrationOpensAt), i.RegistrationOpensAt, zone, T("l'ouverture des inscriptions", "registration opening")),
            RegistrationClosesAt = When(nameof(i.RegistrationClosesAt), i.RegistrationClosesAt, zone, T("la clôture des inscriptions", "registration closing")),
            Audience = i.Audience, Tags = i.Tags, Language = i.Language,
            AccessibilityNotes = i.AccessibilityNotes, ReminderHours = Number(nameof(i.ReminderHours), i.ReminderHours),
            OrganiserIds = i.OrganiserIds, Questions = i.Questions.Select(q => new QuestionFields(q.Label, q.Kind, q.Choices, q.Required, q.Id)).ToList(),
            Status = status,
        };
        SeriesPlan? repeat = null;
        if (IsNew && i.Repeat)
        {
            var interval = Number(nameof(i.RepeatInterval), i.RepeatInterval) ?? 1;
            var count = Number(nameof(i.RepeatCount), i.RepeatCount);
            DateOnly? until = null;
            if (!string.IsNullOrWhiteSpace(i.RepeatUntil))
            {
                if (DateOnly.TryParseExact(i.RepeatUntil.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var u)) until = u;
                else ModelState.AddModelError("Input.RepeatUntil", T("Écrivez la date de la dernière séance sous la forme 2027-06-30.", "Write the last occurrence's date as 2027-06-30."));
            }
            repeat = new SeriesPlan(i.RepeatFrequency, interval, count, until);
        }
        return ModelState.IsValid ? (fields, repeat) : (null, null);
    }

    /// <summary>
    /// Runs a creation, an edit or a cancellation: the refusal as 403, the broken rules (or a rule the database re-checked,
    /// e.g. seats taken meanwhile) shown on the page; the outcome only when it succeeded.
    /// </summary>
    protected async Task<(EditOutcome? Done, IActionResult? Otherwise)> RunAsync(Func<Task<EditOutcome>> edit)
    {
        EditOutcome outcome;
        try
        {
            outcome = await edit();
        }
        catch (RuleViolation rule)
        {
            Show(rule.Problems);
            return (null, Page());
        }
        if (outcome.Forbidden) return (null, Forbid());
        if (outcome.Succeeded) return (outcome, null);
        Show(outcome.Problems);
        return (null, Page());
    }

    /// <summary>Shows each broken rule beside its field, and all of them in the summary.</summary>
    protected void Show(IEnumerable<RuleViolation> problems)
    {
        foreach (var p in problems) ModelState.AddModelError(Key(p.Field), p.Text);
    }

    public static string Key(string field) => field switch
    {
        "status" or "event" or "registration" => "",
        "reason" => "Reason",
        _ => "Input." + char.ToUpperInvariant(field[0]) + field[1..],
    };

    public static string T(string fr, string en) => Text.T(fr, en);

    private int? Number(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        ModelState.AddModelError($"Input.{name}", T("Écrivez un nombre entier, par exemple 20.", "Write a whole number, for example 20."));
        return null;
    }

    private DateTimeOffset? When(string name, string? text, TimeZoneInfo zone, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // A year out of range, or a time the clocks skip in spring at the place, is refused rather than moved.
            if (DateInput.Problem(local.Year, name) is { } year)
                ModelState.AddModelError($"Input.{name}", year.Text);
            else if (zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)))
                ModelState.AddModelError($"Input.{name}", T($"{local:HH:mm} n'existe pas le {local:dd/MM/yyyy} à cet endroit (passage à l'heure d'été) : choisissez une autre heure pour {what}.",
                    $"{local:HH:mm} does not exist on {local:yyyy-MM-dd} at this place (clocks go forward): choose another time for {what}."));
            else return Zoned.ToUtc(local, zone);
            return null;
        }
        ModelState.AddModelError($"Input.{name}", T($"Écrivez {what} sous la forme 2026-12-03T14:00.", $"Write {what} as 2026-12-03T14:00."));
        return null;
    }
}
