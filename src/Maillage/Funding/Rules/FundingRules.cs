using Maillage.Platform.Errors;
using Maillage.Platform.Localization;

namespace Maillage.Funding.Rules;

/// <summary>A computed figure beside the signed one, and whether they disagree beyond the tolerance.</summary>
/// <param name="Computed">The figure the rule gives, rounded as the convention rounds.</param>
/// <param name="Exact">The figure before rounding.</param>
/// <param name="Signed">The figure of the signed document, null when it gives none.</param>
/// <param name="Discrepancy">Signed minus computed, null when nothing is signed.</param>
/// <param name="Relative">The discrepancy over the computed figure (0.015 for 1.5 %).</param>
/// <param name="Flagged">The relative discrepancy is beyond the tolerance: the figure is shown flagged, never corrected.</param>
public sealed record CheckedFigure(decimal Computed, decimal Exact, decimal? Signed, decimal? Discrepancy, decimal? Relative, bool Flagged)
{
    /// <summary>What is owed: the signed figure when there is one (it is what the parties agreed), else the computed one.</summary>
    public decimal Agreed => Signed ?? Computed;

    public static CheckedFigure Of(decimal exact, decimal? signed, AmountRounding rounding, decimal tolerance)
    {
        var computed = Money.Round(exact, rounding);
        if (signed is not { } s) return new(computed, exact, null, null, null, false);
        var difference = s - computed;
        decimal? relative = computed == 0 ? (s == 0 ? 0 : null) : Math.Round(difference / computed, 6);
        var flagged = relative is null || Math.Abs(relative.Value) > tolerance;
        return new(computed, exact, s, difference, relative, flagged);
    }
}

public static class Money
{
    public static decimal Round(decimal value, AmountRounding rounding) =>
        Math.Round(value, rounding == AmountRounding.Euro ? 0 : 2, MidpointRounding.AwayFromZero);

    /// <summary>"18 539 €", "18 539,40 €" as a French reader writes it.</summary>
    public static string Format(decimal value, string currency = "EUR", string culture = "fr")
    {
        var c = System.Globalization.CultureInfo.GetCultureInfo(culture == "en" ? "en-GB" : "fr-FR");
        var text = value == Math.Round(value) ? value.ToString("N0", c) : value.ToString("N2", c);
        var symbol = currency == "EUR" ? "€" : currency;
        // A no-break space before the symbol (and ICU's narrow no-break space between thousands): the figure never breaks across lines.
        return culture == "en" && currency == "EUR" ? $"€{text}" : $"{text}\u00A0{symbol}";
    }
}

/// <summary>The yearly amount of a convention that pays days: days financed × day rate before tax × (1 + VAT).</summary>
public static class DayAmounts
{
    public static decimal Exact(decimal financedDays, decimal dayRateExclVat, decimal vatRate) =>
        financedDays * dayRateExclVat * (1 + vatRate);

    /// <summary>Checks the fields of one year of days; every broken rule at once, naming the field.</summary>
    public static IReadOnlyList<RuleViolation> Validate(decimal? forecastDays, decimal financedDays, string prefix = "")
    {
        var problems = new List<RuleViolation>();
        if (financedDays < 0 || financedDays > 366 || decimal.Round(financedDays * 2) != financedDays * 2)
            problems.Add(new RuleViolation(prefix + "financedDays", new("Les jours financés vont de 0 à 366, par demi-journées (6,5).", "Financed days run from 0 to 366, in half days (6.5).")));
        if (forecastDays is { } f && (f < 0 || f > 366 || decimal.Round(f * 2) != f * 2))
            problems.Add(new RuleViolation(prefix + "forecastDays", new("Les jours prévus vont de 0 à 366, par demi-journées.", "Forecast days run from 0 to 366, in half days.")));
        if (forecastDays is { } fd && financedDays > fd)
            problems.Add(new RuleViolation(prefix + "financedDays", new("Les jours financés ne dépassent pas les jours prévus.", "Financed days cannot exceed the forecast days.")));
        return problems;
    }

