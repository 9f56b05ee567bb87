using Maillage.Network.OpeningHours;
using Maillage.Platform.Audit;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Rooms;

/// <summary>A room of a structure that staff and partners may book (SPEC §6).</summary>
public sealed class Room : ITenantOwned, IAuditPlaced
{
    public const int MaxBufferMinutes = 240;

    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public required string Name { get; set; }
    /// <summary>Seats: a booking or an event never brings more people.</summary>
    public int Capacity { get; set; }
    /// <summary>How it is set out: "théâtre", "U", "tables de 6"…</summary>
    public string? Layout { get; set; }
    public string? Equipment { get; set; }
    public string? Accessibility { get; set; }
    /// <summary>Minutes kept free before and after each booking for setting up and clearing.</summary>
    public int BufferMinutes { get; set; }
    /// <summary>Whether a booking by someone who may not approve waits for the coordinator's decision.</summary>
    public bool NeedsApproval { get; set; } = true;
    /// <summary>
    /// The SHA-256 (hex) of the secret of the room's private iCalendar feed (<c>/api/v1/rooms/feed/{secret}.ics</c>), readable
    /// without signing in; null until the coordinator asks for one. Renewing it replaces the hash: the old address answers 404.
    /// </summary>
    public string? FeedTokenHash { get; set; }
    /// <summary>Whether any member of staff of the Cité may book it (partners are named in <see cref="Partners"/>).</summary>
    public bool CiteStaffMayBook { get; set; } = true;
    /// <summary>Where the facts come from (a seed document).</summary>
    public string? Source { get; set; }

    public List<RoomHours> Hours { get; set; } = [];
    public List<RoomClosure> Closures { get; set; } = [];
    public List<RoomPartner> Partners { get; set; } = [];

    /// <summary>The weekly pattern and closures read with the opening-hours rules of the network (time zone, public holidays).</summary>
    public OpeningSchedule Schedule(HolidayCalendar holidays, TimeZoneInfo zone) => new(
        Hours.Select(h => new OpeningRange { Day = h.Day, Opens = h.Opens, Closes = h.Closes }),
        Closures.Select(c => new OpeningException { Date = c.Date, Closed = true, Reason = c.Reason }),
        holidays, zone);

    /// <summary>Checks the fields a coordinator enters; every broken rule is reported at once.</summary>
    public static void Validate(string? name, int capacity, int bufferMinutes)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(name))
            problems.Add(new RuleViolation("name", new("Le nom de la salle est obligatoire.", "The room needs a name.")));
        if (capacity <= 0)
            problems.Add(new RuleViolation("capacity", new("La capacité est d'au moins une place.", "The capacity is at least one seat.")));
        if (bufferMinutes is < 0 or > MaxBufferMinutes)
            problems.Add(new RuleViolation("bufferMinutes", new($"Le temps d'installation et de rangement va de 0 à {MaxBufferMinutes} minutes.", $"The set-up and clean-up time is 0 to {MaxBufferMinutes} minutes.")));
        RuleViolation.ThrowIfAny(problems);
    }

    public void ReplaceHours(IReadOnlyCollection<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)> ranges)
    {
        OpeningSchedule.Validate(ranges, "hours");
        Hours.Clear();
        Hours.AddRange(ranges.Select(r => new RoomHours { RoomId = Id, Day = r.Day, Opens = r.Opens, Closes = r.Closes }));
    }

    /// <summary>"Du lundi au vendredi, 10:00–18:00" style summary of the weekly pattern.</summary>
    public LocalizedText DescribeHours() => RoomText.DescribeHours(Hours);

    int? IAuditPlaced.AuditCiteId => CiteId;
}

