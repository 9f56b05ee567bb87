using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Maillage.Platform.Web;

/// <summary>
/// A wide table scrolls sideways inside <c>div.table-scroll</c>; keyboard users must be able to reach and
/// scroll it (WCAG 2.1.1, axe "scrollable-region-focusable"), so the wrapper becomes a named, focusable region.
/// </summary>
[HtmlTargetElement("div", Attributes = "class")]
public sealed class ScrollRegionTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var classes = output.Attributes["class"]?.Value?.ToString() ?? "";
        if (!classes.Split(' ').Contains("table-scroll")) return;
        if (!output.Attributes.ContainsName("tabindex")) output.Attributes.SetAttribute("tabindex", "0");
        if (!output.Attributes.ContainsName("role")) output.Attributes.SetAttribute("role", "region");
        if (!output.Attributes.ContainsName("aria-label"))
            output.Attributes.SetAttribute("aria-label", Text.T("Tableau (défilement horizontal possible)", "Table (may scroll sideways)"));
    }
}
