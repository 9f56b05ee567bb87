using Maillage.Network;
using Maillage.Platform.Errors;
using Maillage.Platform.Tenancy;

namespace Maillage.Agenda;

/// <summary>
/// A collective action of the shared agenda: a workshop, a Zoom métier, a forum... Held at a structure
/// of the network or at an external venue (with its territory), or online. Times are stored in UTC and
/// shown in <see cref="TimeZoneId"/>.
/// </summary>
public sealed class AgendaEvent : ITenantOwned
{
    public const int MaxCapacity = 100_000;

    public int Id { get; set; }
    public int CiteId { get; set; }
    public required string Title { get; set; }
    public EventType Type { get; set; }
    /// <summary>The theme of a workshop (required for <see cref="EventType.Workshop"/>), optional otherwise.</summary>
    public EventTheme? Theme { get; set; }
    public EventStatus Status { get; set; } = EventStatus.Draft;
    public string? Description { get; set; }

    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string TimeZoneId { get; set; } = "Europe/Paris";

    /// <summary>Where: a structure of the network, or an external venue with its territory; a webinar may have neither.</summary>
    public int? StructureId { get; set; }
    public Structure? Structure { get; set; }
    public string? VenueName { get; set; }
    public string? VenueAddress { get; set; }
    public int? VenueTerritoryId { get; set; }
    public Territory? VenueTerritory { get; set; }
    /// <summary>A room of the structure, in words (kept for events without a booked room).</summary>
    public string? RoomName { get; set; }
    /// <summary>A room of the structure booked for the event (Rooms module, issue 20 item 8): creating or moving the event books it, cancelling frees it.</summary>
    public int? RoomId { get; set; }
    public string? OnlineUrl { get; set; }

    public EventAudience Audience { get; set; }
    /// <summary>Trade and sector tags, comma separated (e.g. "BTP, électricité").</summary>
    public string? Tags { get; set; }
    /// <summary>ISO 639-1 code of the language the event is held in.</summary>
    public string Language { get; set; } = "fr";
    public string? AccessibilityNotes { get; set; }

    public RegistrationMode RegistrationMode { get; set; } = RegistrationMode.Open;
    public WaitlistPromotion WaitlistPromotion { get; set; } = WaitlistPromotion.Direct;
    /// <summary>How long a seat offered to the next person on the waiting list is held (hours).</summary>
    public int OfferHoldHours { get; set; } = 24;
    /// <summary>
    /// A public registration's seat counts only once the person confirms it by the link e-mailed to them: until then it
    /// is held (status offered) for <c>Agenda:ConfirmationHoldMinutes</c>, then released. Stops invented people and
    /// mistyped addresses from holding seats; a seat freed for the waiting list is then always offered, never given.
    /// </summary>
    public bool ConfirmByEmail { get; set; }
    /// <summary>Seats; null when registration is not used (mode none).</summary>
    public int? Capacity { get; set; }
    public DateTimeOffset? RegistrationOpensAt { get; set; }
    public DateTimeOffset? RegistrationClosesAt { get; set; }
    /// <summary>Hours before the start the reminder is sent; null takes the installation's default (Agenda:ReminderHours, 48).</summary>
    public int? ReminderHours { get; set; }

    /// <summary>
    /// Seats taken: confirmed registrations plus seats held for an offer plus anonymous walk-ins. Changed only by
    /// single UPDATEs of <see cref="Registrations.Seats"/>, never read-modify-written; only walk-ins (people already
    /// in the room) may take it past the capacity.
    /// </summary>
    public int SeatsTaken { get; set; }

    public int? SeriesId { get; set; }
    public EventSeries? Series { get; set; }
    /// <summary>Rank of this occurrence in its series (1, 2, ...).</summary>
    public int? SeriesIndex { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancellationReason { get; set; }

    public List<EventOrganiser> Organisers { get; set; } = [];
    public List<EventQuestion> Questions { get; set; } = [];
    public List<Registration> Registrations { get; set; } = [];
    public List<EventWalkIn> WalkIns { get; set; } = [];

    public bool IsPublished => Status == EventStatus.Published;
    public bool TakesRegistrations => RegistrationMode != RegistrationMode.None;
    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - SeatsTaken) : null;

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
    public DateTime LocalStart => TimeZoneInfo.ConvertTime(StartsAt, TimeZone).DateTime;
    public DateTime LocalEnd => TimeZoneInfo.ConvertTime(EndsAt, TimeZone).DateTime;

