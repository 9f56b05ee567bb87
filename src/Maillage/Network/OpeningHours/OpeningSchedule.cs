using Maillage.Platform.Errors;
using Maillage.Platform.Localization;

namespace Maillage.Network.OpeningHours;

/// <summary>Where a structure stands at a given instant.</summary>
public sealed record OpeningStatus(bool IsOpen, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpensAt, LocalizedText? ClosedBecause)
{
    /// <summary>"Ouvert, ferme à 18:00" / "Fermé, ouvre jeudi à 13:30", relative to <paramref name="now"/>.</summary>
    public string Describe(DateTimeOffset now)
    {
        if (IsOpen && ClosesAt is { } closes)
            return Text.T($"Ouvert, ferme à {closes:HH:mm}", $"Open now, closes at {closes:HH:mm}");
        if (NextOpensAt is not { } next)
            return Text.T("Fermé", "Closed");
        var localNow = now.ToOffset(next.Offset);
        var days = DateOnly.FromDateTime(next.DateTime).DayNumber - DateOnly.FromDateTime(localNow.DateTime).DayNumber;
        var when = days switch
        {
            0 => Text.T($"aujourd'hui à {next:HH:mm}", $"today at {next:HH:mm}"),
            1 => Text.T($"demain à {next:HH:mm}", $"tomorrow at {next:HH:mm}"),
            < 7 => Text.T($"{HumanDates.Weekday(next.DateTime)} à {next:HH:mm}", $"{HumanDates.Weekday(next.DateTime)} at {next:HH:mm}"),
            _ => Text.T($"le {HumanDates.DayWithoutYear(DateOnly.FromDateTime(next.DateTime))} à {next:HH:mm}", $"on {HumanDates.DayWithoutYear(DateOnly.FromDateTime(next.DateTime))} at {next:HH:mm}"),
        };
        return Text.T($"Fermé, ouvre {when}", $"Closed, opens {when}");
    }
}

/// <summary>
/// The opening hours of a structure: a weekly pattern, exceptional days and public holidays,
/// computed in the structure's own time zone so that daylight-saving changes are handled by the
/// time-zone rules rather than by fixed offsets.
/// </summary>
public sealed class OpeningSchedule(
    IEnumerable<OpeningRange> weekly,
    IEnumerable<OpeningException> exceptions,
    HolidayCalendar holidays,
    TimeZoneInfo zone)
{
    private readonly ILookup<DayOfWeek, TimeRange> _weekly = weekly.ToLookup(r => r.Day, r => new TimeRange(r.Opens, r.Closes));
    private readonly ILookup<DateOnly, OpeningException> _exceptions = exceptions.ToLookup(e => e.Date);

    public TimeZoneInfo Zone => zone;

    public IReadOnlyList<TimeRange> WeeklyOn(DayOfWeek day) => _weekly[day].OrderBy(r => r.Opens).ToList();

    /// <summary>The ranges actually open on a local date, and why the place is closed when it is.</summary>
    public (IReadOnlyList<TimeRange> Ranges, LocalizedText? ClosedBecause) On(DateOnly date)
    {
        var exceptional = _exceptions[date].ToList();
        if (exceptional.Count > 0)
        {
            if (exceptional.Any(e => e.Closed))
                return ([], new LocalizedText(
                    "Fermeture exceptionnelle" + (exceptional.First(e => e.Closed).Reason is { } r ? $" : {r}" : ""),
                    "Exceptionally closed" + (exceptional.First(e => e.Closed).Reason is { } r2 ? $": {r2}" : "")));
            return (exceptional.Where(e => e.Opens is not null && e.Closes is not null)
                .Select(e => new TimeRange(e.Opens!.Value, e.Closes!.Value)).OrderBy(r => r.Opens).ToList(), null);
        }
        if (PublicHolidays.NameOf(holidays, date) is { } holiday)
            return ([], holiday);
        return (WeeklyOn(date.DayOfWeek), null);
    }

    public OpeningStatus StatusAt(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var (ranges, closedBecause) = On(today);
        foreach (var range in ranges)
        {
            if (range.Contains(time))
            {
                // Adjacent ranges (12:00-14:00 then 14:00-18:00) read as one opening.
                var closes = range.Closes;
                foreach (var next in ranges.Where(r => r.Opens >= range.Opens).OrderBy(r => r.Opens))
                    if (next.Opens <= closes && next.Closes > closes) closes = next.Closes;
                return new OpeningStatus(true, ToInstant(today, closes), null, null);
            }
        }
        for (var offset = 0; offset <= 60; offset++)
        {
            var date = today.AddDays(offset);
            foreach (var range in On(date).Ranges)
            {
                if (offset == 0 && range.Opens <= time) continue;
                return new OpeningStatus(false, null, ToInstant(date, range.Opens), closedBecause);
            }
        }
        return new OpeningStatus(false, null, null, closedBecause);
    }

    /// <summary>
    /// Local wall-clock time to an instant. A time skipped by the spring change moves forward past the
    /// gap; a time repeated in autumn takes its first occurrence (summer time).
    /// </summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Ranges that end before they start, or that overlap on one day, are refused.</summary>
    public static void Validate(IEnumerable<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)> ranges, string field = "Hours")
    {
        foreach (var day in ranges.GroupBy(r => r.Day))
        {
            var dayName = System.Globalization.CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day.Key);
            var sorted = day.OrderBy(r => r.Opens).ToList();
            foreach (var r in sorted)
                if (r.Closes <= r.Opens)
                    throw new RuleViolation(field, new($"{dayName} : la plage {r.Opens:HH\\:mm}–{r.Closes:HH\\:mm} se termine avant de commencer.",
                        $"{dayName}: the range {r.Opens:HH\\:mm}–{r.Closes:HH\\:mm} ends before it starts."));
            for (var i = 1; i < sorted.Count; i++)
                if (sorted[i].Opens < sorted[i - 1].Closes)
                    throw new RuleViolation(field, new($"{dayName} : les plages {sorted[i - 1].Opens:HH\\:mm}–{sorted[i - 1].Closes:HH\\:mm} et {sorted[i].Opens:HH\\:mm}–{sorted[i].Closes:HH\\:mm} se chevauchent.",
                        $"{dayName}: the ranges {sorted[i - 1].Opens:HH\\:mm}–{sorted[i - 1].Closes:HH\\:mm} and {sorted[i].Opens:HH\\:mm}–{sorted[i].Closes:HH\\:mm} overlap."));
        }
    }
}
