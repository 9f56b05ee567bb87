using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using static Maillage.Tests.Visits.VisitsTestData;

namespace Maillage.Tests.Platform;

/// <summary>Issue 18: staff sessions, API tokens and CSRF (docs/security.md, "Staff sessions, API tokens and CSRF").</summary>
internal static class StaffSessionChecks
{
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.EndsWith("/" + type, problem.GetProperty("type").GetString());
        return problem;
    }

    public static string AntiforgeryToken(string page) =>
        WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>One staff endpoint of each module, and the platform's own: reads and writes.</summary>
    public static async Task<List<HttpResponseMessage>> EachModuleAsync(HttpClient client, int structureId)
    {
        var origin = new Uri("http://localhost");
        HttpRequestMessage Same(HttpMethod method, string url, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Add("Origin", origin.GetLeftPart(UriPartial.Authority));
            return request;
        }
        return
        [
            await client.GetAsync("/api/v1/me"),
            await client.SendAsync(Same(HttpMethod.Post, "/api/v1/events", JsonContent.Create(new { title = "x" }))),
            await client.GetAsync("/api/v1/events/1/registrations"),
            await client.GetAsync("/api/v1/partners"),
            await client.SendAsync(Same(HttpMethod.Post, $"/api/v1/structures/{structureId}/exceptions", JsonContent.Create(new { date = "2026-12-24" }))),
            await client.SendAsync(Same(HttpMethod.Post, "/api/v1/visits", JsonContent.Create(AVisit(structureId)))),
            await client.GetAsync("/api/v1/stats/visits"),
        ];
    }
}

public sealed class TwoFactorSessionTests(TwoFactorApp app) : IClassFixture<TwoFactorApp>
{
    [Fact]
    public async Task Given_two_factor_is_required_When_a_session_has_only_the_password_Then_every_staff_page_and_endpoint_refuses_it_until_enrolment()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var user = await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        var client = await app.SignedInAsync(user);

        // Pages, wherever they are: sent to enrolment.
        foreach (var page in new[] { "/gestion", "/gestion/compte", "/gestion/utilisateurs", $"/gestion/accueil/{annemasse.Id}" })
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {(int)response.StatusCode}");
            Assert.Equal(IdentitySetup.EnrolPath, response.Headers.Location?.OriginalString);
        }
        // The API, one endpoint of each module: 403 saying why.
        foreach (var response in await StaffSessionChecks.EachModuleAsync(client, annemasse.Id))
        {
            var problem = await StaffSessionChecks.ProblemAsync(response, HttpStatusCode.Forbidden, "two-factor-required");
            Assert.Contains("double authentification", problem.GetProperty("title").GetString());
        }

        // The enrolment page stays open, and so does signing out.
        var enrolPage = await client.GetStringAsync(IdentitySetup.EnrolPath);
        Assert.Contains("<svg", enrolPage);
        var other = await app.SignedInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(IdentitySetup.EnrolPath)).StatusCode);
        var signedOut = await other.PostFormAsync("/gestion/deconnexion", new(), formPage: IdentitySetup.EnrolPath);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/me")).StatusCode);

        enrolPage = await client.GetStringAsync(IdentitySetup.EnrolPath); // a new key is drawn at each opening until enrolment
        // Enrolled: the same session is let in, and stays so after the security stamp is checked again (every minute).
        var key = WebUtility.HtmlDecode(Regex.Match(enrolPage, "id=\"shared-key\">([^<]+)<").Groups[1].Value).Replace(" ", "").ToUpperInvariant();
        var enrolled = await client.PostAsync(IdentitySetup.EnrolPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(),
            ["__RequestVerificationToken"] = StaffSessionChecks.AntiforgeryToken(enrolPage),
        }));
        Assert.Contains("La double authentification est activée", WebUtility.HtmlDecode(await enrolled.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/gestion")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/gestion/compte")).StatusCode);
    }

    [Fact]
    public async Task Given_an_account_with_two_factor_When_only_the_password_was_given_Then_nothing_can_be_called()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var user = await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        await app.EnableTwoFactorAsync(user);
        var client = app.Browser();
        var signIn = await client.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = MaillageApp.Password });
        Assert.StartsWith("/gestion/connexion/code", signIn.Headers.Location?.OriginalString);

        foreach (var response in await StaffSessionChecks.EachModuleAsync(client, annemasse.Id))
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}");
        var page = await client.GetAsync("/gestion/compte");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/gestion/connexion", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(IdentitySetup.EnrolPath)).StatusCode);
    }
}

