using Maillage.Agenda.Attendance;
using Maillage.Agenda.Reports;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>One registrant as the organiser sees them (page, API, export).</summary>
internal sealed record RegistrantRow(
    long Id, RegistrationStatus Status, int? Position, string FirstName, string LastName, string? Email, string? Phone,
    PublicStatus? PublicStatus, RegistrationSource Source, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt,
    DateTimeOffset? OfferExpiresAt, DateTimeOffset? CancelledAt, CancelledBy? CancelledBy, AttendanceStatus Attendance, bool Anonymised)
{
    /// <summary>Answers to the event's questions, by question id (personal data, erased by retention).</summary>
    public IReadOnlyDictionary<int, string> Answers { get; init; } = new Dictionary<int, string>();

    public string Name => Anonymised ? Text.T("(anonymisé·e)", "(anonymised)") : $"{LastName} {FirstName}".Trim();
}

/// <summary>An event's registrants grouped by status, with the counts against the capacity.</summary>
internal sealed class RegistrantList
{
    public required AgendaEvent Event { get; init; }
    public required IReadOnlyList<RegistrantRow> All { get; init; }
    public required IReadOnlyList<EventQuestion> Questions { get; init; }

    public IEnumerable<RegistrantRow> Confirmed => All.Where(r => r.Status == RegistrationStatus.Confirmed);
    public IEnumerable<RegistrantRow> Offered => All.Where(r => r.Status == RegistrationStatus.Offered);
    public IEnumerable<RegistrantRow> Waiting => All.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Position);
    public IEnumerable<RegistrantRow> Pending => All.Where(r => r.Status == RegistrationStatus.Pending);
    public IEnumerable<RegistrantRow> Closed => All.Where(r => r.Status is RegistrationStatus.Cancelled or RegistrationStatus.Declined or RegistrationStatus.OfferExpired);
    public int Count(RegistrationStatus status) => All.Count(r => r.Status == status);
}

/// <summary>Reads an event's registrants for the people who manage them, and the events a person may be moved to.</summary>
internal sealed class Registrants(MaillageDb db, EventStaffAccess access, TimeProvider clock)
{
    /// <summary>The event with what access checks need; null when it does not exist in the person's Cités (tenant filter).</summary>
    public Task<AgendaEvent?> FindEventAsync(int id, CancellationToken ct = default) =>
        db.Events.AsNoTracking().Include(e => e.Structure).Include(e => e.Organisers)
            .AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>The event if the signed-in person may manage its registrants, null if they may not (403); 404 when it is not in their Cités.</summary>
    public async Task<AgendaEvent?> ManagedEventAsync(int id, CancellationToken ct = default)
    {
        var e = await FindEventAsync(id, ct) ?? throw new NotFoundProblem(new("Cette action n'existe pas.", "This event does not exist."));
        return await access.CanManageRegistrantsAsync(e) ? e : null;
    }

    /// <summary>The event of a registration if the signed-in person may manage it (null: 403; 404 when not in their Cités).</summary>
    public async Task<AgendaEvent?> ManagedEventOfAsync(long registrationId, CancellationToken ct = default) =>
        await ManagedEventAsync(await EventIdOfAsync(registrationId, ct), ct);

    public async Task<AgendaEvent?> FindEventOfAsync(long registrationId, CancellationToken ct = default) =>
        await FindEventAsync(await EventIdOfAsync(registrationId, ct), ct);

    public Task<bool> CanManageAsync(AgendaEvent e) => access.CanManageRegistrantsAsync(e);

    private async Task<int> EventIdOfAsync(long registrationId, CancellationToken ct) =>
        await db.Registrations.Where(r => r.Id == registrationId).Select(r => (int?)r.EventId).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundProblem(new("Cette inscription n'existe pas.", "This registration does not exist."));

