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

namespace Maillage.Tests.Platform;

/// <summary>The application with two-factor authentication required, as in production.</summary>
public sealed class TwoFactorApp : MaillageApp
{
    protected override bool RequireTwoFactor => true;
}

public sealed class TwoFactorTests(TwoFactorApp app) : IClassFixture<TwoFactorApp>
{
    private static string CodeFor(string page)
    {
        var key = WebUtility.HtmlDecode(Regex.Match(page, "id=\"shared-key\">([^<]+)<").Groups[1].Value).Replace(" ", "").ToUpperInvariant();
        Assert.False(string.IsNullOrEmpty(key), "The enrolment page shows no key");
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
    }

    [Fact]
    public async Task Given_two_factor_is_required_When_staff_sign_in_Then_they_enrol_with_a_QR_code_and_later_need_the_code()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInAsync(user);

        var dashboard = await client.GetAsync("/gestion");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal(IdentitySetup.EnrolPath, dashboard.Headers.Location?.OriginalString);

        var enrolPage = await client.GetStringAsync(IdentitySetup.EnrolPath);
        Assert.Contains("<svg", enrolPage);
        var wrong = await client.PostFormAsync(IdentitySetup.EnrolPath, new() { ["Code"] = "000000" });
        Assert.Contains("Ce code n'est pas valide", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));

        var page = await client.GetStringAsync(IdentitySetup.EnrolPath);
        var enrolled = await client.PostAsync(IdentitySetup.EnrolPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = CodeFor(page),
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value),
        }));
        var enrolledHtml = WebUtility.HtmlDecode(await enrolled.Content.ReadAsStringAsync());
        Assert.Contains("La double authentification est activée", enrolledHtml);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/gestion")).StatusCode);

        // A new session now needs the code after the password.
        var second = app.Browser();
        var signIn = await second.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = MaillageApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/gestion/connexion/code", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/gestion")).StatusCode);

        var key = await app.WithScopeAsync2(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            return (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id))!))!;
        });
        var bad = await second.PostFormAsync("/gestion/connexion/code", new() { ["Code"] = "123456" });
        Assert.Contains("Ce code n'est pas valide", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        var ok = await second.PostFormAsync("/gestion/connexion/code", new() { ["Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/gestion")).StatusCode);
    }
}

