using System.Net;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Html;

namespace Maillage.Platform.Web;

/// <summary>
/// A table cell with no figure to show: an em dash that screen readers hear as the reason instead ("not applicable"),
/// rather than a misleading 0 or an empty cell read as "blank".
/// </summary>
public static class NoValue
{
    public static readonly LocalizedText NotApplicable = new("sans objet", "not applicable");

    public static IHtmlContent Dash(string? reason = null) => new HtmlString(
        $"<span class=\"no-value\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">{WebUtility.HtmlEncode(reason ?? NotApplicable)}</span></span>");
}
