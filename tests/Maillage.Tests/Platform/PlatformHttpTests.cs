using Maillage.Network;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

public sealed class PlatformHttpTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Health_answers_alive_and_ready_once_migrated()
    {
        var client = app.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/lieux")]
    [InlineData("/gestion/connexion")]
    public async Task Pages_carry_strict_security_headers_and_no_inline_script(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.NotEmpty(response.Headers.GetValues("X-Request-Id").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("https://cdn", html);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints_and_the_reference_page_is_served()
    {
        var client = app.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/structures", "/api/v1/structures/{id}", "/api/v1/me", "/api/v1/partners", "/api/v1/audit" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        var reference = await client.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    private async Task<(HttpClient Client, int StructureId)> CoordinatorOfMarseilleAsync()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var client = await app.TokenClientAsync(user);
        return (client, (await app.StructureAsync("marseille-paca", "marseille")).Id);
    }

    [Fact]
    public async Task Malformed_JSON_unknown_properties_and_oversized_bodies_get_problem_details_and_save_nothing()
    {
        var (client, id) = await CoordinatorOfMarseilleAsync();
        var url = $"/api/v1/structures/{id}/exceptions";
        var before = await app.WithDbAsync(db => db.OpeningExceptions.CountAsync(e => e.StructureId == id));

        var malformed = await client.PostAsync(url, new StringContent("{\"date\": \"2026-12-24\", \"closed\": tru", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var unknown = await client.PostAsync(url, new StringContent("{\"date\": \"2026-12-24\", \"closed\": true, \"visitorName\": \"Jean\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("visitorName", await unknown.Content.ReadAsStringAsync());

        var huge = new StringContent("{\"date\": \"2026-12-24\", \"closed\": true, \"reason\": \"" + new string('x', 300_000) + "\"}", Encoding.UTF8, "application/json");
        var oversized = await client.PostAsync(url, huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Contains("Le corps de la requête est trop gros", await oversized.Content.ReadAsStringAsync());
        using var inEnglish = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{\"reason\": \"" + new string('x', 300_000) + "\"}", Encoding.UTF8, "application/json") };
        inEnglish.Headers.AcceptLanguage.ParseAdd("en");
        var oversizedEn = await client.SendAsync(inEnglish);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversizedEn.StatusCode);
        Assert.Contains("The request body is too large", await oversizedEn.Content.ReadAsStringAsync());

        Assert.Equal(before, await app.WithDbAsync(db => db.OpeningExceptions.CountAsync(e => e.StructureId == id)));
    }

    [Fact]
    public async Task A_rule_violation_is_a_422_problem_naming_the_field()
    {
        var (client, id) = await CoordinatorOfMarseilleAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/structures/{id}/exceptions", new { date = "2026-12-26", closed = false, opens = "16:00", closes = "10:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Opens", out var messages));
        Assert.Contains("se termine avant de commencer", messages[0].GetString());

        var badTime = await client.PostAsJsonAsync($"/api/v1/structures/{id}/exceptions", new { date = "2026-12-26", closed = false, opens = "25h", closes = "10:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badTime.StatusCode);
        Assert.True((await badTime.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("opens", out _));
    }

    [Fact]
    public async Task An_exceptional_closure_through_the_API_closes_the_place_and_is_audited_with_before_and_after()
    {
        var (client, id) = await CoordinatorOfMarseilleAsync();
        var created = await client.PostAsJsonAsync($"/api/v1/structures/{id}/exceptions", new { date = "2026-11-24", closed = true, reason = "formation de l'équipe" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var place = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/lieux/marseille-paca/marseille"));
        Assert.Contains("Fermeture exceptionnelle : formation de l'équipe", place);
        Assert.Contains("Fermé, ouvre demain à 10:00", place);
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);

        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "OpeningException").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("Added", entry.Action);
        Assert.Null(entry.Before);
        // Hours carry no Cité of their own: the entry takes its structure's, so Marseille's administrator reads it.
        Assert.Equal((await app.StructureAsync("marseille-paca", "marseille")).CiteId, entry.CiteId);
        Assert.Contains("formation de l'équipe", entry.After);
        Assert.NotNull(entry.UserId);

        // An update records the value before and after.
        await app.WithDbAsync(async db =>
        {
            var e = await db.OpeningExceptions.SingleAsync(x => x.Reason == "formation de l'équipe");
            e.Reason = "inventaire";
            return await db.SaveChangesAsync();
        });
        var update = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "OpeningException").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("Modified", update.Action);
        Assert.Contains("formation", update.Before);
        Assert.Contains("inventaire", update.After);
    }

    [Fact]
    public async Task A_reception_agent_cannot_change_hours_through_the_API()
    {
        var agent = await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:marseille-paca/marseille");
        var client = await app.TokenClientAsync(agent);
        var id = (await app.StructureAsync("marseille-paca", "marseille")).Id;
        var response = await client.PostAsJsonAsync($"/api/v1/structures/{id}/exceptions", new { date = "2026-12-24", closed = true });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
