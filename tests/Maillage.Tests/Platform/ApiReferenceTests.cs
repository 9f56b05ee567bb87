using System.Net;
using System.Text.Json;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Platform;

/// <summary>Issue 19, item 12: the API reference can send a token, reads its description whole, and loads nothing from outside.</summary>
public sealed class ApiReferenceTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task The_OpenAPI_document_declares_the_bearer_token_scheme_and_keeps_the_token_placeholder()
    {
        using var client = app.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var root = doc.RootElement;
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(root.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        // In a code span: Markdown viewers keep "<token>" instead of taking it for an HTML tag.
        Assert.Contains("`Authorization: Bearer <token>`", root.GetProperty("info").GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_reference_page_turns_off_the_third_party_features_and_the_CDN_fonts()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"agent\":{\"disabled\":true}", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html);
    }
}
