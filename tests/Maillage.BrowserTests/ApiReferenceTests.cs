using Maillage.BrowserTests.Infrastructure;

namespace Maillage.BrowserTests;

/// <summary>Issue 19, item 12: the API reference (Scalar) in Chromium: no Content Security Policy violation, no request outside the site.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_API_reference_loads_nothing_from_outside_and_breaks_no_CSP_rule()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        var cspErrors = new List<string>();
        var outside = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && m.Text.Contains("Content Security Policy")) cspErrors.Add(m.Text); };
        page.Request += (_, r) => { if (Uri.TryCreate(r.Url, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http") && !u.IsLoopback) outside.Add(r.Url); };
        var response = await page.GotoAsync("/api/reference", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.NetworkIdle });
        Assert.Equal(200, response!.Status);
        await page.Locator("text=Maillage API").First.WaitForAsync();
        Assert.True(cspErrors.Count == 0, string.Join("\n", cspErrors));
        Assert.True(outside.Count == 0, string.Join("\n", outside));
    }
}
