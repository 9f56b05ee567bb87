using AngleSharp.Html.Parser;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Entrepreneurship;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>The reference CitésLab programme, its coaches, and holders made through the API.</summary>
internal static class EntrepreneurshipTestData
{
    public const string CoachScope = "structure:grand-geneve/citeslab-saint-georges";

    public static async Task<HttpClient> CoachAsync(this MaillageApp app, string scope = CoachScope) =>
        await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, scope));

    /// <summary>An API client with a token of the module's scope (and read).</summary>
    public static async Task<HttpClient> ClientAsync(this MaillageApp app, StaffUser user)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user, "test", ApiScopes.Read, "entrepreneurship"));
        return client;
    }

    public static Task<(int Qpv, int SaintJulien, int Annemasse)> TerritoriesAsync(this MaillageApp app) => app.WithDbAsync(async db =>
    {
        var t = await db.Set<Territory>().IgnoreQueryFilters().Where(x => x.Name == "Saint-Georges – Route de Thairy" || x.Name == "Saint-Julien-en-Genevois" || x.Name == "Annemasse")
            .ToDictionaryAsync(x => x.Name, x => x.Id);
        return (t["Saint-Georges – Route de Thairy"], t["Saint-Julien-en-Genevois"], t["Annemasse"]);
    });

    public static object Body(string first, string last, int? qpvId = null, int? communeId = null, string? email = null, bool consent = true) => new
    {
        firstName = first, lastName = last, email = email ?? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@exemple.invalid", phone = "+33 6 00 00 00 00",
        consent = new { given = consent, date = "2026-03-02", textVersion = "2024-01", covers = new[] { "coaching", "followUpContact" } },
        qpvId, communeId, fragility = new[] { "woman", "longTermJobSeeker" }, prescriber = "franceTravail",
        project = new { activity = "Traiteur", sector = "Restauration", intendedLegalForm = "Micro-entreprise", intendedInQpv = true },
    };

    public static async Task<int> CreateHolderAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/entrepreneurship/holders", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    public static async Task StepAsync(this HttpClient client, int holder, object step)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{holder}/steps", step);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<int> ProgrammeIdAsync(this MaillageApp app) =>
        app.WithDbAsync(db => db.Set<Programme>().IgnoreQueryFilters().Where(p => p.Name == ReferenceProgramme.Name).Select(p => p.Id).SingleAsync());

    /// <summary>The ids of the fields a page shows an error beside, in the page's order (after an error summary).</summary>
    public static async Task<string[]> InvalidFieldsAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {response.Headers.Location}");
        var document = new HtmlParser().ParseDocument(html);
        Assert.NotNull(document.QuerySelector(".error-summary"));
        return [.. document.QuerySelectorAll(".field-error").Where(e => e.TextContent.Trim().Length > 0).Select(e => e.Id![..^"-error".Length])];
    }
}
