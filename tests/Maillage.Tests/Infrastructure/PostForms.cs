using AngleSharp.Html.Parser;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// The forms of a page that post without their own antiforgery token. <see cref="HttpClientForms.PostFormAsync"/>
/// takes the first token anywhere on the page, so a form that carries none (a <c>&lt;form method="post"
/// action="…"&gt;</c>: the form tag helper adds the token only when it writes the action itself, or with
/// <c>asp-antiforgery="true"</c>) passes an HTTP test and answers 400 in a browser. Assert this list empty.
/// </summary>
public static class PostForms
{
    /// <summary>Each posting form without a <c>__RequestVerificationToken</c> field, by its action (or « this page »).</summary>
    public static IReadOnlyList<string> WithoutAntiforgeryToken(string html) =>
        [.. new HtmlParser().ParseDocument(html).QuerySelectorAll("form")
            .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            .Where(f => f.QuerySelector("input[name=__RequestVerificationToken]") is null)
            .Select(f => f.GetAttribute("action") ?? "(this page)")];
}
