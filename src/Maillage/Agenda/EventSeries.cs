using Maillage.Platform.Errors;
using Maillage.Platform.Tenancy;

namespace Maillage.Agenda;

/// <summary>
/// A recurring series (e.g. the monthly CitésLab meeting): its occurrences are ordinary events carrying
/// <see cref="AgendaEvent.SeriesId"/>. Editing "this occurrence" changes one event; "this and following"
/// changes every occurrence from that one on.
/// </summary>
public sealed class EventSeries : ITenantOwned
{
    public const int MaxOccurrences = 60;

    public int Id { get; set; }
    public int CiteId { get; set; }
    public required string Title { get; set; }
    public Recurrence Frequency { get; set; }
    /// <summary>Every how many weeks or months.</summary>
    public int Interval { get; set; } = 1;
    public int Occurrences { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Local start dates of the occurrences from the first one's local start: weekly on the same day,
    /// monthly on the same day of the month, or monthly on the same weekday rank ("the 2nd Tuesday").
    /// </summary>
    public static IReadOnlyList<DateTime> Dates(DateTime firstLocalStart, Recurrence frequency, int interval, int count)
    {
        if (count is < 1 or > MaxOccurrences)
            throw new RuleViolation("occurrences", new($"Une série compte de 1 à {MaxOccurrences} séances.", $"A series has 1 to {MaxOccurrences} occurrences."));
        if (interval is < 1 or > 12)
            throw new RuleViolation("interval", new("L'intervalle va de 1 à 12.", "The interval is 1 to 12."));
        var dates = new List<DateTime>(count);
        var rank = (firstLocalStart.Day - 1) / 7; // 0 = first weekday of its kind in the month
        for (var i = 0; i < count; i++)
        {
            dates.Add(frequency switch
            {
                Recurrence.Weekly => firstLocalStart.AddDays(7 * interval * i),
                Recurrence.MonthlyByDate => firstLocalStart.AddMonths(interval * i),
                _ => NthWeekday(firstLocalStart.AddMonths(interval * i), firstLocalStart.DayOfWeek, rank, firstLocalStart.TimeOfDay),
            });
        }
        return dates;
    }

    private static DateTime NthWeekday(DateTime inMonth, DayOfWeek day, int rank, TimeSpan time)
    {
        var first = new DateTime(inMonth.Year, inMonth.Month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        var date = first.AddDays(offset + 7 * rank);
        if (date.Month != first.Month) date = date.AddDays(-7); // a 5th weekday that this month lacks: the last one
        return date + time;
    }
}

public enum Recurrence { Weekly, MonthlyByDate, MonthlyByWeekday }

/// <summary>Which occurrences an edit of a series occurrence applies to.</summary>
internal enum SeriesEditScope { ThisOccurrence, ThisAndFollowing }
