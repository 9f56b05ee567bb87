using System.Net;
using System.Text.RegularExpressions;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// The whole application in memory, on its own fresh database (SQLite or PostgreSQL, see
/// <see cref="TestDatabase"/>; a copy of the migrated template with the reference network loaded) and a clock
/// the test controls.
/// </summary>
public class MaillageApp : WebApplicationFactory<Program>
{
    /// <summary>Monday 23 November 2026, 10:00 in Paris: a working day in both countries.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public const string Password = "correct horse battery staple";

    public TestClock Clock { get; } = new(DefaultNow);
    public string ConnectionString { get; }
    private readonly bool _ownsDatabase;

    public MaillageApp() : this(null) { }

    /// <summary>On <paramref name="sharedDatabase"/> when given (a second instance of the same deployment, which leaves the
    /// database to its owner), else on a new copy of the template.</summary>
    protected MaillageApp(string? sharedDatabase)
    {
        ConnectionString = sharedDatabase ?? TestDatabase.CreateFromTemplate();
        _ownsDatabase = sharedDatabase is null;
    }
    protected virtual bool RequireTwoFactor => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.ProviderName);
        builder.UseSetting("ConnectionStrings:Maillage", ConnectionString);
        builder.UseSetting("Maillage:Security:RequireTwoFactor", RequireTwoFactor ? "true" : "false");
        builder.UseSetting("Maillage:RateLimits:SignInPerMinute", "1000");
        // Quartz keeps one scheduler per name in a process: each test application gets its own.
        builder.UseSetting("Jobs:SchedulerName", $"maillage-test-{Guid.NewGuid():N}");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            TestHost.HashPasswordsCheaply(services);
        });
    }

    /// <summary>A browser: keeps cookies (on the application's clock, see <see cref="ClockedCookies"/>), follows no redirect.</summary>
    public HttpClient Browser() => CreateDefaultClient(new ClockedCookies(Clock));

    public async Task<T> WithDbAsync<T>(Func<MaillageDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MaillageDb>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    public async Task<T> WithScopeAsync2<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A structure of the reference network (read-only for tests: each test creates what it changes).</summary>
    public Task<Structure> StructureAsync(string cite, string slug) =>
        WithDbAsync(db => db.Structures.Include(s => s.Poles).FirstAsync(s => s.Cite.Slug == cite && s.Slug == slug));

    public Task<int> CiteIdAsync(string slug) =>
        WithDbAsync(db => db.Cites.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    /// <summary>A new member of staff with one role on one scope (e.g. "cite:marseille-paca").</summary>
    public async Task<StaffUser> CreateStaffAsync(StaffRole role, string scope, string? email = null)
    {
        StaffUser user = null!;
        await WithScopeAsync(async sp =>
        {
            var directory = sp.GetRequiredService<StaffDirectory>();
            var grant = await directory.ParseAsync(role, scope);
            user = await directory.CreateUserAsync(email ?? $"{role}.{Guid.NewGuid():N}@test.maillage".ToLowerInvariant(), Password);
            await directory.GrantAsync(user, grant);
        });
        return user;
    }

    /// <summary>A token of <paramref name="user"/>, with every scope unless <paramref name="scopes"/> says otherwise.</summary>
    public async Task<string> CreateTokenAsync(StaffUser user, string name = "test", params string[] scopes)
    {
        if (scopes.Length == 0) scopes = [ApiScopes.Read, "agenda", "network", "visits", "rooms", "roster"];
        var (token, secret) = ApiToken.Create(user.Id, name, scopes, Clock.GetUtcNow());
        await WithDbAsync(async db => { db.ApiTokens.Add(token); return await db.SaveChangesAsync(); });
        return secret;
    }

    /// <summary>An API client authenticated by a new token of <paramref name="user"/>.</summary>
    public async Task<HttpClient> TokenClientAsync(StaffUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await CreateTokenAsync(user));
        return client;
    }

    /// <summary>A browser signed in as a new member of staff with one role on one scope.</summary>
    public async Task<HttpClient> SignedInAsAsync(StaffRole role, string scope) => await SignedInAsync(await CreateStaffAsync(role, scope));

    /// <summary>Turns two-factor on for <paramref name="user"/> with a new authenticator key, and returns the key.</summary>
    public Task<string> EnableTwoFactorAsync(StaffUser user) => WithScopeAsync2(async sp =>
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        await users.ResetAuthenticatorKeyAsync(stored);
        await users.SetTwoFactorEnabledAsync(stored, true);
        return (await users.GetAuthenticatorKeyAsync(stored))!;
    });

    /// <summary>
    /// Turns two-factor on for <paramref name="user"/> (a new authenticator key) and signs in through the real forms, the
    /// password then the authenticator's code: the session a token is created in.
    /// </summary>
    public async Task<HttpClient> SignedInWithCodeAsync(StaffUser user)
    {
        var key = await EnableTwoFactorAsync(user);
        var client = Browser();
        var password = await client.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = Password });
        if (password.Headers.Location?.OriginalString.StartsWith("/gestion/connexion/code", StringComparison.Ordinal) != true)
            throw new InvalidOperationException($"Sign-in did not ask for the code: {(int)password.StatusCode} {password.Headers.Location}");
        var code = await client.PostFormAsync("/gestion/connexion/code", new() { ["Code"] = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp() });
        if (code.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"The code was refused: {(int)code.StatusCode} {await code.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Signs in through the real sign-in form; the returned client keeps the cookie.</summary>
    public async Task<HttpClient> SignedInAsync(StaffUser user)
    {
        var client = Browser();
        var response = await client.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase) TestDatabase.Drop(ConnectionString);
    }
}

public static class HttpClientForms
{
    /// <summary>GETs the page holding the form, reads its antiforgery token, then POSTs the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static Regex AntiforgeryToken() => new("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
}
