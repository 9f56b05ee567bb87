using System.Security.Cryptography;
using Maillage.Platform.Audit;
using Maillage.Platform.Tenancy;

namespace Maillage.Agenda;

/// <summary>
/// A person registered to an event, without an account. The personal data lives in <see cref="Person"/>
/// (and the answers); everything else is counted in reports and survives the retention purge, which
/// anonymises the person (<see cref="Anonymise"/>) a configurable time after the event.
/// Not copied into the audit trail (<see cref="INotAudited"/>): it would keep personal data past retention.
/// </summary>
public sealed class Registration : ITenantOwned, INotAudited
{
    public long Id { get; set; }
    public int CiteId { get; set; }
    public int EventId { get; set; }
    public AgendaEvent Event { get; set; } = null!;
    public RegistrationStatus Status { get; set; }
    /// <summary>
    /// The secret of the personal link to view or cancel (the API's manageToken), sent only to the registrant's
    /// address; null once anonymised, so that no link, guessable or not, reaches a purged registration.
    /// </summary>
    public string? ManageToken { get; set; }
    public RegistrationSource Source { get; set; } = RegistrationSource.Online;

    /// <summary>Personal data, erased by the retention purge.</summary>
    public RegistrantDetails Person { get; set; } = new();
    /// <summary>Lower-cased e-mail, unique per event so that a second registration answers with the first; null once anonymised.</summary>
    public string? EmailKey { get; set; }

    /// <summary>Kept after anonymisation: the publics of item 7's reports.</summary>
    public PublicStatus? PublicStatus { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? WaitlistedAt { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }
    public DateTimeOffset? OfferExpiresAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public CancelledBy? CancelledBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }

    public AttendanceStatus Attendance { get; set; } = AttendanceStatus.Unknown;
    public DateTimeOffset? AttendedAt { get; set; }

    /// <summary>The one-time right to answer the satisfaction questionnaire; the answer itself is anonymous.</summary>
    public string? SurveyToken { get; set; }
    public DateTimeOffset? SurveySentAt { get; set; }
    public DateTimeOffset? SurveyAnsweredAt { get; set; }

    public DateTimeOffset? AnonymisedAt { get; set; }

    public List<RegistrationAnswer> Answers { get; set; } = [];

    public bool HoldsSeat => Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered;
    public bool IsActive => Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered or RegistrationStatus.Waitlisted or RegistrationStatus.Pending;

    /// <summary>The statuses of <see cref="IsActive"/>, for queries.</summary>
    public static readonly RegistrationStatus[] ActiveStatuses =
        [RegistrationStatus.Pending, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Offered];

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The secret of a personal link (manage or survey): 160 random bits, URL-safe; the one way tokens are made.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>
    /// Whether <paramref name="candidate"/> has the shape of a token of <see cref="NewToken"/> (40 lower-case hex digits).
    /// Every look-up by token checks it first: a blank link binds to null, and null is the token of every purged
    /// registration (issue 18).
    /// </summary>
    public static bool IsToken([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? candidate) =>
        candidate is { Length: 40 } && candidate.All(char.IsAsciiHexDigitLower);

    /// <summary>Erases the person: names, e-mail, phone, answers, tokens. Status, public status, attendance and dates stay.</summary>
    public void Anonymise(DateTimeOffset now)
    {
        Person = new RegistrantDetails();
        EmailKey = null;
        SurveyToken = null;
        ManageToken = null;
        Answers.Clear();
        AnonymisedAt = now;
    }
}

/// <summary>What a registrant tells about themselves; all of it is personal data.</summary>
public sealed class RegistrantDetails
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>A registrant's answer to one of the event's questions (personal data).</summary>
public sealed class RegistrationAnswer : ITenantOwned, INotAudited
{
    public long Id { get; set; }
    public int CiteId { get; set; }
    public long RegistrationId { get; set; }
    public int QuestionId { get; set; }
    public required string Value { get; set; }
}

public enum RegistrationStatus
{
    /// <summary>Awaiting the organiser's decision (approval mode).</summary>
    Pending,
    Confirmed,
    Waitlisted,
    /// <summary>A seat is held for this person until <see cref="Registration.OfferExpiresAt"/>.</summary>
    Offered,
    Cancelled,
    /// <summary>Refused by the organiser (approval mode).</summary>
    Declined,
    /// <summary>An offered seat not taken in time: it passed on.</summary>
    OfferExpired,
}

public enum RegistrationSource { Online, Organiser, Api, Import, WalkIn }

public enum CancelledBy { Registrant, Organiser, EventCancelled }

public enum AttendanceStatus { Unknown, Present, Absent, Excused }
