using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Governance;

/// <summary>A session (<i>séance</i>) of a body: when and where, when convened, its agenda, who attended, who chaired.</summary>
public sealed class Session : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int BodyId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>The time zone its times are read in (the body's place), e.g. Europe/Paris.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";
    public string? Place { get; set; }
    /// <summary>Whether it is held by videoconference (the register says "s'est réuni en visioconférence").</summary>
    public bool Videoconference { get; set; }
    /// <summary>The videoconference link, sent to members only.</summary>
    public string? VideoLink { get; set; }
    /// <summary>The day the convocation was sent (<i>convocation du</i>).</summary>
    public DateOnly? ConvenedOn { get; set; }
    /// <summary>Who chaired (<i>sous la présidence de</i>): a member.</summary>
    public int? ChairMemberId { get; set; }
    /// <summary>The session's secretary (<i>secrétaire de séance</i>): a member.</summary>
    public int? SecretaryMemberId { get; set; }
    public string? Source { get; set; }
    /// <summary>The iCalendar SEQUENCE of the last convocation sent; with the start and place it announced, to say what changed.</summary>
    public int ConvocationSequence { get; set; }
    public DateTimeOffset? ConvokedStartsAt { get; set; }
    public string? ConvokedPlace { get; set; }

    public List<AgendaItem> Agenda { get; set; } = [];
    public List<Attendance> Attendance { get; set; } = [];

    /// <summary>The start as read in the session's time zone (<see cref="StartsAt"/> is stored in UTC).</summary>
    public DateTimeOffset LocalStart => TimeZoneInfo.ConvertTime(StartsAt, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
    /// <summary>The day of the session, where it is held: the day mandates must cover.</summary>
    public DateOnly Day => DateOnly.FromDateTime(LocalStart.DateTime);

    /// <summary>
    /// A session is convened before it is held; a shorter delay than the body's minimum is not refused (an urgent
    /// session is lawful) but said, so the secretary sees it before sending.
    /// </summary>
    public static LocalizedText? Check(DateTimeOffset startsAt, DateOnly? convenedOn, int minConvocationDays)
    {
        if (startsAt.Year is < 2000 or > 2100)
            throw new RuleViolation("startsAt", new("La date de la séance est entre 2000 et 2100.", "The session's date lies between 2000 and 2100."));
        if (convenedOn is not { } convened) return null;
        var day = DateOnly.FromDateTime(startsAt.DateTime);
        if (convened > day)
            throw new RuleViolation("convenedOn", new("La convocation précède la séance : sa date ne peut pas être après celle de la séance.", "The convocation comes before the session: its date cannot be after the session's."));
        var days = day.DayNumber - convened.DayNumber;
        return days < minConvocationDays
            ? new($"Convocation envoyée {days} jour{(days > 1 ? "s" : "")} avant la séance : le délai minimal de l'instance est de {minConvocationDays} jours.",
                $"Convened {days} day{(days == 1 ? "" : "s")} before the session: the body's minimum delay is {minConvocationDays} days.")
            : null;
    }
}

/// <summary>An item of a session's agenda, with the link to its documents.</summary>
public sealed class AgendaItem : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int SessionId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    /// <summary>Where its documents are (an address members open from their convocation).</summary>
    public string? DocumentUrl { get; set; }
}

/// <summary>How a member attended a session. A member with no row was absent.</summary>
public enum AttendanceStatus { Absent, Present, Replaced, Represented, Excused }

/// <summary>
/// One titular member's attendance at a session: present; replaced by a named substitute (who sits and votes in their
/// place); represented (proxy given to a named member present); excused; absent when there is no row.
/// </summary>
public sealed class Attendance : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int SessionId { get; set; }
    public int MemberId { get; set; }
    public AttendanceStatus Status { get; set; }
    /// <summary>For <see cref="AttendanceStatus.Replaced"/>: the substitute who sits in the member's place.</summary>
    public int? SubstituteId { get; set; }
    /// <summary>For <see cref="AttendanceStatus.Represented"/>: the member present who holds the proxy.</summary>
    public int? ProxyHolderId { get; set; }
}

/// <summary>
/// A member's convocation to a session (issue 22 item 2): sent through the outbox with an iCalendar invitation and a
/// personal link (the token is only in the e-mail; its SHA-256 is stored); opening the link records the acknowledgement.
/// </summary>
public sealed class Convocation : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int SessionId { get; set; }
    public int MemberId { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The iCalendar SEQUENCE of the last invitation sent (0 the first time, one more per change).</summary>
    public int Sequence { get; set; }
    public DateTimeOffset SentAt { get; set; }
    /// <summary>When the member first opened the link: the acknowledgement of receipt.</summary>
    public DateTimeOffset? OpenedAt { get; set; }
}
