using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;

namespace Maillage.Roster.Contributions;

/// <summary>The valuation as a spreadsheet (CSV, XLSX, ODS), the same columns for the page's and the API's exports.</summary>
internal static class ContributionSheets
{
    public static string FileName(ContributionFilter f) => $"valorisation-apports-{f.From:yyyyMMdd}-{f.To:yyyyMMdd}";

    public static string Title(ContributionFilter f, string scope, DateOnly extracted) => Text.T(
        $"Valorisation des apports des partenaires — {scope} — du {HumanDates.Date(f.From)} au {HumanDates.Date(f.To)} — extrait le {HumanDates.Date(extracted)}",
        $"Partners' contributions valued — {scope} — {HumanDates.Date(f.From)} to {HumanDates.Date(f.To)} — extracted on {HumanDates.Date(extracted)}");

    public static Sheet Build(ContributionReport report, string? title)
    {
        var g = report.Filter.GroupBy;
        var columns = g.Select(x => ContributionFilter.Label(x).ToString()).ToList();
        columns.AddRange(FigureColumns(report.ShowsCommitments));
        var rows = report.Lines.Select(l => (IReadOnlyList<object?>)[.. Keys(l, g), .. Figures(l, report.ShowsCommitments)]).ToList();
        rows.Add([Text.T("Total", "Total"), .. Enumerable.Repeat<object?>(null, g.Count - 1), .. Figures(report.Total, report.ShowsCommitments)]);
        return new Sheet(Text.T("Valorisation", "Contributions"), columns, rows, title);
    }

    public static IEnumerable<string> FigureColumns(bool commitments)
    {
        yield return Text.T("Permanences tenues", "Duties held");
        yield return Text.T("Heures", "Hours");
        yield return Text.T("Demi-journées", "Half-days");
        yield return Text.T("Jours", "Days");
        yield return Text.T("ETP", "FTE");
        yield return Text.T("Valeur (€)", "Value (€)");
        if (!commitments) yield break;
        yield return Text.T("Heures engagées", "Hours committed");
        yield return Text.T("Jours engagés", "Days committed");
        yield return Text.T("Écart (heures)", "Difference (hours)");
        yield return Text.T("Réalisé (%)", "Held (%)");
    }

    public static IEnumerable<object?> Keys(ContributionLine l, IReadOnlyList<ContributionGrouping> groupBy) => groupBy.Select(g => (object?)(g switch
    {
        ContributionGrouping.Partner => l.Partner,
        ContributionGrouping.Pole => l.Pole ?? Text.T("(engagement sans permanence)", "(commitment, no duty)"),
        ContributionGrouping.Structure => l.Structure,
        ContributionGrouping.Month => l.Month is { } m ? MonthName(m) : null,
        _ => l.Year,
    }));

    public static string MonthName(DateOnly month) => month.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture);

    public static IEnumerable<object?> Figures(ContributionLine l, bool commitments)
    {
        yield return l.Slots;
        yield return l.Hours;
        yield return l.HalfDays;
        yield return l.Days;
        yield return l.FullTimeEquivalents;
        yield return l.Euros;
        if (!commitments) yield break;
        yield return l.CommittedHours;
        yield return l.CommittedDays;
        yield return l.DifferenceHours;
        yield return l.PercentHeld;
    }
}
