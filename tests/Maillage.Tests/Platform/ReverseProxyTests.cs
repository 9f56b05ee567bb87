using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform;

/// <summary>
/// The application behind a TLS reverse proxy that is configured (10.0.0.1, and the network 10.1.0.0/16). The test
/// server has no TCP connection: <see cref="PeerHeader"/> stands for the address the request comes from, set before the
/// application's pipeline as Kestrel would.
/// </summary>
public class ProxiedApp : MaillageApp
{
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Maillage:ReverseProxy:KnownProxies:0", "10.0.0.1");
        builder.UseSetting("Maillage:ReverseProxy:KnownNetworks:0", "10.1.0.0/16");
        builder.UseSetting("Maillage:RateLimits:RegistrationsPerMinute", "2");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Issue 18, item 8: forwarded headers believed from configured proxies only; Secure cookies, HSTS and rate limits follow.</summary>
public sealed partial class ReverseProxyTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    private HttpClient Client(string peer, string? clientAddress = null, string? proto = "https")
    {
        var client = app.CreateDefaultClient(new Uri("http://maillage.example/"));
        client.DefaultRequestHeaders.Add(ProxiedApp.PeerHeader, peer);
        if (clientAddress is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        if (proto is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        return client;
    }

    /// <summary>The staff cookie, the antiforgery cookie and the language cookie, as the answers set them.</summary>
    private async Task<Dictionary<string, string>> CookiesAsync(HttpClient client)
    {
        var cookies = new Dictionary<string, string>();
        void Collect(HttpResponseMessage response)
        {
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                cookies[header[..header.IndexOf('=')]] = header;
        }
        var page = await client.GetAsync("/gestion/connexion?culture=en");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Collect(page);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        var user = await app.CreateStaffAsync(Maillage.Platform.Identity.StaffRole.Coordinator, "cite:grand-geneve");
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/gestion/connexion")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = user.Email!, ["Input.Password"] = MaillageApp.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        signIn.Headers.Add("Cookie", string.Join("; ", cookies.Values.Select(c => c[..c.IndexOf(';')])));
        var signedIn = await client.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Collect(signedIn);
        Assert.Contains(".Maillage.Staff", cookies.Keys);
        Assert.Contains(".Maillage.Antiforgery", cookies.Keys);
        Assert.Contains(".Maillage.Culture", cookies.Keys);
        return cookies;
    }

    private static bool IsSecure(string setCookie) => setCookie.Split(';').Any(p => p.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task Given_https_forwarded_by_a_known_proxy_Then_every_cookie_is_Secure_and_answers_carry_HSTS()
    {
        foreach (var proxy in new[] { "10.0.0.1", "10.1.42.7" }) // the proxy, then an address of the proxies' network
        {
            var client = Client(proxy, "203.0.113.7");

            var cookies = await CookiesAsync(client);

            Assert.All(cookies.Values, c => Assert.True(IsSecure(c), $"{c} is not Secure"));
            var answer = await client.GetAsync("/");
            Assert.Equal("max-age=31536000", Assert.Single(answer.Headers.GetValues("Strict-Transport-Security")));
        }
    }

    [Fact]
    public async Task Given_forwarded_headers_from_an_unknown_address_Then_they_are_ignored_no_cookie_is_Secure_and_no_HSTS()
    {
        var client = Client("198.51.100.9", "203.0.113.7");

        var cookies = await CookiesAsync(client);

        Assert.All(cookies.Values, c => Assert.False(IsSecure(c), $"{c} is Secure over plain HTTP"));
        Assert.False((await client.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Given_plain_http_to_localhost_or_https_to_localhost_Then_no_HSTS_and_https_to_a_host_name_Then_HSTS()
    {
        Assert.False((await app.CreateClient().GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await app.CreateDefaultClient(new Uri("https://localhost/")).GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
        Assert.True((await app.CreateDefaultClient(new Uri("https://maillage.example/")).GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/v1/events/999999/registrations", new { firstName = "A" });

    [Fact]
    public async Task Given_clients_behind_a_known_proxy_Then_each_has_its_own_rate_limit_budget()
    {
        var first = Client("10.0.0.1", "203.0.113.20");
        var second = Client("10.0.0.1", "203.0.113.21");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RegisterAsync(first)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RegisterAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RegisterAsync(first)).StatusCode);
        // Another client through the same proxy still has its budget.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RegisterAsync(second)).StatusCode);
    }

    [Fact]
    public async Task Given_an_unknown_address_claiming_other_clients_Then_its_claims_share_its_own_budget()
    {
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RegisterAsync(Client("198.51.100.30", "203.0.113.30"))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RegisterAsync(Client("198.51.100.30", "203.0.113.31"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RegisterAsync(Client("198.51.100.30", "203.0.113.32"))).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