    /// <summary>Whether the registration window is open at <paramref name="now"/>; the default window closes at the start.</summary>
    public bool WindowOpen(DateTimeOffset now) =>
        (RegistrationOpensAt is null || now >= RegistrationOpensAt) && now < (RegistrationClosesAt ?? StartsAt);

    /// <summary>Whether a seat freed for the waiting list is offered (to confirm by the link) rather than given at once.</summary>
    public bool PromotesByOffer => WaitlistPromotion == WaitlistPromotion.Offer || ConfirmByEmail;

    /// <summary>The end of the hold on a seat taken at <paramref name="now"/> by a registration to confirm by e-mail: never past the start.</summary>
    public DateTimeOffset ConfirmationExpiry(DateTimeOffset now, TimeSpan hold) => now + hold < StartsAt ? now + hold : StartsAt;

    /// <summary>The end of an offer made at <paramref name="now"/>: the hold time, but never past 2 hours before the start.</summary>
    public DateTimeOffset OfferExpiry(DateTimeOffset now)
    {
        var held = now.AddHours(OfferHoldHours);
        var latest = StartsAt.AddHours(-2);
        return held < latest ? held : latest;
    }

    /// <summary>Checks the rules that hold whatever the form: times, capacity, place (throws every one broken, together).</summary>
    public void Validate() => RuleViolation.ThrowIfAny(Problems().ToList());

    /// <summary>Every rule broken, so that a form can show them all at once, each beside its field.</summary>
    public IEnumerable<RuleViolation> Problems()
    {
        if (string.IsNullOrWhiteSpace(Title))
            yield return new RuleViolation("title", new("Indiquez le titre de l'action.", "Give the event a title."));
        else if (Title.Length > 200)
            yield return new RuleViolation("title", new("Le titre compte au plus 200 caractères.", "The title has at most 200 characters."));
        if (!Enum.IsDefined(Type))
            yield return new RuleViolation("type", new("Choisissez un type d'action.", "Choose a type of event."));
        if (Type == EventType.Workshop && Theme is null)
            yield return new RuleViolation("theme", new("Un atelier porte sur l'un des cinq thèmes : choisissez-le.", "A workshop is on one of the five themes: choose it."));
        if (EndsAt <= StartsAt)
            yield return new RuleViolation("endsAt", new("La fin doit être après le début.", "The end must be after the start."));
        if (EndsAt - StartsAt > TimeSpan.FromDays(14))
            yield return new RuleViolation("endsAt", new("Une action dure au plus 14 jours.", "An event lasts at most 14 days."));
        if (Capacity is < 0)
            yield return new RuleViolation("capacity", new("La capacité ne peut pas être négative.", "The capacity cannot be negative."));
        if (Capacity > MaxCapacity)
            yield return new RuleViolation("capacity", new($"La capacité est d'au plus {MaxCapacity} places.", $"The capacity is at most {MaxCapacity} seats."));
        if (RegistrationMode != RegistrationMode.None && Capacity is null)
            yield return new RuleViolation("capacity", new("Indiquez la capacité : les inscriptions sont ouvertes.", "Give the capacity: registration is open."));
        if (StructureId is null && string.IsNullOrWhiteSpace(VenueName) && string.IsNullOrWhiteSpace(OnlineUrl))
            yield return new RuleViolation("structureId", new("Indiquez le lieu : une structure du réseau, un lieu extérieur ou un lien en ligne.", "Give the place: a structure of the network, an external venue or an online link."));
        if (StructureId is null && !string.IsNullOrWhiteSpace(VenueName) && VenueTerritoryId is null)
            yield return new RuleViolation("venueTerritoryId", new("Indiquez le territoire du lieu extérieur.", "Give the territory of the external venue."));
        if (OnlineUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "https" && !string.IsNullOrEmpty(uri.Host)))
            yield return new RuleViolation("onlineUrl", new("Le lien en ligne doit commencer par https://.", "The online link must start with https://."));
        if (RegistrationOpensAt is { } o && RegistrationClosesAt is { } c2 && c2 <= o)
            yield return new RuleViolation("registrationClosesAt", new("La clôture des inscriptions doit suivre leur ouverture.", "Registration must close after it opens."));
        if (OfferHoldHours is < 1 or > 168)
            yield return new RuleViolation("offerHoldHours", new("Une place est réservée entre 1 et 168 heures.", "A seat is held between 1 and 168 hours."));
        if (ReminderHours is < 1 or > 336)
            yield return new RuleViolation("reminderHours", new("Le rappel part entre 1 et 336 heures avant le début.", "The reminder goes between 1 and 336 hours before the start."));
        if (Language is not { Length: 2 })
            yield return new RuleViolation("language", new("Indiquez la langue par son code à deux lettres (fr, en, de, it...).", "Give the language as its two-letter code (fr, en, de, it...)."));
    }
}