public sealed class AccountsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_with_the_right_one_afterwards()
    {
        var user = await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/saint-julien-en-genevois");
        var client = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "not the password at all" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await client.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = MaillageApp.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        // Locked, but the form says no more than for a wrong password (no account-state oracle, issue 18).
        Assert.Contains("Adresse ou mot de passe incorrect", WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()));
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()) > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_sign_in_form_without_antiforgery_token_is_refused()
    {
        var response = await app.Browser().PostAsync("/gestion/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "x@test.maillage", ["Input.Password"] = "whatever whatever",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Empty_fields_get_messages_beside_them()
    {
        var response = await app.Browser().PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Saisissez votre adresse e-mail.", html);
        Assert.Contains("Saisissez votre mot de passe.", html);
        Assert.Contains("href=\"#Input_Email\"", html);
    }

    [Fact]
    public async Task The_password_policy_asks_for_length_not_composition()
    {
        await app.WithScopeAsync(async sp =>
        {
            var directory = sp.GetRequiredService<StaffDirectory>();
            var tooShort = await Assert.ThrowsAsync<Maillage.Platform.Errors.RuleViolation>(() => directory.CreateUserAsync($"short{Guid.NewGuid():N}@test.maillage", "Ab1!Ab1!"));
            Assert.Contains("12", tooShort.Text.Fr);
            await directory.CreateUserAsync($"long{Guid.NewGuid():N}@test.maillage", "tous les lundis matin");
        });
    }

    [Fact]
    public async Task Me_without_credentials_is_401_and_with_a_token_lists_the_roles()
    {
        var anonymous = await app.CreateClient().GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "structure:grand-geneve/annemasse");
        var client = await app.TokenClientAsync(user);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        var role = Assert.Single(me.GetProperty("roles").EnumerateArray());
        Assert.Equal("coordinator", role.GetProperty("role").GetString());
        Assert.Equal("structure", role.GetProperty("scope").GetString());
        Assert.Equal("Centre associé d'Annemasse", role.GetProperty("structure").GetString());
        Assert.Equal("grand-geneve", role.GetProperty("cite").GetString());
    }

    [Fact]
    public async Task A_revoked_or_malformed_or_unknown_token_is_refused_with_a_clear_problem()
    {
        var user = await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve");
        var secret = await app.CreateTokenAsync(user);
        async Task<(HttpStatusCode, string)> Call(string token)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // the problems speak the request's language (French by default)
            var r = await client.GetAsync("/api/v1/me");
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await Call(secret)).Item1);
        var (malformed, malformedBody) = await Call("not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, malformed);
        Assert.Contains("malformed", malformedBody);
        var (unknown, unknownBody) = await Call(Maillage.Platform.Identity.ApiToken.Create(user.Id, "x", [ApiScopes.Read], DateTimeOffset.UtcNow).Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
        Assert.Contains("unknown", unknownBody);

        // Revoked where a person revokes it, on the account page: refused at the very next call (the instance
        // forgets what it kept of the token, see AuthorisationCache).
        var tokenId = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Id).SingleAsync());
        var browser = await app.SignedInAsync(user);
        var revoke = await browser.PostFormAsync("/gestion/compte?handler=Revoke", new() { ["id"] = tokenId.ToString() }, formPage: "/gestion/compte");
        Assert.True(revoke.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"revoking answered {revoke.StatusCode}");
        Assert.NotNull(await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync()));
        var (revoked, revokedBody) = await Call(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked);
        Assert.Contains("revoked", revokedBody);
    }

    [Fact]
    public async Task The_language_of_messages_is_chosen_on_the_account_page_French_by_default()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInAsync(user);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/gestion/compte"));
        Assert.Contains("Langue des messages", page);
        Assert.Matches("<input(?=[^>]*id=\"language-fr\")[^>]*checked", page);

        var saved = await client.PostFormAsync("/gestion/compte?handler=Language", new() { ["MessageLanguage"] = "en" }, formPage: "/gestion/compte");
        Assert.Contains("Langue des messages enregistrée.", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()));
        Assert.Equal("en", await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Language).SingleAsync()));
        Assert.Matches("<input(?=[^>]*id=\"language-en\")[^>]*checked", WebUtility.HtmlDecode(await client.GetStringAsync("/gestion/compte")));

        // Anything else is refused beside the field and changes nothing.
        var refused = await client.PostFormAsync("/gestion/compte?handler=Language", new() { ["MessageLanguage"] = "klingon" }, formPage: "/gestion/compte");
        Assert.Contains("Choisissez le français ou l'anglais.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("en", await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Language).SingleAsync()));

        // Back to French: stored as no language (French, the default).
        await client.PostFormAsync("/gestion/compte?handler=Language", new() { ["MessageLanguage"] = "fr" }, formPage: "/gestion/compte");
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Language).SingleAsync()));
    }

    [Fact]
    public async Task Tokens_are_created_only_in_a_two_factor_session()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInAsync(user); // the password alone (two-factor not required here)
        Assert.Contains("Un jeton se crée dans une session ouverte avec la double authentification", WebUtility.HtmlDecode(await client.GetStringAsync("/gestion/compte")));
        var refused = await client.PostFormAsync("/gestion/compte?handler=CreateToken", new() { ["TokenName"] = "site", ["TokenScopes"] = "read" }, formPage: "/gestion/compte");
        Assert.Contains("activez la double authentification puis reconnectez-vous", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task Tokens_are_stored_hashed_and_shown_once_on_the_account_page()
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInWithCodeAsync(user);
        var created = await client.PostFormAsync("/gestion/compte?handler=CreateToken", new() { ["TokenName"] = "site de la Mission locale", ["TokenScopes"] = "read" }, formPage: "/gestion/compte");
        var html = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync());
        var secret = Regex.Match(html, "<code class=\"secret\">(mlg_[^<]+)</code>").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(secret));
        var stored = await app.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.UserId == user.Id));
        Assert.NotEqual(secret, stored.Hash);
        Assert.Equal(Maillage.Platform.Identity.ApiToken.HashOf(secret), stored.Hash);
        Assert.DoesNotContain(secret, WebUtility.HtmlDecode(await client.GetStringAsync("/gestion/compte")));

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        var revoke = await client.PostFormAsync("/gestion/compte?handler=Revoke", new() { ["id"] = stored.Id.ToString() }, formPage: "/gestion/compte");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);

        var empty = await client.PostFormAsync("/gestion/compte?handler=CreateToken", new() { ["TokenName"] = " ", ["TokenScopes"] = "read" }, formPage: "/gestion/compte");
        Assert.Contains("Donnez au jeton un nom", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
    }
}
