using System.Globalization;
using Maillage.Platform.Localization;
using static Maillage.Platform.Localization.Text;

namespace Maillage.Visits.Dashboards;

/// <summary>What calendar unit a period is, whole or started (a month to date, a year to date …), or whole weeks, or days.</summary>
internal enum PeriodShape { Year, Quarter, Month, Weeks, PartialMonth, PartialQuarter, PartialYear, Days }

/// <summary>
/// A span of days, inclusive, with the periods it is compared with — always the same span: a whole month with the month
/// before and the same month a year earlier; a month to date (1–4 December) with the same days of the month before
/// (1–4 November) and of a year earlier (1–4 December last year); a year (or a year to date) with the same span a year
/// earlier only, which is then both "the previous period" and "a year earlier"; whole weeks with as many weeks just
/// before and the same weekdays 52 weeks earlier (docs/disclosure-control.md); other days with as many days just before
/// and the same dates a year earlier. A period ending on the last day of a month is compared with spans ending on the last
/// day of theirs (31 October → 30 September, 28 February → 29 February in a leap year).
/// </summary>
internal sealed record Period(DateOnly From, DateOnly To)
{
    public PeriodShape Shape
    {
        get
        {
            var monthEnd = EndOfMonth(From);
            var quarterStart = From.Day == 1 && From.Month % 3 == 1;
            if (From is { Month: 1, Day: 1 } && To == new DateOnly(From.Year, 12, 31)) return PeriodShape.Year;
            if (quarterStart && To == EndOfMonth(From.AddMonths(2))) return PeriodShape.Quarter;
            if (From.Day == 1 && To == monthEnd) return PeriodShape.Month;
            if (From.DayOfWeek == DayOfWeek.Monday && To.DayOfWeek == DayOfWeek.Sunday) return PeriodShape.Weeks;
            if (From.Day == 1 && To < monthEnd) return PeriodShape.PartialMonth;
            if (quarterStart && To < EndOfMonth(From.AddMonths(2))) return PeriodShape.PartialQuarter;
            if (From is { Month: 1, Day: 1 } && To.Year == From.Year) return PeriodShape.PartialYear;
            return PeriodShape.Days;
        }
    }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The same span in the period before (the previous month, quarter or year; as many weeks or days just before).</summary>
    public Period Previous() => Shape switch
    {
        PeriodShape.Year or PeriodShape.PartialYear => Shift(12),
        PeriodShape.Quarter or PeriodShape.PartialQuarter => Shift(3),
        PeriodShape.Month or PeriodShape.PartialMonth => Shift(1),
        _ => new(From.AddDays(-Days), From.AddDays(-1)),
    };

    /// <summary>
    /// The same span a year earlier; whole weeks go back 52 weeks (364 days), to the same weekdays: a funder's comparison
    /// is then whole weeks too, and no difference of two periods isolates a day.
    /// </summary>
    public Period LastYear() => Shape == PeriodShape.Weeks ? new(From.AddDays(-364), To.AddDays(-364)) : Shift(12);

    /// <summary>The periods compared, each once: a year's previous period is the year before, so it is not repeated.</summary>
    public IReadOnlyList<Period> Comparisons() => Previous() == LastYear() ? [Previous()] : [Previous(), LastYear()];

    /// <summary>Whether the year earlier is a comparison of its own (not the previous period again).</summary>
    public bool ComparesLastYearApart => Previous() != LastYear();

    private Period Shift(int months) => new(From.AddMonths(-months), ShiftEnd(To, -months));

    /// <summary>A day moved by whole months; the last day of a month goes to the last day of the other month.</summary>
    private static DateOnly ShiftEnd(DateOnly day, int months) => day == EndOfMonth(day) ? EndOfMonth(day.AddMonths(months)) : day.AddMonths(months);

