using System.Globalization;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Errors;

namespace Maillage.Tests.Network;

public sealed class OpeningScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    private static OpeningRange R(DayOfWeek day, string opens, string closes) =>
        new() { Day = day, Opens = TimeOnly.Parse(opens), Closes = TimeOnly.Parse(closes) };

    private static OpeningSchedule Weekdays(TimeZoneInfo zone, HolidayCalendar holidays, params OpeningException[] exceptions) =>
        new(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .SelectMany(d => new[] { R(d, "09:00", "12:30"), R(d, "13:30", "18:00") }), exceptions, holidays, zone);

    [Fact]
    public void Given_two_ranges_a_day_When_it_is_within_the_afternoon_range_Then_it_is_open_and_closes_at_18()
    {
        var status = Weekdays(Paris, HolidayCalendar.France).StatusAt(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.FromHours(1)));
        Assert.True(status.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.FromHours(1)), status.ClosesAt);
    }

    [Fact]
    public void Given_the_lunch_break_Then_it_is_closed_and_opens_at_13_30_today()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 45, 0, TimeSpan.FromHours(1));
        var status = Weekdays(Paris, HolidayCalendar.France).StatusAt(now);
        Assert.False(status.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 13, 30, 0, TimeSpan.FromHours(1)), status.NextOpensAt);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
        Assert.Equal("Fermé, ouvre aujourd'hui à 13:30", status.Describe(now));
    }

    [Fact]
    public void Given_a_point_relais_open_tuesday_and_thursday_When_it_is_wednesday_Then_it_opens_thursday_at_13_30()
    {
        var schedule = new OpeningSchedule([R(DayOfWeek.Tuesday, "09:00", "12:00"), R(DayOfWeek.Thursday, "13:30", "17:00")], [], HolidayCalendar.France, Paris);
        var wednesday = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
        var status = schedule.StatusAt(wednesday);
        Assert.False(status.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 13, 30, 0, TimeSpan.FromHours(1)), status.NextOpensAt);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
        Assert.Equal("Closed, opens tomorrow at 13:30", status.Describe(wednesday));
        var monday = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(1));
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
        Assert.Equal("Fermé, ouvre demain à 09:00", schedule.StatusAt(monday).Describe(monday));
        var tuesdayNoon = new DateTimeOffset(2026, 11, 24, 12, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal("Fermé, ouvre jeudi à 13:30", schedule.StatusAt(tuesdayNoon).Describe(tuesdayNoon));
    }

    [Fact]
    public void Given_the_spring_change_in_Paris_When_it_is_08_30_UTC_Then_it_is_10_30_local_and_open()
    {
        // 29 March 2026: clocks go from 02:00 to 03:00; 08:30 UTC is 10:30 CEST (UTC+2), not 09:30.
        var schedule = new OpeningSchedule([R(DayOfWeek.Sunday, "10:00", "12:00")], [], HolidayCalendar.None, Paris);
        var status = schedule.StatusAt(new DateTimeOffset(2026, 3, 29, 8, 30, 0, TimeSpan.Zero));
        Assert.True(status.IsOpen);
        Assert.Equal(TimeSpan.FromHours(2), status.ClosesAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 10, 0, 0, TimeSpan.Zero), status.ClosesAt.Value.ToUniversalTime());
        // At 07:30 UTC (09:30 CEST) it is still closed, although a fixed UTC+1 would say 08:30.
        var before = schedule.StatusAt(new DateTimeOffset(2026, 3, 29, 7, 30, 0, TimeSpan.Zero));
        Assert.False(before.IsOpen);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero), before.NextOpensAt!.Value.ToUniversalTime());
    }

    [Fact]
    public void Given_the_autumn_change_in_Zurich_Then_the_next_opening_uses_winter_time()
    {
        // 25 October 2026: clocks go back from 03:00 to 02:00. Saturday evening, the next opening is Monday 09:00 CET (UTC+1).
        var schedule = Weekdays(Zurich, HolidayCalendar.Geneva);
        var saturday = new DateTimeOffset(2026, 10, 24, 20, 0, 0, TimeSpan.FromHours(2));
        var status = schedule.StatusAt(saturday);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), status.NextOpensAt!.Value.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(1), status.NextOpensAt.Value.Offset);
    }

    [Fact]
    public void A_local_time_skipped_by_the_spring_change_moves_forward_and_a_repeated_one_takes_summer_time()
    {
        var schedule = new OpeningSchedule([], [], HolidayCalendar.None, Paris);
        var skipped = schedule.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), skipped);
        var repeated = schedule.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(2, 30));
        Assert.Equal(TimeSpan.FromHours(2), repeated.Offset);
    }

    [Theory]
    [InlineData(2026, 4, 6, "Lundi de Pâques")]
    [InlineData(2026, 5, 14, "Ascension")]
    [InlineData(2026, 5, 25, "Lundi de Pentecôte")]
    [InlineData(2026, 7, 14, "Fête nationale")]
    [InlineData(2026, 11, 11, "Armistice 1918")]
    public void French_public_holidays_close_a_French_structure(int y, int m, int d, string name)
    {
        var day = new DateOnly(y, m, d);
        var (ranges, why) = Weekdays(Paris, HolidayCalendar.France).On(day);
        Assert.Empty(ranges);
        Assert.Equal(name, why!.Value.Fr);
    }

    [Theory]
    [InlineData(2026, 4, 3, "Vendredi saint")]
    [InlineData(2026, 9, 10, "Jeûne genevois")]
    [InlineData(2026, 12, 31, "Restauration de la République")]
    [InlineData(2025, 9, 11, "Jeûne genevois")]
    public void Geneva_public_holidays_close_a_Geneva_structure(int y, int m, int d, string name)
    {
        var (ranges, why) = Weekdays(Zurich, HolidayCalendar.Geneva).On(new DateOnly(y, m, d));
        Assert.Empty(ranges);
        Assert.Equal(name, why!.Value.Fr);
    }

    [Fact]
    public void Geneva_holidays_do_not_close_a_French_structure_the_same_day()
    {
        // Jeûne genevois 2026 is Thursday 10 September: an ordinary day in France.
        var (ranges, _) = Weekdays(Paris, HolidayCalendar.France).On(new DateOnly(2026, 9, 10));
        Assert.Equal(2, ranges.Count);
    }

    [Fact]
    public void Easter_is_computed_for_known_years()
    {
        Assert.Equal(new DateOnly(2024, 3, 31), PublicHolidays.EasterSunday(2024));
        Assert.Equal(new DateOnly(2025, 4, 20), PublicHolidays.EasterSunday(2025));
        Assert.Equal(new DateOnly(2026, 4, 5), PublicHolidays.EasterSunday(2026));
        Assert.Equal(new DateOnly(2027, 3, 28), PublicHolidays.EasterSunday(2027));
    }

    [Fact]
    public void An_exceptional_closure_wins_and_an_exceptional_opening_replaces_the_pattern()
    {
        var closed = new OpeningException { Date = new DateOnly(2026, 11, 24), Closed = true, Reason = "inventaire" };
        var saturday = new OpeningException { Date = new DateOnly(2026, 11, 28), Opens = new TimeOnly(10, 0), Closes = new TimeOnly(16, 0), Reason = "forum" };
        // 11 November is a holiday, but an exceptional opening that day wins over it.
        var armistice = new OpeningException { Date = new DateOnly(2026, 11, 11), Opens = new TimeOnly(9, 0), Closes = new TimeOnly(12, 0) };
        var schedule = Weekdays(Paris, HolidayCalendar.France, closed, saturday, armistice);
        var (tuesday, why) = schedule.On(new DateOnly(2026, 11, 24));
        Assert.Empty(tuesday);
        Assert.Contains("inventaire", why!.Value.Fr);
        Assert.Equal([new TimeRange(new TimeOnly(10, 0), new TimeOnly(16, 0))], schedule.On(new DateOnly(2026, 11, 28)).Ranges);
        Assert.Single(schedule.On(new DateOnly(2026, 11, 11)).Ranges);
        var mondayEvening = new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(1)), schedule.StatusAt(mondayEvening).NextOpensAt);
    }

    [Fact]
    public void Adjacent_ranges_read_as_one_opening()
    {
        var schedule = new OpeningSchedule([R(DayOfWeek.Monday, "09:00", "12:00"), R(DayOfWeek.Monday, "12:00", "17:00")], [], HolidayCalendar.None, Paris);
        var status = schedule.StatusAt(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(new TimeOnly(17, 0), TimeOnly.FromDateTime(status.ClosesAt!.Value.DateTime));
    }

    [Fact]
    public void Ranges_that_end_before_they_start_or_overlap_are_refused()
    {
        var backwards = Assert.Throws<RuleViolation>(() => OpeningSchedule.Validate([(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(9, 0))]));
        Assert.Contains("se termine avant de commencer", backwards.Text.Fr);
        var overlap = Assert.Throws<RuleViolation>(() => OpeningSchedule.Validate([
            (DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)), (DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(14, 0))]));
        Assert.Contains("se chevauchent", overlap.Text.Fr);
        Assert.Contains("overlap", overlap.Text.En);
        OpeningSchedule.Validate([(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)), (DayOfWeek.Tuesday, new TimeOnly(11, 0), new TimeOnly(14, 0))]);
    }
}
