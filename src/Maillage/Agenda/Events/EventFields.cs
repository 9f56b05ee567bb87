using System.ComponentModel.DataAnnotations;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Errors;

namespace Maillage.Agenda.Events;

/// <summary>
/// Every field of an event as the organiser gives it (form or API); times are instants (UTC or with their offset).
/// The API binds its body to it (<see cref="EventApi.CreateEventRequest"/> adds the series), hence not sealed.
/// </summary>
/// <remarks>
/// [Required] only marks, in the API document, the fields every event needs, as the document always has: nothing
/// validates the attributes (no AddValidation), the rules report a missing field as a 422 naming it.
/// </remarks>
internal record EventFields
{
    [Required] public string? Title { get; init; }
    [Required] public EventType? Type { get; init; }
    public EventTheme? Theme { get; init; }
    [Required] public string? Description { get; init; }
    [Required] public DateTimeOffset? StartsAt { get; init; }
    [Required] public DateTimeOffset? EndsAt { get; init; }
    [Required] public int? StructureId { get; init; }
    public string? VenueName { get; init; }
    public string? VenueAddress { get; init; }
    public int? VenueTerritoryId { get; init; }
    public string? RoomName { get; init; }
    /// <summary>A room of the structure to book for the event (GET /api/v1/rooms?structure=); the free-text roomName still works without it.</summary>
    public int? RoomId { get; init; }
    public string? OnlineUrl { get; init; }
    [Required] public int? Capacity { get; init; }
    [Required] public RegistrationMode? RegistrationMode { get; init; }
    [Required] public WaitlistPromotion? WaitlistPromotion { get; init; }
    public int? OfferHoldHours { get; init; }
    /// <summary>A public registration's seat counts once confirmed by the link e-mailed to the person (null: no).</summary>
    public bool? ConfirmByEmail { get; init; }
    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }
    /// <summary>The publics, as a list of names like the form's boxes (the event keeps them as flags); null for none.</summary>
    public IReadOnlyList<EventAudience>? Audience { get; init; }
    public string? Tags { get; init; }
    public string? Language { get; init; }
    public string? AccessibilityNotes { get; init; }
    public int? ReminderHours { get; init; }
    /// <summary>The partners organising it; null on an edit keeps them as they are.</summary>
    public IReadOnlyList<int>? OrganiserIds { get; init; }
    /// <summary>The questions asked to registrants; null on an edit keeps them as they are.</summary>
    public IReadOnlyList<QuestionFields>? Questions { get; init; }
    /// <summary>Draft or published; null keeps the current status (published on create).</summary>
    public EventStatus? Status { get; init; }
    /// <summary>The times given without offset (API), by field name: read in the place's zone once it is known (<see cref="EventFieldRules.ReadLocalTimes"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public IReadOnlySet<string> LocalTimes { get; init; } = new HashSet<string>();

    /// <summary>The names of the times this request wrote without offset (<see cref="Platform.Errors.LocalTimes"/>).</summary>
    public IReadOnlySet<string> LocalTimesOf(HttpContext http) => new[]
        {
            ("startsAt", StartsAt), ("endsAt", EndsAt), ("registrationOpensAt", RegistrationOpensAt), ("registrationClosesAt", RegistrationClosesAt),
        }.Where(t => Platform.Errors.LocalTimes.IsLocal(http, t.Item2)).Select(t => t.Item1).ToHashSet();
}

/// <summary>One question of the event; <see cref="Id"/> names an existing question when editing.</summary>
internal sealed record QuestionFields(string? Label, QuestionKind Kind = QuestionKind.Text, string? Choices = null, bool Required = false, int? Id = null);

/// <summary>How to repeat a new event: every <see cref="Interval"/> weeks or months, <see cref="Count"/> times or until a local date.</summary>
internal sealed record SeriesPlan(Recurrence Frequency, int Interval = 1, int? Count = null, DateOnly? Until = null);

/// <summary>What an edit did: the event (null when refused), the rules broken, the ids of the events changed.</summary>
internal sealed record EditOutcome(AgendaEvent? Event, IReadOnlyList<RuleViolation> Problems, IReadOnlyList<int> Changed, bool Forbidden = false)
{
    public bool Succeeded => Event is not null && Problems.Count == 0 && !Forbidden;
    public static EditOutcome Refused => new(null, [], [], Forbidden: true);
    public static EditOutcome Broken(IReadOnlyList<RuleViolation> problems) => new(null, problems, []);

    /// <summary>For the API: every rule broken, as one 422 naming each field.</summary>
    public void ThrowProblems() => RuleViolation.ThrowIfAny(Problems);
}
