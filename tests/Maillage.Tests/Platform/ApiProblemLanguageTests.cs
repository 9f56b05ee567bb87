using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Visits;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 19, item 12: every problem+json of the API speaks the request's language — French by default, English with
/// <c>?culture=en</c> or <c>Accept-Language: en</c> — including the 401 and 403 of authorization; a coordinator asking the
/// statistics of a Cité outside its scope gets a 403, not its own figures; a visit's needs and services are optional.
/// </summary>
public sealed class ApiProblemLanguageTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static HttpRequestMessage Get(string url, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return request;
    }

    private static HttpRequestMessage Post(string url, object body, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return request;
    }

    [Theory]
    [InlineData("", null, "Authentification requise.")]
    [InlineData("?culture=en", null, "Authentication required.")]
    [InlineData("", "en-GB,en;q=0.8", "Authentication required.")]
    [InlineData("", "fr-FR", "Authentification requise.")]
    public async Task Given_no_token_or_a_bad_one_When_calling_the_API_Then_the_401_speaks_the_request_language(string query, string? acceptLanguage, string title)
    {
        var anonymous = await ProblemAsync(await app.CreateClient().SendAsync(Get($"/api/v1/stats/visits{query}", acceptLanguage)), HttpStatusCode.Unauthorized);
        Assert.Equal(title, anonymous.GetProperty("title").GetString());
        var badToken = app.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new("Bearer", "mlg_nothing");
        var refused = await ProblemAsync(await badToken.SendAsync(Get($"/api/v1/stats/visits{query}", acceptLanguage)), HttpStatusCode.Unauthorized);
        Assert.Equal(title, refused.GetProperty("title").GetString());
        Assert.Equal(title.StartsWith("Authentication", StringComparison.Ordinal) ? "The API token is malformed." : "Le jeton d'API est mal formé.", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Given_roles_that_do_not_allow_a_call_When_calling_the_API_Then_the_403_and_404_speak_the_request_language()
    {
        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var closure = new { date = "2026-12-24", closed = true };

        // Refused by the authorization policy (a reception agent manages no structure).
        var agent = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{annemasse.Id}"));
        var policy = await ProblemAsync(await agent.SendAsync(Post($"/api/v1/structures/{annemasse.Id}/exceptions", closure)), HttpStatusCode.Forbidden);
        Assert.Equal("Vos rôles ne permettent pas cette action.", policy.GetProperty("title").GetString());
        var policyEn = await ProblemAsync(await agent.SendAsync(Post($"/api/v1/structures/{annemasse.Id}/exceptions", closure, "en")), HttpStatusCode.Forbidden);
        Assert.Equal("Your roles do not allow this.", policyEn.GetProperty("title").GetString());

        // Refused by the endpoint (Forbid on a structure out of the coordinator's scope), and a structure that does not exist.
        var coordinator = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, $"structure:{annemasse.Id}"));
        var endpoint = await ProblemAsync(await coordinator.SendAsync(Post($"/api/v1/structures/{geneve.Id}/exceptions", closure)), HttpStatusCode.Forbidden);
        Assert.Equal("Vos rôles ne permettent pas cette action.", endpoint.GetProperty("title").GetString());
        var missing = await ProblemAsync(await coordinator.SendAsync(Post("/api/v1/structures/987654/exceptions", closure)), HttpStatusCode.NotFound);
        Assert.Equal("Aucune structure n'a le numéro 987654 dans vos Cités.", missing.GetProperty("title").GetString());
        var missingEn = await ProblemAsync(await coordinator.SendAsync(Post("/api/v1/structures/987654/exceptions?culture=en", closure)), HttpStatusCode.NotFound);
        Assert.Equal("No structure has the id 987654 in your Cités.", missingEn.GetProperty("title").GetString());

        // A bare status of the framework (no endpoint at this address) has a French title too, not its reason phrase.
        var notFound = await ProblemAsync(await coordinator.SendAsync(Get("/api/v1/nothing-here")), HttpStatusCode.NotFound);
        Assert.Equal("Cette adresse n'existe pas.", notFound.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Given_a_coordinator_of_Grand_Geneve_When_asking_the_figures_of_another_Cite_Then_it_is_refused_with_403()
    {
        var coordinator = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var other = await ProblemAsync(await coordinator.SendAsync(Get("/api/v1/stats/visits?cite=marseille-paca")), HttpStatusCode.Forbidden);
        Assert.Equal("Vous n'avez pas accès aux chiffres de la Cité « marseille-paca ».", other.GetProperty("title").GetString());
        Assert.True(other.GetProperty("errors").TryGetProperty("cite", out _));
        var unknown = await ProblemAsync(await coordinator.SendAsync(Get("/api/v1/stats/visits?cite=nowhere", "en")), HttpStatusCode.Forbidden);
        Assert.Equal("You may not read the figures of the Cité \"nowhere\".", unknown.GetProperty("title").GetString());
        var own = await coordinator.SendAsync(Get("/api/v1/stats/visits?cite=grand-geneve&from=2026-11-01&to=2026-11-22"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Given_a_visit_without_needs_nor_services_When_posted_Then_it_is_recorded_and_the_schema_says_both_are_optional()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var agent = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{annemasse.Id}"));
        var visit = VisitsTestData.AVisit(annemasse.Id);
        visit.Remove("needs");
        visit.Remove("services");
        var response = await agent.PostAsJsonAsync("/api/v1/visits", visit);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var openApi = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = openApi.GetProperty("components").GetProperty("schemas");
        var request = schemas.EnumerateObject().Single(s => s.Value.TryGetProperty("properties", out var p) && p.TryGetProperty("needs", out _) && p.TryGetProperty("clientId", out _)).Value;
        var required = request.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("structureId", required);
        Assert.DoesNotContain("needs", required);
        Assert.DoesNotContain("services", required);
    }
}