    private static DateOnly EndOfMonth(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>A short name of the period, for a column heading: "2025", "4e trimestre 2026", "novembre 2026", "1er–4 décembre 2026", "semaines 45–48 (2–29 novembre 2026)".</summary>
    public string Label => Shape switch
    {
        PeriodShape.Year => From.Year.ToString(CultureInfo.InvariantCulture),
        PeriodShape.Quarter => LocalizedText.IsEnglish ? $"Q{(From.Month + 2) / 3} {From.Year}" : $"{((From.Month + 2) / 3 == 1 ? "1er" : $"{(From.Month + 2) / 3}e")} trimestre {From.Year}",
        PeriodShape.Month => From.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", Culture),
        PeriodShape.Weeks => WeeksLabel(),
        _ => Range(From, To),
    };

    private string WeeksLabel()
    {
        var first = ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue));
        var last = ISOWeek.GetWeekOfYear(To.ToDateTime(TimeOnly.MinValue));
        var weeks = first == last ? T($"semaine {first}", $"week {first}") : T($"semaines {first}–{last}", $"weeks {first}–{last}");
        return $"{weeks} ({Range(From, To)})";
    }

    /// <summary>"1er–4 décembre 2026", "1er janvier – 4 décembre 2026", "29 décembre 2025 – 4 janvier 2026" (and in English).</summary>
    public static string Range(DateOnly from, DateOnly to)
    {
        string Day(DateOnly d) => d.Day == 1 && !LocalizedText.IsEnglish ? "1er" : d.Day.ToString(CultureInfo.InvariantCulture);
        string Month(DateOnly d) => d.ToDateTime(TimeOnly.MinValue).ToString("MMMM", Culture);
        if (from == to) return $"{Day(from)} {Month(from)} {from.Year}";
        if (from.Year == to.Year && from.Month == to.Month) return $"{Day(from)}–{Day(to)} {Month(to)} {to.Year}";
        if (from.Year == to.Year) return $"{Day(from)} {Month(from)} – {Day(to)} {Month(to)} {to.Year}";
        return $"{Day(from)} {Month(from)} {from.Year} – {Day(to)} {Month(to)} {to.Year}";
    }

    /// <summary>What the figures are compared with, in words, saying when the period is started and compared day for day.</summary>
    public string Comparison
    {
        get
        {
            var previous = Previous();
            var lastYear = LastYear();
            return Shape switch
            {
                PeriodShape.Year => T($"{Label}, comparé à {previous.Label}.", $"{Label}, compared with {previous.Label}."),
                PeriodShape.PartialYear => T($"{Label} (année commencée), comparé à la même période de l'année précédente : {previous.Label}.",
                    $"{Label} (year to date), compared with the same span of the year before: {previous.Label}."),
                PeriodShape.Quarter or PeriodShape.Month => T($"{Label}, comparé à {previous.Label} et à {lastYear.Label}.", $"{Label}, compared with {previous.Label} and {lastYear.Label}."),
                PeriodShape.PartialMonth => T($"{Label} (mois commencé), comparé aux mêmes jours du mois précédent ({previous.Label}) et de l'an dernier ({lastYear.Label}).",
                    $"{Label} (month to date), compared with the same days of the month before ({previous.Label}) and of last year ({lastYear.Label})."),
                PeriodShape.PartialQuarter => T($"{Label} (trimestre commencé), comparé à la même durée du trimestre précédent ({previous.Label}) et de l'an dernier ({lastYear.Label}).",
                    $"{Label} (quarter to date), compared with the same span of the quarter before ({previous.Label}) and of last year ({lastYear.Label})."),
                PeriodShape.Weeks => Days == 7
                    ? T($"{Label}, comparée à la semaine précédente ({previous.Label}) et à la même semaine 52 semaines plus tôt ({lastYear.Label}).",
                        $"{Label}, compared with the week before ({previous.Label}) and the same week 52 weeks earlier ({lastYear.Label}).")
                    : T($"{Label}, comparées aux {Days / 7} semaines précédentes ({previous.Label}) et aux mêmes semaines 52 semaines plus tôt ({lastYear.Label}).",
                        $"{Label}, compared with the {Days / 7} weeks just before ({previous.Label}) and the same weeks 52 weeks earlier ({lastYear.Label})."),
                _ when Days == 1 => T($"{Label}, comparé à la veille ({previous.Label}) et au même jour un an plus tôt ({lastYear.Label}).",
                    $"{Label}, compared with the day before ({previous.Label}) and the same day a year earlier ({lastYear.Label})."),
                _ => T($"{Label}, comparé aux {Days} jours précédents ({previous.Label}) et aux mêmes dates un an plus tôt ({lastYear.Label}).",
                    $"{Label}, compared with the {Days} days just before ({previous.Label}) and the same dates a year earlier ({lastYear.Label})."),
            };
        }
    }

    private static CultureInfo Culture => CultureInfo.GetCultureInfo(LocalizedText.IsEnglish ? "en" : "fr-FR");
}
