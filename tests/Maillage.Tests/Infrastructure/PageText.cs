using System.Net;

namespace Maillage.Tests.Infrastructure;

/// <summary>A page's text with its HTML entities decoded, as a reader sees it: what assertions on pages compare.</summary>
public static class PageText
{
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> PageTextAsync(this HttpClient client, string url) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(url));
}