public sealed class ApiTokenTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<HttpClient> TokenAsync(StaffUser user, params string[] scopes)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(user, "test", scopes));
        return client;
    }

    [Fact]
    public async Task An_API_token_opens_no_back_office_page_and_cannot_mint_tokens()
    {
        var user = await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(user));
        foreach (var page in new[] { "/gestion", "/gestion/compte", "/gestion/utilisateurs" })
            await StaffSessionChecks.ProblemAsync(await client.GetAsync(page), HttpStatusCode.Forbidden, "token-outside-api");
        // The enrolment page takes the cookie alone: a token is sent to sign in.
        var enrol = await client.GetAsync(IdentitySetup.EnrolPath);
        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        Assert.StartsWith("http://localhost/gestion/connexion", enrol.Headers.Location?.OriginalString);
        var mint = await client.PostAsync("/gestion/compte?handler=CreateToken", new FormUrlEncodedContent(new Dictionary<string, string> { ["TokenName"] = "stolen", ["TokenScopes"] = "read" }));
        await StaffSessionChecks.ProblemAsync(mint, HttpStatusCode.Forbidden, "token-outside-api");
        Assert.Equal(1, await app.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_does_what_its_scopes_say_and_never_more_than_its_owner()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var agent = await app.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{annemasse.Id}");

        var readOnly = await TokenAsync(agent, ApiScopes.Read);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync($"/api/v1/stats/visits?structure={annemasse.Id}")).StatusCode);
        var refused = await StaffSessionChecks.ProblemAsync(await readOnly.PostAsJsonAsync("/api/v1/visits", AVisit(annemasse.Id)), HttpStatusCode.Forbidden, "token-scope-missing");
        Assert.Contains("visits", refused.GetProperty("title").GetString());

        var visits = await TokenAsync(agent, "visits");
        Assert.Equal(HttpStatusCode.Created, (await visits.PostAsJsonAsync("/api/v1/visits", AVisit(annemasse.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visits.GetAsync($"/api/v1/stats/visits?structure={annemasse.Id}")).StatusCode);
        await StaffSessionChecks.ProblemAsync(await visits.GetAsync("/api/v1/me"), HttpStatusCode.Forbidden, "token-scope-missing");

        var agenda = await TokenAsync(agent, "agenda");
        await StaffSessionChecks.ProblemAsync(await agenda.PostAsJsonAsync("/api/v1/visits", AVisit(annemasse.Id)), HttpStatusCode.Forbidden, "token-scope-missing");

        // Every scope, but the owner's roles still decide: a reception agent manages no structure's exceptions.
        var all = await TokenAsync(agent);
        var exception = await all.PostAsJsonAsync($"/api/v1/structures/{annemasse.Id}/exceptions", new { date = "2026-12-24", closed = true });
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == agent.Id && t.Scopes == "")));
    }

    [Fact]
    public async Task A_password_lockout_leaves_the_owners_tokens_working_and_a_deactivation_stops_them()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await TokenAsync(user, ApiScopes.Read);
        var browser = app.Browser();
        for (var i = 0; i < 6; i++)
            await browser.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "someone else guessing" });
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()) > app.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var other = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(other.Id))!, DateTimeOffset.MaxValue);
        });
        var deactivated = await (await TokenAsync(other, ApiScopes.Read)).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, deactivated.StatusCode);
        Assert.Equal("Le compte de ce jeton d'API est désactivé.", // French by default (issue 19, item 12)
            System.Text.Json.JsonDocument.Parse(await deactivated.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_locked_account_and_a_wrong_password_get_the_same_sign_in_message()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        string? wrongMessage = null;
        for (var i = 0; i < 5; i++)
        {
            var wrong = await app.Browser().PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "not the password at all" });
            wrongMessage = ErrorOf(await wrong.Content.ReadAsStringAsync());
        }
        var locked = await app.Browser().PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = MaillageApp.Password });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(wrongMessage, ErrorOf(await locked.Content.ReadAsStringAsync()));
        Assert.Contains("Adresse ou mot de passe incorrect", wrongMessage);
        var unknown = await app.Browser().PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = "nobody@test.maillage", ["Input.Password"] = "not the password at all" });
        Assert.Equal(wrongMessage, ErrorOf(await unknown.Content.ReadAsStringAsync()));

        static string ErrorOf(string html) => WebUtility.HtmlDecode(Regex.Match(html, "class=\"field-error[^\"]*\"[^>]*>(.*?)</(span|p)>", RegexOptions.Singleline).Groups[1].Value);
    }

    [Fact]
    public async Task The_account_page_creates_a_token_with_the_scopes_chosen_and_asks_for_one_at_least()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInWithCodeAsync(user);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/gestion/compte"));
        foreach (var scope in new[] { "read", "agenda", "network", "visits" }) Assert.Contains($"value=\"{scope}\"", page);
        Assert.Contains("POST /api/v1/visits", page);

        var none = await client.PostFormAsync("/gestion/compte?handler=CreateToken", new() { ["TokenName"] = "sans portée" }, formPage: "/gestion/compte");
        Assert.Contains("Choisissez au moins une portée", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()));
        var bogus = await client.PostFormAsync("/gestion/compte?handler=CreateToken", new() { ["TokenName"] = "x", ["TokenScopes"] = "admin" }, formPage: "/gestion/compte");
        Assert.Contains("Portée inconnue : admin", WebUtility.HtmlDecode(await bogus.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id)));

        var created = await client.PostAsync("/gestion/compte?handler=CreateToken", new FormUrlEncodedContent(
        [
            new("TokenName", "site de la Mission locale"), new("TokenScopes", "read"), new("TokenScopes", "agenda"),
            new("__RequestVerificationToken", StaffSessionChecks.AntiforgeryToken(await client.GetStringAsync("/gestion/compte"))),
        ]));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("agenda read", await app.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Scopes).SingleAsync()));
    }
}

