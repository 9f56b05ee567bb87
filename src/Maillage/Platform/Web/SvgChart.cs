using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using static Maillage.Platform.Localization.Text;

namespace Maillage.Platform.Web;

/// <summary>One bar of a chart: its label and its figure, or null for a value kept secret (no bar, read "secret").</summary>
public sealed record ChartBar(string Label, long? Value);

/// <summary>
/// Bar charts drawn on the server as HTML and CSS (issue 19, item 5): the labels and figures are text of the page, at
/// the body size at every width, and wrap instead of being cut; only each bar is a tiny SVG (no text in it, so nothing
/// scales down). No script, printable, and accessible — <c>role="img"</c> named by its title and described by a text
/// stating every figure; the same figures stand in the table beside the chart (<see cref="FiguresChart"/>, partial
/// <c>_FiguresChart.cshtml</c>). The page's Content-Security-Policy forbids inline styles, so bar lengths are SVG
/// attributes, not <c>style</c>.
/// </summary>
public static class SvgChart
{
    public static string Hidden => T("secret", "suppressed");

    public static IHtmlContent Bars(string id, string title, IReadOnlyList<ChartBar> bars, string emptyText)
    {
        var e = HtmlEncoder.Default;
        var max = Math.Max(1, bars.Select(r => r.Value ?? 0).DefaultIfEmpty(0).Max());
        var hidden = Hidden;
        var desc = bars.Count == 0 ? emptyText : string.Join(" ; ", bars.Select(r => $"{r.Label} : {Figure(r.Value, hidden)}"));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">");
        html.Append(CultureInfo.InvariantCulture, $"<span id=\"{id}-title\" hidden>{e.Encode(title)}</span><span id=\"{id}-desc\" hidden>{e.Encode(desc)}</span>");
        foreach (var bar in bars)
        {
            var share = bar.Value is null ? 0 : Math.Max(bar.Value.Value > 0 ? 0.5 : 0, 100.0 * bar.Value.Value / max);
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart-row\"><span class=\"chart-label\">{e.Encode(bar.Label)}</span>");
            html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart-track\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" focusable=\"false\" aria-hidden=\"true\">");
            if (share > 0) html.Append(CultureInfo.InvariantCulture, $"<rect width=\"{share:0.##}\" height=\"10\" class=\"chart-bar\"/>");
            html.Append(CultureInfo.InvariantCulture, $"</svg><span class=\"chart-value\">{e.Encode(Figure(bar.Value, hidden))}</span></div>");
        }
        html.Append("</div>");
        return new HtmlString(html.ToString());
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
