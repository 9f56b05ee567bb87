using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using static Maillage.Platform.Localization.Text;

namespace Maillage.Platform.Web;

/// <summary>One bar of a chart: its label and its figure, or null for a value kept secret (no bar, read "secret").</summary>
public sealed record ChartBar(string Label, long? Value);

/// <summary>
/// Bar charts drawn on the server as SVG: no script, printable, and accessible — <c>role="img"</c> named by
/// its <c>&lt;title&gt;</c> and described by a <c>&lt;desc&gt;</c> that states every figure; the same figures
/// stand in the table beside the chart (<see cref="FiguresChart"/>, partial <c>_FiguresChart.cshtml</c>).
/// </summary>
public static class SvgChart
{
    private const int LabelWidth = 230, BarArea = 420, RowHeight = 26, Width = LabelWidth + BarArea + 70;

    public static string Hidden => T("secret", "suppressed");

    public static IHtmlContent Bars(string id, string title, IReadOnlyList<ChartBar> bars, string emptyText)
    {
        var e = HtmlEncoder.Default;
        var max = Math.Max(1, bars.Select(r => r.Value ?? 0).DefaultIfEmpty(0).Max());
        var height = bars.Count * RowHeight + 10;
        var hidden = Hidden;
        var desc = bars.Count == 0 ? emptyText : string.Join(" ; ", bars.Select(r => $"{r.Label} : {Figure(r.Value, hidden)}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append($"<title id=\"{id}-title\">{e.Encode(title)}</title><desc id=\"{id}-desc\">{e.Encode(desc)}</desc>");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 5 + i * RowHeight;
            var value = bars[i].Value;
            var length = value is null ? 0 : Math.Max(value.Value > 0 ? 1 : 0, (int)Math.Round(BarArea * (double)value.Value / max));
            var label = bars[i].Label.Length > 34 ? bars[i].Label[..33] + "…" : bars[i].Label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"chart-label\">{e.Encode(label)}</text>");
            if (length > 0) svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{length}\" height=\"{RowHeight - 8}\" class=\"chart-bar\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6}\" y=\"{y + 17}\" class=\"chart-value\">{e.Encode(Figure(value, hidden))}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    public static string Figure(long? value, string hidden) => value is null ? hidden : value.Value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Figure(long? value) => Figure(value, Hidden);
}

/// <summary>A row of figures: its label, then one value per column (null = kept secret).</summary>
public sealed record FiguresRow(string Label, IReadOnlyList<long?> Values);

/// <summary>
/// A chart and its table side by side: the chart draws the first column, the table gives every column and is the
/// accessible equivalent of the chart (a caption, row and column headers, the total in the footer).
/// <paramref name="Id"/> prefixes the chart's ids (title, desc).
/// </summary>
public sealed record FiguresChart(string Id, string Title, string RowHeading, IReadOnlyList<string> Columns,
    IReadOnlyList<FiguresRow> Rows, FiguresRow? Total, string EmptyText)
{
    public IReadOnlyList<ChartBar> Bars => Rows.Select(r => new ChartBar(r.Label, r.Values[0])).ToList();
}
