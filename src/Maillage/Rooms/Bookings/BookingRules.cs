using Maillage.Network.OpeningHours;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;

namespace Maillage.Rooms.Bookings;

/// <summary>
/// The rules a booking's time and size must meet before it can hold a room: times in order and to come, inside the
/// room's bookable hours once widened by its buffer, not on a closure or public holiday, not more people than seats.
/// Pure: the room, its schedule and the clock are given.
/// </summary>
public static class BookingRules
{
    public const int MaxYearsAhead = 2;

    /// <summary>Every rule broken (empty when the booking may hold the room); each names its field. Without <paramref name="now"/> (an agenda event, which has its own rules of time) neither the past nor the two years ahead are checked.</summary>
    public static List<RuleViolation> Check(Room room, OpeningSchedule schedule, DateTimeOffset startsAt, DateTimeOffset endsAt, int attendees, DateTimeOffset? now)
    {
        var problems = new List<RuleViolation>();
        if (attendees <= 0)
            problems.Add(new("attendees", new("Indiquez le nombre de participants (au moins un).", "Give the number of attendees (at least one).")));
        else if (attendees > room.Capacity)
            problems.Add(new("attendees", new($"La salle {room.Name} compte {room.Capacity} places ; la réservation en prévoit {attendees}.",
                $"{room.Name} seats {room.Capacity}; the booking is for {attendees}.")));
        if (endsAt <= startsAt)
        {
            problems.Add(new("endsAt", new("La fin doit venir après le début.", "The end must come after the start.")));
            return problems;
        }
        if (now is null) { }
        else if (startsAt < now)
            problems.Add(new("startsAt", new("Le début est passé : on ne réserve pas une salle dans le passé.", "The start has passed: a room cannot be booked in the past.")));
        else if (startsAt > now.Value.AddYears(MaxYearsAhead))
            problems.Add(new("startsAt", new($"On réserve au plus {MaxYearsAhead} ans à l'avance.", $"Rooms are booked at most {MaxYearsAhead} years ahead.")));
        if (HoursProblem(room, schedule, startsAt, endsAt) is { } hours) problems.Add(hours);
        return problems;
    }

    /// <summary>The span the booking keeps free: its times widened by the room's set-up/clean-up buffer.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) Held(Room room, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        (startsAt.AddMinutes(-room.BufferMinutes), endsAt.AddMinutes(room.BufferMinutes));

    private static RuleViolation? HoursProblem(Room room, OpeningSchedule schedule, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var (from, until) = Held(room, startsAt, endsAt);
        var localFrom = TimeZoneInfo.ConvertTime(from, schedule.Zone);
        var localUntil = TimeZoneInfo.ConvertTime(until, schedule.Zone);
        var date = DateOnly.FromDateTime(localFrom.DateTime);
        var (ranges, closedBecause) = schedule.On(date);
        // The texts are written only for a refusal: most bookings pass, and the booking rush counts every allocation.
        LocalizedText Day() => new(HumanDates.Day(date, HumanDates.French), HumanDates.Day(date, HumanDates.English));
        if (ranges.Count == 0)
        {
            var day = Day();
            var why = closedBecause is { } c ? new LocalizedText($" : {c.Fr}", $": {c.En}") : new LocalizedText("", "");
            return new RuleViolation("startsAt", new($"La salle {room.Name} ne se réserve pas le {day.Fr}{why.Fr}. Horaires : {room.DescribeHours().Fr}.",
                $"{room.Name} cannot be booked on {day.En}{why.En}. Hours: {room.DescribeHours().En}."));
        }
        var fromTime = TimeOnly.FromDateTime(localFrom.DateTime);
        var sameDay = DateOnly.FromDateTime(localUntil.DateTime) == date
            || (DateOnly.FromDateTime(localUntil.DateTime) == date.AddDays(1) && localUntil.TimeOfDay == TimeSpan.Zero);
        var untilTime = localUntil.TimeOfDay == TimeSpan.Zero && sameDay ? TimeOnly.MaxValue : TimeOnly.FromDateTime(localUntil.DateTime);
        // Adjacent ranges (10:00–12:00, 12:00–18:00) read as one.
        var inside = sameDay && ranges.Any(r => r.Opens <= fromTime && Reach(ranges, r) >= untilTime);
        if (inside) return null;
        var field = ranges.Any(r => r.Opens <= fromTime && fromTime < r.Closes) ? "endsAt" : "startsAt";
        var (dayName, buffer) = (Day(), room.BufferMinutes > 0
            ? new LocalizedText($" (avec {room.BufferMinutes} minutes d'installation et de rangement avant et après, elle occupe {localFrom:HH\\:mm}–{localUntil:HH\\:mm})",
                $" (with {room.BufferMinutes} minutes to set up and clear before and after, it takes {localFrom:HH\\:mm}–{localUntil:HH\\:mm})")
            : new LocalizedText("", ""));
        var open = string.Join(", ", ranges.Select(r => $"{r.Opens:HH\\:mm}–{r.Closes:HH\\:mm}"));
        return new RuleViolation(field, new($"En dehors des horaires de réservation de la salle {room.Name} le {dayName.Fr} ({open}){buffer.Fr}.",
            $"Outside the bookable hours of {room.Name} on {dayName.En} ({open}){buffer.En}."));
    }

    private static TimeOnly Reach(IReadOnlyList<TimeRange> ranges, TimeRange start)
    {
        var closes = start.Closes;
        foreach (var next in ranges.Where(r => r.Opens >= start.Opens).OrderBy(r => r.Opens))
            if (next.Opens <= closes && next.Closes > closes) closes = next.Closes;
        return closes;
    }

    /// <summary>
    /// A wall-clock time of the room's zone to an instant; a time the clocks skip (spring) or repeat (autumn) is refused
    /// naming <paramref name="field"/>, since nobody can tell which instant was meant.
    /// </summary>
    public static DateTimeOffset Instant(DateTime wallClock, TimeZoneInfo zone, string field)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            throw new RuleViolation(field, new($"{local:dd/MM/yyyy HH\\:mm} n'existe pas à l'heure locale : ce jour-là les horloges avancent d'une heure.",
                $"{local:yyyy-MM-dd HH\\:mm} does not exist in local time: the clocks go forward that day."));
        if (zone.IsAmbiguousTime(local))
            throw new RuleViolation(field, new($"{local:dd/MM/yyyy HH\\:mm} a lieu deux fois ce jour-là (les horloges reculent d'une heure) : précisez le décalage horaire (+02:00 ou +01:00).",
                $"{local:yyyy-MM-dd HH\\:mm} happens twice that day (the clocks go back): give the offset (+02:00 or +01:00)."));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
