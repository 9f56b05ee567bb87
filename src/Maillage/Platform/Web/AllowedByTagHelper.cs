using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Maillage.Platform.Web;

/// <summary>
/// <c>allowed-by="Policy"</c> on any element (a link, the list item around it): the element is left out unless the
/// person passes that authorization policy — the one the linked page demands — so that a page never offers a link its
/// target refuses (issue 19; the staff menu does the same with its entries, Platform/Modules/Menu.cs).
/// </summary>
[HtmlTargetElement(Attributes = AttributeName)]
public sealed class AllowedByTagHelper(IAuthorizationService authorization) : TagHelper
{
    private const string AttributeName = "allowed-by";

    [HtmlAttributeName(AttributeName)]
    public string Policy { get; set; } = "";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var http = ViewContext.HttpContext;
        if (!(await authorization.AuthorizeAsync(http.User, http, Policy)).Succeeded) output.SuppressOutput();
    }
}
