using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;

namespace Maillage.Roster.Planning;

/// <summary>
/// The rules a duty obeys whatever the screen that asks (planning grid, pattern, copy of a week, swap): local times of
/// the structure that exist, within its opening hours on that date, in the right order; and an RRULE that ends within
/// two years. Each refusal is a <see cref="RuleViolation"/> naming the field, in French and English.
/// </summary>
internal static class DutyRules
{
    public const int MaxPatternDays = 2 * 366;
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// A local date and time of the structure's zone to an instant. A time the spring change skips (2026-03-29 02:30 in
    /// Paris) does not exist and is refused; a time the autumn change repeats is ambiguous and refused too — a duty is
    /// never planned in the night, so asking again is clearer than guessing which of the two was meant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone, string field)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            throw new RuleViolation(field, new(
                $"{time:HH\\:mm} n'existe pas le {HumanDates.Date(date, Fr)} ({zone.Id}) : l'heure avance ce jour-là. Choisissez une autre heure.",
                $"{time:HH\\:mm} does not exist on {HumanDates.Date(date, En)} ({zone.Id}): the clocks go forward that day. Choose another time."));
        if (zone.IsAmbiguousTime(local))
            throw new RuleViolation(field, new(
                $"{time:HH\\:mm} a lieu deux fois le {HumanDates.Date(date, Fr)} ({zone.Id}) : l'heure recule ce jour-là. Choisissez une heure sans ambiguïté.",
                $"{time:HH\\:mm} happens twice on {HumanDates.Date(date, En)} ({zone.Id}): the clocks go back that day. Choose an unambiguous time."));
        // In UTC: PostgreSQL stores an instant (timestamptz) and takes only UTC offsets.
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instant's local date and time in the zone.</summary>
    public static (DateOnly Date, TimeOnly Time) ToLocal(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    /// <summary>Ends after it starts, on the same day.</summary>
    public static RuleViolation? Order(TimeOnly starts, TimeOnly ends) =>
        ends <= starts
            ? new RuleViolation("Ends", new($"La fin ({ends:HH\\:mm}) doit suivre le début ({starts:HH\\:mm}).", $"The end ({ends:HH\\:mm}) must come after the start ({starts:HH\\:mm})."))
            : null;

    /// <summary>
    /// Whether the structure is open over the whole of <paramref name="starts"/>–<paramref name="ends"/> on that local date
    /// (adjacent ranges count as one), and the reason when it is not: a public holiday, an exceptional closure, a day it
    /// does not open, or its hours that day.
    /// </summary>
    public static RuleViolation? Opening(Structure structure, OpeningSchedule schedule, DateOnly date, TimeOnly starts, TimeOnly ends)
    {
        var (ranges, closedBecause) = schedule.On(date);
        if (ranges.Count == 0)
        {
            // Closed without an exceptional day on that date: the schedule's reason is the public holiday's name.
            if (closedBecause is { } holiday && !structure.Exceptions.Any(e => e.Date == date))
                return new RuleViolation("Date", new(
                    $"Le {DayMonth(date)} est un jour férié ({holiday.Fr}) : {structure.Name} est fermé.",
                    $"{HumanDates.Date(date, En)} is a public holiday ({holiday.En}): {structure.Name} is closed."));
            if (closedBecause is { } reason)
                return new RuleViolation("Date", new($"{structure.Name} est fermé le {HumanDates.Date(date, Fr)} ({reason.Fr}).", $"{structure.Name} is closed on {HumanDates.Date(date, En)} ({reason.En})."));
            return new RuleViolation("Date", new(
                $"{structure.Name} n'ouvre pas le {HumanDates.Weekday(date.ToDateTime(TimeOnly.MinValue), Fr)}.",
                $"{structure.Name} does not open on {HumanDates.Weekday(date.ToDateTime(TimeOnly.MinValue), En)}s."));
        }
        foreach (var range in Merged(ranges))
            if (starts >= range.Opens && ends <= range.Closes) return null;
        var hoursFr = string.Join(" et ", Merged(ranges).Select(r => $"de {r.Opens:HH\\:mm} à {r.Closes:HH\\:mm}"));
        var hoursEn = string.Join(" and ", Merged(ranges).Select(r => $"{r.Opens:HH\\:mm} to {r.Closes:HH\\:mm}"));
        var exceptional = structure.Exceptions.Any(e => e.Date == date);
        return new RuleViolation("Starts", new(
            $"{structure.Name} ouvre {hoursFr} le {(exceptional ? HumanDates.Date(date, Fr) : HumanDates.Weekday(date.ToDateTime(TimeOnly.MinValue), Fr))} : {starts:HH\\:mm}–{ends:HH\\:mm} en sort.",
            $"{structure.Name} opens {hoursEn} on {(exceptional ? HumanDates.Date(date, En) : HumanDates.Weekday(date.ToDateTime(TimeOnly.MinValue), En) + "s")}: {starts:HH\\:mm}–{ends:HH\\:mm} falls outside."));
    }

    /// <summary>"25 décembre", "1er mai".</summary>
    private static string DayMonth(DateOnly date) => (date.Day == 1 ? "1er" : date.Day.ToString(Fr)) + " " + date.ToString("MMMM", Fr);

    /// <summary>Adjacent or overlapping ranges of a day read as one opening (12:00–14:00 then 14:00–18:00).</summary>
    public static IReadOnlyList<TimeRange> Merged(IReadOnlyList<TimeRange> ranges)
    {
        var merged = new List<TimeRange>();
        foreach (var r in ranges.OrderBy(r => r.Opens))
        {
            if (merged.Count > 0 && r.Opens <= merged[^1].Closes)
                merged[^1] = merged[^1] with { Closes = r.Closes > merged[^1].Closes ? r.Closes : merged[^1].Closes };
            else merged.Add(r);
        }
        return merged;
    }

    /// <summary>
    /// The local dates an RRULE gives from <paramref name="first"/> (the first date counts as the rule's start, as in
    /// iCalendar), refused when the rule cannot be read, never ends (no UNTIL nor COUNT) or reaches more than two years
    /// past its first date.
    /// </summary>
    public static IReadOnlyList<DateOnly> Occurrences(string rule, DateOnly first)
    {
        const string field = "RecurrenceRule";
        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) text = text[6..];
        RecurrencePattern pattern;
        try { pattern = new RecurrencePattern(text); }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw Unreadable(field, text);
        }
        if (pattern.Frequency is not (Ical.Net.FrequencyType.Daily or Ical.Net.FrequencyType.Weekly or Ical.Net.FrequencyType.Monthly))
            throw new RuleViolation(field, new("La récurrence doit être quotidienne, hebdomadaire ou mensuelle (FREQ=DAILY, WEEKLY ou MONTHLY).",
                "The recurrence must be daily, weekly or monthly (FREQ=DAILY, WEEKLY or MONTHLY)."));
        if (pattern.Until is null && pattern.Count is null)
            throw new RuleViolation(field, new("La récurrence doit finir : donnez une date de fin (UNTIL) ou un nombre d'occurrences (COUNT).",
                "The recurrence must end: give an end date (UNTIL) or a number of occurrences (COUNT)."));
        var limit = first.AddDays(MaxPatternDays);
        if (pattern.Until is { } until && DateOnly.FromDateTime(until.Value) > first.AddYears(2))
            throw TooLong(field);
        var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(first.Year, first.Month, first.Day) };
        calendarEvent.RecurrenceRule = pattern;
        var dates = new List<DateOnly>();
        foreach (var occurrence in calendarEvent.GetOccurrences())
        {
            var date = DateOnly.FromDateTime(occurrence.Period.StartTime.Value);
            if (date > first.AddYears(2) || date > limit) throw TooLong(field);
            dates.Add(date);
        }
        return dates;
    }

    private static RuleViolation TooLong(string field) => new(field, new(
        "La récurrence dépasse deux ans : raccourcissez-la (UNTIL plus proche ou COUNT plus petit) et prolongez-la plus tard.",
        "The recurrence runs past two years: shorten it (an earlier UNTIL or a smaller COUNT) and extend it later."));

    private static RuleViolation Unreadable(string field, string text) => new(field, new(
        $"« {DateInput.Shown(text)} » n'est pas une règle de récurrence lisible (ex. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271231).",
        $"\"{DateInput.Shown(text)}\" is not a readable recurrence rule (e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271231)."));

    /// <summary>The dates of <see cref="DutyPattern.ExceptionDates"/>.</summary>
    public static IReadOnlySet<DateOnly> ExceptionDates(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();

    public static string ExceptionDatesText(IEnumerable<DateOnly> dates) =>
        string.Join(",", dates.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
}
