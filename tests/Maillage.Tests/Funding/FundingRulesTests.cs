using Maillage.Funding;
using Maillage.Funding.Rules;
using Maillage.Platform.Errors;

namespace Maillage.Tests.Funding;

/// <summary>The rules of conventions, without a database: the seed figures reproduced exactly.</summary>
public sealed class FundingRulesTests
{
    private const decimal Tolerance = 0.01m;

    /// <summary>Issue 21, item 6: the module's dates go through the platform's one date writer — "1er janvier" in French.</summary>
    [Fact]
    public void Given_the_first_of_a_month_Then_French_writes_1er_and_English_1()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("1er janvier 2022", Maillage.Funding.Conventions.FundingFormat.Date(new DateOnly(2022, 1, 1)));
            Assert.Equal("31 décembre 2024", Maillage.Funding.Conventions.FundingFormat.Date(new DateOnly(2024, 12, 31)));
            Assert.Equal("du 1er janvier 2022 au 31 décembre 2024", Maillage.Funding.Conventions.FundingFormat.Period(
                new Convention { Title = "t", EffectiveFrom = new DateOnly(2022, 1, 1), EffectiveTo = new DateOnly(2024, 12, 31) }));
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
            Assert.Equal("1 January 2022", Maillage.Funding.Conventions.FundingFormat.Date(new DateOnly(2022, 1, 1)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Given_26_5_days_at_583_euros_before_tax_and_20_percent_VAT_Then_the_year_is_18_539_euros_rounded_to_the_euro_and_matches_the_signed_figure()
    {
        var exact = DayAmounts.Exact(6.5m + 5m + 15m, 583m, 0.20m);
        Assert.Equal(18539.40m, exact);
        var figure = CheckedFigure.Of(exact, 18539m, AmountRounding.Euro, Tolerance);
        Assert.Equal(18539m, figure.Computed);
        Assert.Equal(0m, figure.Discrepancy);
        Assert.False(figure.Flagged);
        Assert.Equal(18539.40m, CheckedFigure.Of(exact, null, AmountRounding.Cent, Tolerance).Computed);
    }

    [Fact]
    public void Given_a_signed_figure_beyond_the_tolerance_Then_it_is_flagged_and_kept_as_signed()
    {
        var figure = CheckedFigure.Of(DayAmounts.Exact(26.5m, 600m, 0.20m), 18539m, AmountRounding.Euro, Tolerance);
        Assert.Equal(19080m, figure.Computed);
        Assert.Equal(18539m, figure.Signed);
        Assert.Equal(18539m, figure.Agreed);
        Assert.Equal(-541m, figure.Discrepancy);
        Assert.True(figure.Flagged);
    }

    [Fact]
    public void Given_the_ceremony_rule_Then_the_refund_is_half_the_actual_costs_capped_at_1000()
    {
        Assert.Equal(900m, CostShares.Refund(0.5m, 1000m, 1800m, AmountRounding.Euro));
        Assert.Equal(1000m, CostShares.Refund(0.5m, 1000m, 2000m, AmountRounding.Euro));
        Assert.Equal(1000m, CostShares.Refund(0.5m, 1000m, 2450.80m, AmountRounding.Euro));
        Assert.Equal(612.35m, CostShares.Refund(0.5m, 1000m, 1224.70m, AmountRounding.Euro));
        Assert.Equal(0m, CostShares.Refund(0.5m, 1000m, 0m, AmountRounding.Euro));
    }

    [Fact]
    public void Given_a_share_over_100_percent_or_a_negative_cap_Then_each_field_is_named()
    {
        var problems = CostShares.Validate(1.5m, -1m, 2000m);
        Assert.Equal(["share", "cap"], problems.Select(p => p.Field));
        Assert.Equal(["financedDays"], DayAmounts.Validate(163m, -1m).Select(p => p.Field));
        Assert.Equal(["financedDays"], DayAmounts.Validate(163m, 6.3m).Select(p => p.Field));
        Assert.Empty(DayAmounts.Validate(163m, 6.5m));
    }

    [Theory]
    [InlineData(2021, 122, 3803.7)]
    [InlineData(2023, 128, 3990.8)]
    public void Given_the_CitesLab_period_Then_partial_years_count_actual_days_over_365(int year, int days, double net)
    {
        var start = new DateOnly(2021, 9, 1);
        var end = new DateOnly(2023, 5, 9);
        Assert.Equal(days, ProRata.DaysCounted(year, start, end, DayCountRule.Actual365));
        Assert.Equal((decimal)net, Math.Round(11380m * ProRata.Fraction(year, start, end, DayCountRule.Actual365), 1));
        Assert.Equal(1m, ProRata.Fraction(2022, start, end, DayCountRule.Actual365));
        Assert.Equal(0m, ProRata.Fraction(2024, start, end, DayCountRule.Actual365));
    }

    [Fact]
    public void Given_the_30_360_rule_Then_months_count_30_days()
    {
        var start = new DateOnly(2021, 9, 1);
        var end = new DateOnly(2023, 5, 9);
        Assert.Equal(120, ProRata.DaysCounted(2021, start, end, DayCountRule.Thirty360));
        Assert.Equal(128, ProRata.DaysCounted(2023, start, end, DayCountRule.Thirty360));
        Assert.Equal(120m / 360m, ProRata.Fraction(2021, start, end, DayCountRule.Thirty360));
    }

    [Fact]
    public void Given_the_CitesLab_table_with_a_1_percent_tolerance_Then_exactly_one_figure_is_flagged_Bpifrance_2021()
    {
        var start = new DateOnly(2021, 9, 1);
        var end = new DateOnly(2023, 5, 9);
        var annual = new[] { 15280m, 3900m, 11380m };
        var signed = new Dictionary<int, decimal[]> { [2021] = [5093m, 1323m, 3770m], [2022] = [15280m, 3900m, 11380m], [2023] = [5359m, 1368m, 3991m] };
        var flagged = new List<(int Year, int Column, decimal Computed)>();
        foreach (var (year, figures) in signed)
            for (var i = 0; i < 3; i++)
            {
                var f = CheckedFigure.Of(annual[i] * ProRata.Fraction(year, start, end, DayCountRule.Actual365), figures[i], AmountRounding.Euro, Tolerance);
                if (f.Flagged) flagged.Add((year, i, f.Computed));
            }
        var only = Assert.Single(flagged);
        Assert.Equal((2021, 1, 1304m), only);
        // 2023 matches to the euro on the two parts.
        Assert.Equal(1368m, Money.Round(3900m * 128m / 365m, AmountRounding.Euro));
        Assert.Equal(3991m, Money.Round(11380m * 128m / 365m, AmountRounding.Euro));
    }

    [Fact]
    public void Given_the_AA_CCG_rule_Then_each_year_is_due_in_February_of_the_next_year_on_the_annual_report()
    {
        var amounts = new Dictionary<int, decimal> { [2022] = 18539m + 1000m, [2023] = 18539m, [2024] = 18539m };
        var lines = Schedules.Lines(PaymentRuleKind.YearInArrears, 2, null, true, false, amounts, new DateOnly(2022, 1, 1));
        Assert.Equal([new DateOnly(2023, 2, 28), new DateOnly(2024, 2, 29), new DateOnly(2025, 2, 28)], lines.Select(l => l.DueOn));
        Assert.Equal([new DateOnly(2023, 2, 1), new DateOnly(2024, 2, 1), new DateOnly(2025, 2, 1)], lines.Select(l => l.ReportDueOn!.Value));
        Assert.Equal(19539m, lines[0].Amount);
    }

    [Fact]
    public void Given_the_CitesLab_rule_Then_the_partial_2021_is_called_with_2022_at_the_start_of_2022_payable_within_30_days()
    {
        var amounts = new Dictionary<int, decimal> { [2021] = 3770m, [2022] = 11380m, [2023] = 3991m };
        var lines = Schedules.Lines(PaymentRuleKind.CallAtYearStart, null, 30, false, true, amounts, new DateOnly(2021, 9, 1));
        Assert.Equal(2, lines.Count);
        Assert.Equal([2021, 2022], lines[0].Years);
        Assert.Equal(15150m, lines[0].Amount);
        Assert.Equal(new DateOnly(2022, 1, 31), lines[0].DueOn);
        Assert.Equal([2023], lines[1].Years);
        Assert.Equal(new DateOnly(2023, 1, 31), lines[1].DueOn);
    }

    [Theory]
    [InlineData("2023-02-28", AgeingBucket.NotDue, 0)]
    [InlineData("2023-03-01", AgeingBucket.Days1To30, 1)]
    [InlineData("2023-03-30", AgeingBucket.Days1To30, 30)]
    [InlineData("2023-03-31", AgeingBucket.Days31To60, 31)]
    [InlineData("2023-04-29", AgeingBucket.Days31To60, 60)]
    [InlineData("2023-04-30", AgeingBucket.Over60, 61)]
    public void Given_an_unpaid_line_Then_it_is_aged_1_30_31_60_over_60(string today, AgeingBucket bucket, int late)
    {
        var line = Schedules.Lines(PaymentRuleKind.YearInArrears, 2, null, true, false, new Dictionary<int, decimal> { [2022] = 18539m }, null)[0];
        var aged = Ageing.Age(line, 8539m, DateOnly.Parse(today));
        Assert.Equal(bucket, aged.Bucket);
        Assert.Equal(late, aged.DaysOverdue);
        Assert.Equal(10000m, aged.Outstanding);
        Assert.Equal(AgeingBucket.Paid, Ageing.Age(line, 18539m, DateOnly.Parse(today)).Bucket);
    }

    [Fact]
    public void Given_validity_until_28_February_2025_and_two_months_notice_Then_the_last_day_to_give_notice_is_28_December_2024()
    {
        Assert.Equal(new DateOnly(2024, 12, 28), Deadlines.LastDayToGiveNotice(new DateOnly(2025, 2, 28), 2));
        // Five years from a signature: none while the signature date is unknown.
        Assert.Null(Deadlines.EndOfValidity(null, 60, null));
        Assert.Equal(new DateOnly(2029, 3, 11), Deadlines.EndOfValidity(null, 60, new DateOnly(2024, 3, 12)));
        Assert.Equal(new DateOnly(2028, 12, 11), Deadlines.LastDayToGiveNotice(new DateOnly(2029, 3, 11), 3));
    }

    [Fact]
    public void Given_an_end_before_the_start_or_a_notice_longer_than_the_term_Then_the_field_is_named()
    {
        var problems = Deadlines.Validate(new DateOnly(2022, 1, 1), new DateOnly(2021, 12, 31), new DateOnly(2022, 2, 1), 2, null);
        Assert.Equal(["effectiveTo", "noticeMonths"], problems.Select(p => p.Field));
        Assert.Contains("plus long que la durée", problems[1].Text.Fr);
        Assert.Equal(["noticeMonths"], Deadlines.Validate(null, null, null, 60, 60).Select(p => p.Field));
    }

    [Fact]
    public void Given_amendments_Then_one_outside_the_period_or_overlapping_another_on_the_same_term_is_refused()
    {
        var start = new DateOnly(2022, 1, 1);
        var end = new DateOnly(2024, 12, 31);
        var others = new[] { (1, AmendedTerm.DayRate, new DateOnly(2023, 1, 1), (DateOnly?)null) };
        Assert.Equal(["effectiveFrom"], Amendments.Validate(AmendedTerm.DayRate, new DateOnly(2025, 3, 1), null, start, end, []).Select(p => p.Field));
        var overlap = Amendments.Validate(AmendedTerm.DayRate, new DateOnly(2024, 1, 1), null, start, end, others);
        Assert.Contains("Un autre avenant", Assert.Single(overlap).Text.Fr);
        Assert.Empty(Amendments.Validate(AmendedTerm.VatRate, new DateOnly(2024, 1, 1), null, start, end, others));
        Assert.Empty(Amendments.Validate(AmendedTerm.DayRate, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), start, end, others));
    }

    [Fact]
    public void Given_an_amendment_of_the_day_rate_from_2024_Then_only_2024_is_computed_with_it_and_its_signed_figure_is_flagged()
    {
        var c = new Convention { Title = "t", EffectiveFrom = new DateOnly(2022, 1, 1), EffectiveTo = new DateOnly(2024, 12, 31) };
        var action = new ConventionAction { Code = "1", Title = "a" };
        foreach (var y in new[] { 2022, 2023, 2024 })
        {
            action.Days.Add(new ActionDays { Year = y, FinancedDays = 26.5m });
            c.Years.Add(new ConventionYear { Year = y, DayRateExclVat = 583m, VatRate = 0.2m, SignedAmount = 18539m });
        }
        c.Actions.Add(action);
        c.Amendments.Add(new Amendment { Number = 1, Term = AmendedTerm.DayRate, EffectiveFrom = new DateOnly(2024, 1, 1), Value = "600" });
        var sheet = ConventionSheet.Build(c, Tolerance, new DateOnly(2022, 6, 1));
        Assert.Equal([18539m, 18539m, 19080m], sheet.Amounts.Select(a => a.Amount!.Computed));
        Assert.Equal([false, false, true], sheet.Amounts.Select(a => a.Amount!.Flagged));
    }
}
