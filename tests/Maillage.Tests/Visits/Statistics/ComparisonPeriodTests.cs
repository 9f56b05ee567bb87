using System.Globalization;
using Maillage.Visits.Dashboards;

namespace Maillage.Tests.Visits.Statistics;

/// <summary>
/// Issue 19, item 4: a period is compared with the same span of the period before and of the year before — a month to
/// date with the same days, a year with the year before once, whole weeks with whole weeks — and each is named rightly.
/// </summary>
public sealed class ComparisonPeriodTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static Period P(string from, string to) => new(D(from), D(to));

    private static void AssertSpan(Period expected, Period actual) =>
        Assert.True(expected == actual, $"expected {expected.From:yyyy-MM-dd}…{expected.To:yyyy-MM-dd}, got {actual.From:yyyy-MM-dd}…{actual.To:yyyy-MM-dd}");

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, c) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, c); }
    }

    [Theory]
    // A whole month: the month before and the same month a year earlier.
    [InlineData("2026-11-01", "2026-11-30", "Month", "2026-10-01", "2026-10-31", "2025-11-01", "2025-11-30")]
    // A month to date (4 December): the same days of November and of December last year, not whole months.
    [InlineData("2026-12-01", "2026-12-04", "PartialMonth", "2026-11-01", "2026-11-04", "2025-12-01", "2025-12-04")]
    // The 31st: the month before has 30 days, so a whole month is compared with its whole 30 days.
    [InlineData("2026-10-01", "2026-10-31", "Month", "2026-09-01", "2026-09-30", "2025-10-01", "2025-10-31")]
    [InlineData("2026-12-01", "2026-12-31", "Month", "2026-11-01", "2026-11-30", "2025-12-01", "2025-12-31")]
    // Leap years: March to date on the 30th against all February (29 days in 2024); February 2024 whole against February 2023 whole.
    [InlineData("2024-03-01", "2024-03-30", "PartialMonth", "2024-02-01", "2024-02-29", "2023-03-01", "2023-03-30")]
    [InlineData("2024-02-01", "2024-02-29", "Month", "2024-01-01", "2024-01-31", "2023-02-01", "2023-02-28")]
    [InlineData("2025-02-01", "2025-02-28", "Month", "2025-01-01", "2025-01-31", "2024-02-01", "2024-02-29")]
    // A quarter, and a quarter to date ending on a month's last day (30 November → 31 August).
    [InlineData("2026-10-01", "2026-12-31", "Quarter", "2026-07-01", "2026-09-30", "2025-10-01", "2025-12-31")]
    [InlineData("2026-10-01", "2026-11-30", "PartialQuarter", "2026-07-01", "2026-08-31", "2025-10-01", "2025-11-30")]
    // A year, a year to date; two months to 29 February are a quarter to date.
    [InlineData("2025-01-01", "2025-12-31", "Year", "2024-01-01", "2024-12-31", "2024-01-01", "2024-12-31")]
    [InlineData("2026-01-01", "2026-12-04", "PartialYear", "2025-01-01", "2025-12-04", "2025-01-01", "2025-12-04")]
    [InlineData("2024-01-01", "2024-02-29", "PartialQuarter", "2023-10-01", "2023-11-30", "2023-01-01", "2023-02-28")]
    // Whole weeks (a funder's period): as many weeks just before, the same weekdays 52 weeks earlier.
    [InlineData("2026-11-02", "2026-11-29", "Weeks", "2026-10-05", "2026-11-01", "2025-11-03", "2025-11-30")]
    [InlineData("2018-03-05", "2018-03-11", "Weeks", "2018-02-26", "2018-03-04", "2017-03-06", "2017-03-12")]
    // Any other days: as many days just before, the same dates a year earlier (29 February → 28 February).
    [InlineData("2024-02-10", "2024-02-29", "Days", "2024-01-21", "2024-02-09", "2023-02-10", "2023-02-28")]
    public void Given_a_period_Then_it_is_compared_with_the_same_span_before_and_a_year_earlier(string from, string to, string shape,
        string previousFrom, string previousTo, string lastYearFrom, string lastYearTo)
    {
        var period = P(from, to);
        Assert.Equal(shape, period.Shape.ToString());
        AssertSpan(P(previousFrom, previousTo), period.Previous());
        AssertSpan(P(lastYearFrom, lastYearTo), period.LastYear());
    }

    [Fact]
    public void Given_a_year_Then_it_is_compared_once_with_the_year_before_and_named_rightly()
    {
        var year = P("2025-01-01", "2025-12-31");
        Assert.Single(year.Comparisons());
        Assert.False(year.ComparesLastYearApart);
        Assert.Equal("2025, comparé à 2024.", InCulture("fr-FR", () => year.Comparison));
        Assert.Equal("2025, compared with 2024.", InCulture("en", () => year.Comparison));
        Assert.Equal(2, P("2026-11-01", "2026-11-30").Comparisons().Count);
    }

    [Theory]
    [InlineData("2026-11-01", "2026-11-30", "fr-FR", "novembre 2026", "novembre 2026, comparé à octobre 2026 et à novembre 2025.")]
    [InlineData("2026-11-01", "2026-11-30", "en", "November 2026", "November 2026, compared with October 2026 and November 2025.")]
    [InlineData("2026-12-01", "2026-12-04", "fr-FR", "1er–4 décembre 2026",
        "1er–4 décembre 2026 (mois commencé), comparé aux mêmes jours du mois précédent (1er–4 novembre 2026) et de l'an dernier (1er–4 décembre 2025).")]
    [InlineData("2026-12-01", "2026-12-04", "en", "1–4 December 2026",
        "1–4 December 2026 (month to date), compared with the same days of the month before (1–4 November 2026) and of last year (1–4 December 2025).")]
    [InlineData("2026-01-01", "2026-12-04", "fr-FR", "1er janvier – 4 décembre 2026",
        "1er janvier – 4 décembre 2026 (année commencée), comparé à la même période de l'année précédente : 1er janvier – 4 décembre 2025.")]
    [InlineData("2026-10-01", "2026-12-31", "fr-FR", "4e trimestre 2026", "4e trimestre 2026, comparé à 3e trimestre 2026 et à 4e trimestre 2025.")]
    [InlineData("2026-01-01", "2026-03-31", "en", "Q1 2026", "Q1 2026, compared with Q4 2025 and Q1 2025.")]
    [InlineData("2026-11-02", "2026-11-29", "fr-FR", "semaines 45–48 (2–29 novembre 2026)",
        "semaines 45–48 (2–29 novembre 2026), comparées aux 4 semaines précédentes (semaines 41–44 (5 octobre – 1er novembre 2026)) et aux mêmes semaines 52 semaines plus tôt (semaines 45–48 (3–30 novembre 2025)).")]
    [InlineData("2025-12-29", "2026-01-04", "en", "week 1 (29 December 2025 – 4 January 2026)",
        "week 1 (29 December 2025 – 4 January 2026), compared with the week before (week 52 (22–28 December 2025)) and the same week 52 weeks earlier (week 1 (30 December 2024 – 5 January 2025)).")]
    [InlineData("2026-03-10", "2026-03-19", "fr-FR", "10–19 mars 2026",
        "10–19 mars 2026, comparé aux 10 jours précédents (28 février – 9 mars 2026) et aux mêmes dates un an plus tôt (10–19 mars 2025).")]
    public void Given_a_period_Then_its_label_and_its_comparison_read_rightly(string from, string to, string culture, string label, string comparison)
    {
        var period = P(from, to);
        Assert.Equal(label, InCulture(culture, () => period.Label));
        Assert.Equal(comparison, InCulture(culture, () => period.Comparison));
    }
}