/// <summary>One range of a room's weekly bookable hours.</summary>
public sealed class RoomHours : IAuditPlaced
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>A day the room cannot be booked (works, an event of the house…).</summary>
public sealed class RoomClosure : IAuditPlaced
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public DateOnly Date { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A partner organisation whose staff may book the room; <see cref="Convention"/> when it is the other party of a room-use convention.</summary>
public sealed class RoomPartner : IAuditPlaced
{
    public int RoomId { get; set; }
    public int PartnerId { get; set; }
    public bool Convention { get; set; }
}

/// <summary>A booking of a room: it holds its time, widened by the room's buffer, while requested or confirmed.</summary>
public sealed class RoomBooking : ITenantOwned, IAuditPlaced
{
    public const int MaxTitle = 200;

    public int Id { get; set; }
    public int CiteId { get; set; }
    public int RoomId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>The span kept free for this booking: its times widened by the room's set-up/clean-up buffer. No two active bookings of a room overlap on it (decision 0014).</summary>
    public DateTimeOffset HeldFrom { get; set; }
    public DateTimeOffset HeldUntil { get; set; }
    public required string Title { get; set; }
    public int Attendees { get; set; }
    public BookingStatus Status { get; set; }
    public string? RequestedById { get; set; }
    public string? RequestedByName { get; set; }
    /// <summary>The partner organisation it is booked for, if any.</summary>
    public int? PartnerId { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>The language the requester used when asking ("fr", "en"; null when not known): the decision is e-mailed in it.</summary>
    public string? RequestedLanguage { get; set; }
    /// <summary>The occurrences of one weekly recurring booking share it.</summary>
    public Guid? SeriesId { get; set; }
    /// <summary>The agenda event that took the room, if any (the booking is then the event's).</summary>
    public int? AgendaEventId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Requested and confirmed bookings hold their time; refused and cancelled ones free it.</summary>
    public bool HoldsTime => Status is BookingStatus.Requested or BookingStatus.Confirmed;

    int? IAuditPlaced.AuditCiteId => CiteId;
}

public enum BookingStatus { Requested, Confirmed, Refused, Cancelled }

internal static class RoomText
{
    public static LocalizedText Describe(this BookingStatus status) => status switch
    {
        BookingStatus.Requested => new("Demandée", "Requested"),
        BookingStatus.Confirmed => new("Confirmée", "Confirmed"),
        BookingStatus.Refused => new("Refusée", "Refused"),
        _ => new("Annulée", "Cancelled"),
    };

    public static string ApiName(this BookingStatus status) => status.ToString().ToLowerInvariant();

    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static LocalizedText DescribeHours(IEnumerable<RoomHours> hours)
    {
        var list = hours.OrderBy(h => Array.IndexOf(Week, h.Day)).ThenBy(h => h.Opens).ToList();
        if (list.Count == 0) return new("Pas d'horaires de réservation", "No bookable hours");
        // Consecutive days with the same ranges read as one line: "lundi–vendredi 10:00–18:00".
        var byDay = Week.Select(d => (Day: d, Ranges: string.Join(", ", list.Where(h => h.Day == d).Select(h => $"{h.Opens:HH\\:mm}–{h.Closes:HH\\:mm}")))).ToList();
        var fr = new List<string>();
        var en = new List<string>();
        for (var i = 0; i < byDay.Count;)
        {
            if (byDay[i].Ranges.Length == 0) { i++; continue; }
            var j = i;
            while (j + 1 < byDay.Count && byDay[j + 1].Ranges == byDay[i].Ranges) j++;
            string Name(DayOfWeek d, string culture) => (culture == "fr-FR" ? HumanDates.French : HumanDates.English).DateTimeFormat.GetDayName(d);
            fr.Add((i == j ? Name(byDay[i].Day, "fr-FR") : $"{Name(byDay[i].Day, "fr-FR")}–{Name(byDay[j].Day, "fr-FR")}") + " " + byDay[i].Ranges);
            en.Add((i == j ? Name(byDay[i].Day, "en-GB") : $"{Name(byDay[i].Day, "en-GB")}–{Name(byDay[j].Day, "en-GB")}") + " " + byDay[i].Ranges);
            i = j + 1;
        }
        return new(string.Join(" ; ", fr), string.Join("; ", en));
    }
}
