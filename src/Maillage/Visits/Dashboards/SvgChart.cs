using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using static Maillage.Platform.Localization.Text;

namespace Maillage.Visits.Dashboards;

/// <summary>
/// Bar charts drawn on the server as SVG: no script, printable, and accessible — <c>role="img"</c> named by
/// its <c>&lt;title&gt;</c> and described by a <c>&lt;desc&gt;</c> that states every figure; the same figures
/// stand in the table beside the chart. A hidden (suppressed) value has no bar and reads "secret".
/// </summary>
public static class SvgChart
{
    private const int LabelWidth = 230, BarArea = 420, RowHeight = 26, Width = LabelWidth + BarArea + 70;

    public static IHtmlContent Bars(string id, string title, IReadOnlyList<DashboardRow> rows)
    {
        var e = HtmlEncoder.Default;
        var max = Math.Max(1, rows.Select(r => r.Current ?? 0).DefaultIfEmpty(0).Max());
        var height = rows.Count * RowHeight + 10;
        var hidden = T("secret", "suppressed");
        var desc = rows.Count == 0 ? T("Aucune visite sur la période.", "No visit in the period.") : string.Join(" ; ", rows.Select(r => $"{r.Label} : {Figure(r.Current, hidden)}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append($"<title id=\"{id}-title\">{e.Encode(title)}</title><desc id=\"{id}-desc\">{e.Encode(desc)}</desc>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 5 + i * RowHeight;
            var value = rows[i].Current;
            var length = value is null ? 0 : Math.Max(value.Value > 0 ? 1 : 0, (int)Math.Round(BarArea * (double)value.Value / max));
            var label = rows[i].Label.Length > 34 ? rows[i].Label[..33] + "…" : rows[i].Label;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"chart-label\">{e.Encode(label)}</text>");
            if (length > 0) svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{length}\" height=\"{RowHeight - 8}\" class=\"chart-bar\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6}\" y=\"{y + 17}\" class=\"chart-value\">{e.Encode(Figure(value, hidden))}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    public static string Figure(long? value, string hidden) => value is null ? hidden : value.Value.ToString("N0", CultureInfo.CurrentCulture);
}