    public static IReadOnlyList<RuleViolation> ValidateRate(decimal? dayRate, decimal vatRate)
    {
        var problems = new List<RuleViolation>();
        if (dayRate is < 0 or > 100_000)
            problems.Add(new RuleViolation("dayRate", new("Le prix de journée HT va de 0 à 100 000.", "The day rate before tax runs from 0 to 100,000.")));
        if (vatRate is < 0 or > 1)
            problems.Add(new RuleViolation("vatRate", new("Le taux de TVA va de 0 à 100 %.", "The VAT rate runs from 0 to 100 %.")));
        return problems;
    }
}

/// <summary>A share of actual costs with a cap: refund = min(share × actual costs, cap).</summary>
public static class CostShares
{
    public static decimal Refund(decimal share, decimal? cap, decimal actualCosts, AmountRounding rounding)
    {
        var refund = Money.Round(share * actualCosts, rounding == AmountRounding.Euro ? AmountRounding.Cent : rounding);
        return cap is { } c ? Math.Min(refund, c) : refund;
    }

    public static IReadOnlyList<RuleViolation> Validate(decimal share, decimal? cap, decimal? budget)
    {
        var problems = new List<RuleViolation>();
        if (share is <= 0 or > 1)
            problems.Add(new RuleViolation("share", new("La quote-part va de 0 à 100 %.", "The share runs from 0 to 100 %.")));
        if (cap is < 0)
            problems.Add(new RuleViolation("cap", new("Le plafond ne peut pas être négatif.", "The cap cannot be negative.")));
        if (budget is < 0)
            problems.Add(new RuleViolation("budget", new("Le budget ne peut pas être négatif.", "The budget cannot be negative.")));
        return problems;
    }
}

/// <summary>Pro rata temporis of a year inside a period, under an explicit day-count rule (docs/funding.md).</summary>
public static class ProRata
{
    /// <summary>
    /// The part of <paramref name="year"/> the period from <paramref name="start"/> to <paramref name="end"/> covers, as
    /// written in the document ("à compter du 1er septembre 2021" … "jusqu'au 09/05/2023"): counted from the later of 1
    /// January and the start to the earlier of the next 1 January and the end, the end day not counted. A whole calendar
    /// year is 1 under both rules. 0 when the period misses the year.
    /// </summary>
    public static decimal Fraction(int year, DateOnly start, DateOnly end, DayCountRule rule)
    {
        var from = Max(new DateOnly(year, 1, 1), start);
        var to = Min(new DateOnly(year + 1, 1, 1), end);
        if (to <= from) return 0m;
        if (from == new DateOnly(year, 1, 1) && to == new DateOnly(year + 1, 1, 1)) return 1m;
        return rule switch
        {
            DayCountRule.Actual365 => (to.DayNumber - from.DayNumber) / 365m,
            _ => Days30360(from, to) / 360m,
        };
    }

    /// <summary>Days between two dates counting every month as 30 days (30/360, the day 31 read as 30).</summary>
    public static int Days30360(DateOnly from, DateOnly to)
    {
        var d1 = Math.Min(from.Day, 30);
        var d2 = to.Day == 31 && d1 == 30 ? 30 : to.Day;
        return 360 * (to.Year - from.Year) + 30 * (to.Month - from.Month) + (d2 - d1);
    }