    public async Task<RegistrantList> ListAsync(AgendaEvent e, CancellationToken ct = default)
    {
        var rows = await db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id).OrderBy(r => r.Id)
            .Select(r => new RegistrantRow(r.Id, r.Status, null, r.Person.FirstName ?? "", r.Person.LastName ?? "", r.Person.Email, r.Person.Phone,
                r.PublicStatus, r.Source, r.CreatedAt, r.ConfirmedAt, r.OfferExpiresAt, r.CancelledAt, r.CancelledBy, r.Attendance, r.AnonymisedAt != null))
            .ToListAsync(ct);
        var answers = (await db.RegistrationAnswers.AsNoTracking()
                .Where(a => db.Set<Registration>().Any(r => r.Id == a.RegistrationId && r.EventId == e.Id))
                .Select(a => new { a.RegistrationId, a.QuestionId, a.Value }).ToListAsync(ct))
            .GroupBy(a => a.RegistrationId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, string>)g.ToDictionary(a => a.QuestionId, a => a.Value));
        var questions = await db.EventQuestions.AsNoTracking().Where(q => q.EventId == e.Id).OrderBy(q => q.Order).ThenBy(q => q.Id).ToListAsync(ct);
        // Positions as RegistrationDesk.PositionAsync counts them: waiting-list order is the order of arrival.
        var position = 0;
        var numbered = rows.Select(r => r with
        {
            Position = r.Status == RegistrationStatus.Waitlisted ? ++position : null,
            Answers = answers.GetValueOrDefault(r.Id) ?? new Dictionary<int, string>(),
        }).ToList();
        return new RegistrantList { Event = e, All = numbered, Questions = questions };
    }

    /// <summary>Events of the same Cité a person may be moved to: published, taking registrations, not ended, managed by the person.</summary>
    public async Task<IReadOnlyList<AgendaEvent>> MoveTargetsAsync(AgendaEvent from, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.Events.AsNoTracking().Include(e => e.Structure).Include(e => e.Organisers)
            .Where(e => e.CiteId == from.CiteId && e.Id != from.Id && e.Status == EventStatus.Published
                        && e.RegistrationMode != RegistrationMode.None && e.EndsAt > now)
            .OrderBy(e => e.StartsAt).Take(200).AsSplitQuery().ToListAsync(ct);
        var allowed = new List<AgendaEvent>();
        foreach (var e in candidates)
            if (await access.CanManageRegistrantsAsync(e)) allowed.Add(e);
        // The same series first (the next occurrence is the usual move), then by date.
        return allowed.OrderBy(e => from.SeriesId is not null && e.SeriesId == from.SeriesId ? 0 : 1).ThenBy(e => e.StartsAt).Take(60).ToList();
    }

    /// <summary>The list as a spreadsheet: one row per registration, every status, in the event's time zone.</summary>
    /// <param name="extracted">The day of extraction, named in the title row of the XLSX and ODS sheet with the event.</param>
    public static Sheet Sheet(RegistrantList list, DateOnly? extracted = null)
    {
        var zone = list.Event.TimeZone;
        DateTime? Local(DateTimeOffset? t) => t is { } v ? TimeZoneInfo.ConvertTime(v, zone).DateTime : null;
        string[] columns =
        [
            Text.T("Statut", "Status"), Text.T("Position", "Position"), Text.T("Nom", "Last name"), Text.T("Prénom", "First name"),
            Text.T("E-mail", "Email"), Text.T("Téléphone", "Phone"), Text.T("Public", "Public"), Text.T("Origine", "Source"),
            Text.T("Inscription le", "Registered on"), Text.T("Confirmée le", "Confirmed on"), Text.T("Place réservée jusqu'au", "Seat held until"),
            Text.T("Annulée le", "Cancelled on"), Text.T("Présence", "Attendance"),
            .. list.Questions.Select(q => q.Label),
        ];
        var rows = list.All.OrderBy(r => StatusOrder(r.Status)).ThenBy(r => r.Position ?? 0).ThenBy(r => r.Id)
            .Select(r => (IReadOnlyList<object?>)
            [
                r.Status.Describe().ToString(), r.Position, r.Anonymised ? null : r.LastName, r.Anonymised ? null : r.FirstName, r.Email, r.Phone,
                r.PublicStatus?.Describe().ToString(), r.Source.Describe().ToString(), Local(r.CreatedAt), Local(r.ConfirmedAt), Local(r.OfferExpiresAt),
                Local(r.CancelledAt), r.Attendance.Label().ToString(),
                .. list.Questions.Select(q => (object?)r.Answers.GetValueOrDefault(q.Id)),
            ]).ToList();
        var title = extracted is { } day
            ? Text.T($"Inscrits — {list.Event.Title} — {AgendaText.When(list.Event)} — extrait le {HumanDates.Date(day)}",
                $"Registrants — {list.Event.Title} — {AgendaText.When(list.Event)} — extracted on {HumanDates.Date(day)}")
            : null;
        return new Sheet(Text.T("Inscrits", "Registrants"), columns, rows, title);
    }

    public static string FileName(AgendaEvent e) => $"inscrits-{e.Id}-{e.LocalStart:yyyy-MM-dd}";

    public static int StatusOrder(RegistrationStatus s) => s switch
    {
        RegistrationStatus.Confirmed => 0,
        RegistrationStatus.Offered => 1,
        RegistrationStatus.Waitlisted => 2,
        RegistrationStatus.Pending => 3,
        _ => 4,
    };
}

internal static class RegistrantText
{
    public static LocalizedText Describe(this RegistrationSource source) => source switch
    {
        RegistrationSource.Online => new("En ligne", "Online"),
        RegistrationSource.Organiser => new("Par l'organisateur", "By the organiser"),
        RegistrationSource.Api => new("API", "API"),
        RegistrationSource.Import => new("Import", "Import"),
        _ => new("Sans inscription", "Walk-in"),
    };
}
