using Maillage.Platform.Localization;

namespace Maillage.Funding.Rules;

/// <summary>One year of days: the days financed, the rate, the amount computed beside the signed one.</summary>
public sealed record YearAmount(int Year, decimal FinancedDays, decimal? ForecastDays, decimal? DayRate, decimal VatRate, CheckedFigure? Amount, string? Payer);

public sealed record SubsidyCell(int Year, string? YearLabel, decimal Fraction, int DaysCounted, CheckedFigure Figure);

public sealed record SubsidyColumnSheet(string Label, string? Party, decimal AnnualAmount, IReadOnlyList<SubsidyCell> Years);

public sealed record SubsidySheet(string Title, DayCountRule DayCount, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<SubsidyColumnSheet> Columns)
{
    public IEnumerable<int> Years => Columns.SelectMany(c => c.Years.Select(y => y.Year)).Distinct().Order();
}

public sealed record CostYear(int Year, decimal ActualCosts, decimal Refund, IReadOnlyList<ActualCost> Costs);

public sealed record CostSharingSheet(string Label, string? Payer, decimal? Budget, decimal Share, decimal? Cap, IReadOnlyList<CostYear> Years);

/// <summary>
/// Everything a convention's page, its API and its report show, computed once from the stored convention: the yearly
/// amounts beside the signed ones, the subsidy tables pro rata, the shares of actual costs, the schedule aged on
/// <c>today</c>, and the deadlines. Pure: no database, no clock.
/// </summary>
public sealed record ConventionSheet(
    IReadOnlyList<YearAmount> Amounts,
    IReadOnlyList<SubsidySheet> Subsidies,
    IReadOnlyList<CostSharingSheet> CostSharing,
    IReadOnlyList<AgedLine> Schedule,
    IReadOnlyList<Deadline> Deadlines,
    decimal Tolerance)
{
    public static ConventionSheet Build(Convention c, decimal tolerance, DateOnly today)
    {
        string? PartyName(int? id) => id is null ? null : c.Parties.FirstOrDefault(p => p.Id == id)?.Name;

        // Days × rate, per year, from the actions' days and the year's rate (an amendment in force on the year's first day wins).
        var amounts = new List<YearAmount>();
        var dayYears = c.Actions.SelectMany(a => a.Days).Select(d => d.Year).Concat(c.Years.Select(y => y.Year)).Distinct().Order();
        foreach (var year in dayYears)
        {
            var days = c.Actions.SelectMany(a => a.Days).Where(d => d.Year == year).ToList();
            var financed = days.Sum(d => d.FinancedDays);
            decimal? forecast = days.Any(d => d.ForecastDays is not null) ? days.Sum(d => d.ForecastDays ?? 0) : null;
            var y = c.Years.FirstOrDefault(x => x.Year == year);
            var firstDay = new DateOnly(year, 1, 1);
            if (c.EffectiveFrom is { } ef && ef > firstDay) firstDay = ef;
            var rate = Parse(Amendments.ValueOn(c.Amendments, AmendedTerm.DayRate, firstDay)) ?? y?.DayRateExclVat;
            var vat = Parse(Amendments.ValueOn(c.Amendments, AmendedTerm.VatRate, firstDay)) ?? y?.VatRate ?? 0;
            CheckedFigure? figure = rate is { } r ? CheckedFigure.Of(DayAmounts.Exact(financed, r, vat), y?.SignedAmount, c.Rounding, tolerance)
                : y?.SignedAmount is { } signedOnly ? new CheckedFigure(signedOnly, signedOnly, signedOnly, null, null, false) : null;
            amounts.Add(new YearAmount(year, financed, forecast, rate, vat, figure, PartyName(y?.PayerPartyId)));
        }

        var subsidies = c.SubsidyTables.Select(t => new SubsidySheet(t.Title, t.DayCount, t.PeriodStart, t.PeriodEnd,
            t.Columns.OrderBy(col => col.Position).Select(col => new SubsidyColumnSheet(col.Label, PartyName(col.PartyId), col.AnnualAmount,
                col.Figures.OrderBy(f => f.Year).Select(f =>
                {
                    var fraction = ProRata.Fraction(f.Year, t.PeriodStart, t.PeriodEnd, t.DayCount);
                    return new SubsidyCell(f.Year, f.YearLabel, fraction, ProRata.DaysCounted(f.Year, t.PeriodStart, t.PeriodEnd, t.DayCount),
                        CheckedFigure.Of(col.AnnualAmount * fraction, f.Signed, c.Rounding, tolerance));
                }).ToList())).ToList())).ToList();

        var costYears = c.Years.Select(y => y.Year).Concat(amounts.Select(a => a.Year)).Distinct().Order().ToList();
        var sharing = c.CostSharing.Select(r =>
        {
            var years = costYears.Concat(r.Costs.Select(x => x.Year)).Distinct().Order().Select(year =>
            {
                var costs = r.Costs.Where(x => x.Year == year).OrderBy(x => x.SpentOn).ToList();
                var total = costs.Sum(x => x.Amount);
                return new CostYear(year, total, CostShares.Refund(r.Share, r.Cap, total, c.Rounding), costs);
            }).ToList();
            return new CostSharingSheet(r.Label, PartyName(r.PayerPartyId), r.Budget, r.Share, r.Cap, years);
        }).ToList();

        var schedule = new List<AgedLine>();
        foreach (var rule in c.PaymentRules)
        {
            var owed = new Dictionary<int, decimal>();
            if (rule.SubsidyColumnId is { } colId)
            {
                var col = c.SubsidyTables.SelectMany(t => t.Columns).FirstOrDefault(x => x.Id == colId);
                var sheet = subsidies.SelectMany(s => s.Columns).FirstOrDefault(x => col is not null && x.Label == col.Label && x.AnnualAmount == col.AnnualAmount);
                foreach (var cell in sheet?.Years ?? []) owed[cell.Year] = cell.Figure.Agreed;
            }
            else
                foreach (var a in amounts.Where(a => a.Amount is not null)) owed[a.Year] = a.Amount!.Agreed;
            if (rule.IncludesCostSharing)
                foreach (var s in sharing)
                    foreach (var y in s.Years.Where(y => owed.ContainsKey(y.Year)))
                        owed[y.Year] += y.Refund;
            foreach (var line in Schedules.Lines(rule.Kind, rule.Month, rule.TermDays, rule.RequiresAnnualReport, rule.PartialFirstYearWithNext, owed, c.EffectiveFrom))
            {
                var received = c.Payments.Where(p => line.Years.Contains(p.Year)).Sum(p => p.Amount);
                schedule.Add(Ageing.Age(line, received, today) with { RuleId = rule.Id });
            }
        }

        var deadlines = new List<Deadline>();
        foreach (var line in schedule.Where(l => l.Bucket != AgeingBucket.Paid))
        {
            if (line.Line.ReportDueOn is { } r)
                deadlines.Add(new Deadline(DeadlineKind.ReportDue, r, new($"Bilan annuel {line.Line.Year} à présenter", $"Annual report {line.Line.Year} due"), Year: line.Line.Year));
            deadlines.Add(new Deadline(DeadlineKind.PaymentDue, line.Line.DueOn,
                new($"Paiement attendu : {line.Line.Label.Fr.ToLowerInvariant()}, {Money.Format(line.Outstanding, c.Currency)}", $"Payment due: {line.Line.Label.En.ToLowerInvariant()}, {Money.Format(line.Outstanding, c.Currency, "en")}"),
                Year: line.Line.Year));
        }
        var validUntil = AmendedDate(c, today) ?? c.ValidUntil;
        var end = Rules.Deadlines.EndOfValidity(validUntil, c.TermMonthsFromSignature, c.SignedOn);
        var notice = int.TryParse(Amendments.ValueOn(c.Amendments, AmendedTerm.NoticeMonths, today), out var n) ? n : c.NoticeMonths;
        LocalizedText? unknown = end is null && c.TermMonthsFromSignature is not null && c.SignedOn is null
            ? new("La date de signature n'est pas connue : saisissez-la pour calculer la fin de validité et le dernier jour de préavis.",
                "The signature date is unknown: enter it to compute the end of validity and the last day to give notice.")
            : null;
        if (end is not null || unknown is not null)
            deadlines.Add(new Deadline(DeadlineKind.EndOfValidity, end, new("Fin de validité", "End of validity"), unknown));
        if (notice is not null)
            deadlines.Add(new Deadline(DeadlineKind.LastDayToGiveNotice, Rules.Deadlines.LastDayToGiveNotice(end, notice),
                new($"Dernier jour pour donner le préavis ({notice} mois{(c.NoticeForm is null ? "" : ", " + c.NoticeForm)})", $"Last day to give notice ({notice} months{(c.NoticeForm is null ? "" : ", " + c.NoticeForm)})"),
                end is null ? unknown ?? new("La fin de validité n'est pas connue.", "The end of validity is unknown.") : null));
        deadlines.Sort((a, b) => (a.Date ?? DateOnly.MaxValue).CompareTo(b.Date ?? DateOnly.MaxValue));
        return new ConventionSheet(amounts, subsidies, sharing, schedule, deadlines, tolerance);
    }

    /// <summary>The next deadline from <paramref name="today"/> on, if any.</summary>
    public Deadline? Next(DateOnly today) => Deadlines.FirstOrDefault(d => d.Date is { } x && x >= today);

    private static DateOnly? AmendedDate(Convention c, DateOnly today) =>
        DateOnly.TryParseExact(Amendments.ValueOn(c.Amendments, AmendedTerm.ValidUntil, today), "yyyy-MM-dd", out var d) ? d : null;

    private static decimal? Parse(string? value) =>
        decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
}
