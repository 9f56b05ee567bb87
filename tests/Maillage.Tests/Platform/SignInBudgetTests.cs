using System.Net;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform;

/// <summary>
/// One instance of a deployment with a sign-in budget of <see cref="Budget"/> attempts a minute, whose client address a
/// test chooses per request (header <c>X-Test-Client</c>, as ForwardedHeaders would set it from the proxy's).
/// </summary>
public sealed class SignInBudgetApp : MaillageApp
{
    public const int Budget = 4;

    public SignInBudgetApp() : base(null) { }
    public SignInBudgetApp(string sharedDatabase) : base(sharedDatabase) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Maillage:RateLimits:SignInPerMinute", Budget.ToString());
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Client"].ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}

public sealed class SignInBudgetTests
{
    private static async Task<HttpStatusCode> AttemptAsync(MaillageApp app, string client, string email)
    {
        var browser = app.Browser();
        browser.DefaultRequestHeaders.Add("X-Test-Client", client);
        var response = await browser.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = "a wrong password, again" });
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            Assert.Contains("Trop de tentatives", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        return response.StatusCode;
    }

    [PostgresFact]
    public async Task Given_two_instances_on_one_PostgreSQL_database_When_attempts_come_to_both_Then_they_share_one_budget_per_address_and_per_account()
    {
        using var first = new SignInBudgetApp();
        using var second = new SignInBudgetApp(first.ConnectionString);

        // Per address: two attempts on each instance spend the budget of four; the fifth is refused, on either.
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(first, "203.0.113.1", "a@test.maillage"));
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(second, "203.0.113.1", "b@test.maillage"));
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(first, "203.0.113.1", "c@test.maillage"));
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(second, "203.0.113.1", "d@test.maillage"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(second, "203.0.113.1", "e@test.maillage"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(first, "203.0.113.1", "f@test.maillage"));
        // Another address has its own budget.
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(first, "203.0.113.2", "g@test.maillage"));

        // Per account name, from addresses that change every time (written differently: the name is compared as Identity does).
        for (var i = 0; i < SignInBudgetApp.Budget; i++)
            Assert.Equal(HttpStatusCode.OK, await AttemptAsync(i % 2 == 0 ? first : second, $"198.51.100.{i + 1}", i % 2 == 0 ? "victim@test.maillage" : " VICTIM@test.maillage"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(second, "198.51.100.99", "victim@test.maillage"));

        // The next minute, a new budget; the windows before the last are deleted on write.
        first.Clock.Advance(TimeSpan.FromMinutes(2));
        second.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(second, "203.0.113.1", "a@test.maillage"));
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(first, "198.51.100.99", "victim@test.maillage"));
        var windows = await first.WithDbAsync(db => db.Set<SignInAttempt>().Select(a => a.Window).Distinct().ToListAsync());
        Assert.Equal(new[] { first.Clock.GetUtcNow().ToUnixTimeSeconds() / 60 }, windows);
    }

    [SqliteFact]
    public async Task Given_SQLite_a_single_instance_When_an_address_spends_its_budget_Then_the_in_memory_limiter_refuses_and_nothing_is_written()
    {
        using var app = new SignInBudgetApp();
        var browser = app.Browser();
        browser.DefaultRequestHeaders.Add("X-Test-Client", "203.0.113.1");
        for (var i = 0; i < SignInBudgetApp.Budget - 1; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/gestion/connexion")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(app, "203.0.113.2", "someone@test.maillage"));
        var last = await browser.PostAsync("/gestion/connexion", new FormUrlEncodedContent([new("Input.Email", "x@test.maillage")]));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, last.StatusCode);
        var refused = await browser.GetAsync("/gestion/connexion");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Trop de tentatives", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SignInAttempt>().CountAsync()));
    }
}
