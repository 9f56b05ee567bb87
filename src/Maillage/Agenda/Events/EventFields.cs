using Maillage.Agenda.Registrations;
using Maillage.Platform.Errors;

namespace Maillage.Agenda.Events;

/// <summary>Every field of an event as the organiser gives it (form or API); times are instants (UTC or with their offset).</summary>
internal sealed record EventFields
{
    public string? Title { get; init; }
    public EventType? Type { get; init; }
    public EventTheme? Theme { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public int? StructureId { get; init; }
    public string? VenueName { get; init; }
    public string? VenueAddress { get; init; }
    public int? VenueTerritoryId { get; init; }
    public string? RoomName { get; init; }
    public string? OnlineUrl { get; init; }
    public int? Capacity { get; init; }
    public RegistrationMode? RegistrationMode { get; init; }
    public WaitlistPromotion? WaitlistPromotion { get; init; }
    public int? OfferHoldHours { get; init; }
    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }
    public EventAudience Audience { get; init; }
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