/// <summary>A partner organising an event (an event may have several).</summary>
public sealed class EventOrganiser : ITenantOwned
{
    public int CiteId { get; set; }
    public int EventId { get; set; }
    public int PartnerId { get; set; }
    public Partner Partner { get; set; } = null!;
}

/// <summary>A question the event asks its registrants (e.g. "Votre niveau d'études ?").</summary>
public sealed class EventQuestion : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int EventId { get; set; }
    public int Order { get; set; }
    public required string Label { get; set; }
    public QuestionKind Kind { get; set; }
    /// <summary>The choices of a <see cref="QuestionKind.Choice"/> question, one per line.</summary>
    public string? Choices { get; set; }
    public bool Required { get; set; }

    public IReadOnlyList<string> ChoiceList =>
        (Choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>People who came without registering and gave no name, counted per public status.</summary>
public sealed class EventWalkIn : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int EventId { get; set; }
    public PublicStatus PublicStatus { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// One anonymous answer to the satisfaction questionnaire sent after an event. Deliberately not linked
/// to the registration: the token on <see cref="Registration.SurveyToken"/> only proves the right to answer once.
/// </summary>
internal sealed class SurveyResponse : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int EventId { get; set; }
    /// <summary>1 (not satisfied at all) to 5 (very satisfied).</summary>
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    public static void Check(int score, string? comment)
    {
        if (score is < 1 or > 5)
            throw new RuleViolation("score", new("Choisissez une note de 1 à 5.", "Choose a score from 1 to 5."));
        if (comment is { Length: > 2000 })
            throw new RuleViolation("comment", new("Le commentaire compte au plus 2 000 caractères.", "The comment has at most 2,000 characters."));
    }
}

public enum EventStatus { Draft, Published, Cancelled }

public enum EventType
{
    Workshop, TradeZoom, CompanyVisit, InformationDay, Forum, Conference, Club, AwarenessMeeting,
    ParcoursAvenir, ParentsAfterwork, TeacherImmersion, Webinar,
}

/// <summary>The five themes of workshops.</summary>
public enum EventTheme { Orientation, JobPreparation, Training, BusinessCreation, InternshipApprenticeship }

public enum RegistrationMode { None, Open, Waitlist, Approval }

public enum WaitlistPromotion { Direct, Offer }

public enum QuestionKind { Text, YesNo, Choice }

/// <summary>The public status a registrant or walk-in gives (the categories of SPEC §4).</summary>
public enum PublicStatus { Pupil, Student, Apprentice, JobSeeker, Employee, SelfEmployed, Senior, Parent, Professional, Other }

/// <summary>The publics an event is meant for.</summary>
[Flags]
public enum EventAudience
{
    None = 0,
    Pupils = 1, Students = 2, Apprentices = 4, JobSeekers = 8, Employees = 16, SelfEmployed = 32,
    Seniors = 64, Parents = 128, Professionals = 256, Teachers = 512, Everyone = 1024,
}