public sealed class CookieCsrfTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static HttpRequestMessage Post(string url, HttpContent content, string? origin = null, string? csrf = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (csrf is not null) request.Headers.Add("X-CSRF-TOKEN", csrf);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    [Fact]
    public async Task A_cookie_write_to_the_API_needs_the_same_origin_or_the_antiforgery_header_and_a_token_does_not()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var agent = await app.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{annemasse.Id}");
        var browser = await app.SignedInAsync(agent);

        // The finding: a form post from another site to a staff endpoint, with the cookie.
        var decline = await browser.SendAsync(Post("/api/v1/registrations/1/decline", new FormUrlEncodedContent([]), origin: "http://evil.example"));
        await StaffSessionChecks.ProblemAsync(decline, HttpStatusCode.Forbidden, "cross-site-request");
        await StaffSessionChecks.ProblemAsync(await browser.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)), origin: "http://evil.example")), HttpStatusCode.Forbidden, "cross-site-request");
        await StaffSessionChecks.ProblemAsync(await browser.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)), fetchSite: "cross-site")), HttpStatusCode.Forbidden, "cross-site-request");
        await StaffSessionChecks.ProblemAsync(await browser.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)))), HttpStatusCode.Forbidden, "cross-site-request");
        await StaffSessionChecks.ProblemAsync(await browser.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)), csrf: "forged")), HttpStatusCode.Forbidden, "cross-site-request");

        // From Maillage itself: the same origin, the browser's own Sec-Fetch-Site, or the page's antiforgery token.
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)), origin: "http://localhost"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)), fetchSite: "same-origin"))).StatusCode);
        var token = StaffSessionChecks.AntiforgeryToken(await browser.GetStringAsync($"/gestion/accueil/{annemasse.Id}"));
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)), csrf: token))).StatusCode);
        var sameOriginDecline = await browser.SendAsync(Post("/api/v1/registrations/1/decline", new FormUrlEncodedContent([]), origin: "http://localhost"));
        Assert.DoesNotContain("cross-site-request", await sameOriginDecline.Content.ReadAsStringAsync());

        // A token is not a cookie: no ambient credential to abuse, the Origin does not matter.
        var api = await app.TokenClientAsync(agent);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(Post("/api/v1/visits", JsonContent.Create(AVisit(annemasse.Id)), origin: "http://evil.example"))).StatusCode);
        // Reads by cookie are not writes: no header needed.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }
}