    /// <summary>The days counted for the year, as shown beside the fraction ("122 j").</summary>
    public static int DaysCounted(int year, DateOnly start, DateOnly end, DayCountRule rule)
    {
        var from = Max(new DateOnly(year, 1, 1), start);
        var to = Min(new DateOnly(year + 1, 1, 1), end);
        if (to <= from) return 0;
        return rule == DayCountRule.Actual365 ? to.DayNumber - from.DayNumber : Days30360(from, to);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>One line of a payment schedule: what falls due when, for which year(s).</summary>
public sealed record DueLine(int Year, IReadOnlyList<int> Years, DateOnly CalledOn, DateOnly DueOn, decimal Amount, bool RequiresReport, DateOnly? ReportDueOn)
{
    public LocalizedText Label => Years.Count == 1
        ? new($"Année {Years[0]}", $"Year {Years[0]}")
        : new($"Années {string.Join(" et ", Years)}", $"Years {string.Join(" and ", Years)}");
}

/// <summary>Turns a payment rule and the amounts of each year into due dates and amounts.</summary>
public static class Schedules
{
    /// <param name="amounts">The amount owed for each year of the convention (signed figure, plus shares of costs).</param>
    /// <param name="periodStart">The first day the convention covers (a first year starting later is partial).</param>
    public static IReadOnlyList<DueLine> Lines(PaymentRuleKind kind, int? month, int? termDays, bool requiresReport, bool partialFirstWithNext,
        IReadOnlyDictionary<int, decimal> amounts, DateOnly? periodStart)
    {
        var years = amounts.Keys.Order().ToList();
        var lines = new List<DueLine>();
        if (kind == PaymentRuleKind.YearInArrears)
        {
            var m = month ?? 2;
            foreach (var y in years)
            {
                // "En février 2023": due within the month, so overdue from the day after its last day.
                var opens = new DateOnly(y + 1, m, 1);
                var due = opens.AddMonths(1).AddDays(-1);
                lines.Add(new DueLine(y, [y], opens, due, amounts[y], requiresReport, requiresReport ? opens : null));
            }
            return lines;
        }
        var term = termDays ?? 30;
        for (var i = 0; i < years.Count; i++)
        {
            var y = years[i];
            var partial = i == 0 && periodStart is { } s && s > new DateOnly(y, 1, 1);
            if (partial && partialFirstWithNext && i + 1 < years.Count)
            {
                var next = years[i + 1];
                var called = new DateOnly(next, 1, 1);
                lines.Add(new DueLine(y, [y, next], called, called.AddDays(term), amounts[y] + amounts[next], requiresReport, null));
                i++;
                continue;
            }
            var call = partial && periodStart is { } ps ? ps : new DateOnly(y, 1, 1);
            lines.Add(new DueLine(y, [y], call, call.AddDays(term), amounts[y], requiresReport, null));
        }
        return lines;
    }
}

public enum AgeingBucket { NotDue, Days1To30, Days31To60, Over60, Paid }

/// <summary>What is left to pay on a due line on a day, and how late it is.</summary>
public sealed record AgedLine(DueLine Line, decimal Received, decimal Outstanding, int DaysOverdue, AgeingBucket Bucket)
{
    /// <summary>The payment rule the line comes from (its calls for funds are filed under it).</summary>
    public int RuleId { get; init; }
    /// <summary>The years the line covers, as a call for funds keeps them: "2022", "2021,2022".</summary>
    public string YearsKey => string.Join(",", Line.Years);
}

public static class Ageing
{
    public static AgedLine Age(DueLine line, decimal received, DateOnly today)
    {
        var outstanding = Math.Max(0, line.Amount - received);
        if (outstanding == 0) return new(line, received, 0, 0, AgeingBucket.Paid);
        var late = today.DayNumber - line.DueOn.DayNumber;
        var bucket = late <= 0 ? AgeingBucket.NotDue : late <= 30 ? AgeingBucket.Days1To30 : late <= 60 ? AgeingBucket.Days31To60 : AgeingBucket.Over60;
        return new(line, received, outstanding, Math.Max(0, late), bucket);
    }

    public static LocalizedText Describe(this AgeingBucket b) => b switch
    {
        AgeingBucket.NotDue => new("À échoir", "Not yet due"),
        AgeingBucket.Days1To30 => new("Retard de 1 à 30 jours", "1–30 days overdue"),
        AgeingBucket.Days31To60 => new("Retard de 31 à 60 jours", "31–60 days overdue"),
        AgeingBucket.Over60 => new("Retard de plus de 60 jours", "Over 60 days overdue"),
        _ => new("Payé", "Paid"),
    };

    public static string ApiName(this AgeingBucket b) => b switch
    {
        AgeingBucket.NotDue => "not-due",
        AgeingBucket.Days1To30 => "1-30",
        AgeingBucket.Days31To60 => "31-60",
        AgeingBucket.Over60 => "over-60",
        _ => "paid",
    };
}

public enum DeadlineKind { PaymentDue, ReportDue, EndOfValidity, LastDayToGiveNotice }

/// <summary>A date to keep; <see cref="Date"/> is null when it cannot be computed, and <see cref="Why"/> says why.</summary>
public sealed record Deadline(DeadlineKind Kind, DateOnly? Date, LocalizedText Label, LocalizedText? Why = null, int? Year = null);

public static class Deadlines
{
    /// <summary>The last day the convention is valid: the date it gives, else the term counted from the signature (five years from 12 March 2024 → 11 March 2029).</summary>
    public static DateOnly? EndOfValidity(DateOnly? validUntil, int? termMonthsFromSignature, DateOnly? signedOn) =>
        validUntil ?? (termMonthsFromSignature is { } m && signedOn is { } s ? s.AddMonths(m).AddDays(-1) : null);

    /// <summary>
    /// The last day a party can give notice so that it takes effect by the end of validity: the end minus the notice
    /// period (28 February 2025 with two months → 28 December 2024). A day that does not exist in the earlier month
    /// falls back to that month's last day (31 May minus 3 months → 28 or 29 February).
    /// </summary>
    public static DateOnly? LastDayToGiveNotice(DateOnly? endOfValidity, int? noticeMonths) =>
        endOfValidity is { } e && noticeMonths is { } n ? e.AddMonths(-n) : null;

    /// <summary>A notice period longer than the whole term cannot be given.</summary>
    public static IReadOnlyList<RuleViolation> Validate(DateOnly? from, DateOnly? to, DateOnly? validUntil, int? noticeMonths, int? termMonths)
    {
        var problems = new List<RuleViolation>();
        if (from is { } f && to is { } t && t < f)
            problems.Add(new RuleViolation("effectiveTo", new("La fin de la période est avant son début.", "The period ends before it starts.")));
        if (from is { } f2 && validUntil is { } v && v < f2)
            problems.Add(new RuleViolation("validUntil", new("La fin de validité est avant le début de la convention.", "The validity ends before the convention starts.")));
        if (noticeMonths is < 0 or > 120)
            problems.Add(new RuleViolation("noticeMonths", new("Le préavis va de 0 à 120 mois.", "The notice runs from 0 to 120 months.")));
        if (termMonths is < 1 or > 600)
            problems.Add(new RuleViolation("termMonths", new("La durée va de 1 à 600 mois.", "The term runs from 1 to 600 months.")));
        var start = from;
        var end = validUntil;
        if (noticeMonths is { } n && start is { } s && end is { } e && s.AddMonths(n) > e)
            problems.Add(new RuleViolation("noticeMonths", new("Le préavis est plus long que la durée de la convention.", "The notice is longer than the convention's term.")));
        if (noticeMonths is { } n2 && termMonths is { } tm && n2 >= tm)
            problems.Add(new RuleViolation("noticeMonths", new("Le préavis est plus long que la durée de la convention.", "The notice is longer than the convention's term.")));
        return problems;
    }
}

/// <summary>Amendments: a term changed from a date, never outside the convention's period nor overlapping another on the same term.</summary>
public static class Amendments
{
    public static IReadOnlyList<RuleViolation> Validate(AmendedTerm term, DateOnly from, DateOnly? to, DateOnly? conventionStart, DateOnly? conventionEnd,
        IEnumerable<(int Id, AmendedTerm Term, DateOnly From, DateOnly? To)> others, int? selfId = null)
    {
        var problems = new List<RuleViolation>();
        if (to is { } t && t < from)
            problems.Add(new RuleViolation("effectiveTo", new("La fin de l'avenant est avant son début.", "The amendment ends before it starts.")));
        if ((conventionStart is { } s && from < s) || (conventionEnd is { } e && from > e) || (to is { } t2 && conventionEnd is { } e2 && t2 > e2))
            problems.Add(new RuleViolation("effectiveFrom", new("L'avenant sort de la période de la convention.", "The amendment falls outside the convention's period.")));
        var end = to ?? DateOnly.MaxValue;
        foreach (var o in others)
        {
            if (o.Id == selfId || o.Term != term) continue;
            if (from <= (o.To ?? DateOnly.MaxValue) && o.From <= end)
            {
                problems.Add(new RuleViolation("effectiveFrom", new($"Un autre avenant change déjà ce terme à partir du {o.From:dd/MM/yyyy}.", $"Another amendment already changes this term from {o.From:yyyy-MM-dd}.")));
                break;
            }
        }
        return problems;
    }

    /// <summary>The value of a term on a day: the amendment in force that day, else null (the convention's own term holds).</summary>
    public static string? ValueOn(IEnumerable<Amendment> amendments, AmendedTerm term, DateOnly day) =>
        amendments.Where(a => a.Term == term && a.EffectiveFrom <= day && (a.EffectiveTo is null || a.EffectiveTo >= day))
            .OrderByDescending(a => a.EffectiveFrom).Select(a => a.Value).FirstOrDefault();
}
