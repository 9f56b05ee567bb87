using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Visits.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Maillage.BrowserTests;

/// <summary>
/// The application with demo content (the demo events, duties and bookings, a few thousand synthetic visits), on its own database, for
/// <see cref="SiteCrawlTests"/>: the suite's shared application stays as the other tests leave it.
/// </summary>
public sealed class DemoSite : IAsyncLifetime
{
    public BrowserApp App { get; } = new();
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BaseUrl = App.Start();
        await using var scope = App.Services.CreateAsyncScope();
        var seeders = scope.ServiceProvider.GetServices<Platform.Modules.IDevelopmentSeeder>().ToList();
        await seeders.OfType<DemoAgenda>().Single().EnsureAsync();
        // The demo roster (Annemasse, Saint-Julien) and the demo bookings (Marseille): the planning grids and the rooms' weeks have something to show.
        await seeders.OfType<Maillage.Roster.Planning.DemoRoster>().Single().SeedAsync(default);
        await seeders.OfType<Maillage.Rooms.DemoRooms>().Single().SeedAsync(default);
        var (db, clock) = (scope.ServiceProvider.GetRequiredService<MaillageDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
        await new VisitSeeder(db, clock).SeedAsync("grand-geneve", 4_000, years: 2);
        await new VisitSeeder(db, clock).SeedAsync("marseille-paca", 1_500, years: 2);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Every page a person can reach by following links, as that person: the public in French and in English, and each
/// demo role (README) on its own scope. Each link a page shows must lead somewhere allowed — no 403, no sign-in page
/// for someone signed in, no 404, no server error — and each kind of page (its path with the numbers and tokens taken
/// out) passes axe-core with zero violations. A menu entry shown to someone who may not use it, or a page that only a
/// role other than the tester's can reach, is found here without anyone having listed it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteCrawlTests(BrowserFixture browser, DemoSite site, ITestOutputHelper output) : IClassFixture<DemoSite>
{
    /// <summary>Enough for every kind of page a role reaches, with room to grow; a crawl that reaches it fails, so that it is raised on purpose.</summary>
    private const int MaxPagesPerCrawl = 120;

    public static TheoryData<string> Roles() => [.. DemoUsers.All.Select(u => u.Email)];

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Given_the_public_When_following_every_link_Then_each_page_answers_and_passes_axe(string language)
    {
        await using var session = await browser.NewSessionAsync(baseUrl: site.BaseUrl);
        var start = language == "en" ? "/?culture=en" : "/";
        await CrawlAsync(session.Page, start, signedIn: false, language);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Given_a_demo_role_When_following_every_link_it_is_shown_Then_none_is_refused_and_each_page_passes_axe(string email)
    {
        var (_, _, role, scope) = DemoUsers.All.Single(u => u.Email == email);
        var user = await site.App.CreateStaffAsync(role, scope);
        await using var session = await browser.NewSessionAsync(baseUrl: site.BaseUrl);
        var page = session.Page;
        await StaffJourney.SubmitSignInAsync(page, user);
        await StaffJourney.EnrolAsync(page);
        await CrawlAsync(page, "/gestion", signedIn: true, $"{role}, {scope}");
    }

    private async Task CrawlAsync(IPage page, string start, bool signedIn, string label)
    {
        var origin = site.BaseUrl.GetLeftPart(UriPartial.Authority);
        var queue = new Queue<(string Url, string From)>([(start, "(start)")]);
        var seenShapes = new HashSet<string>();
        var problems = new List<string>();
        var violations = new List<string>();
        var visited = 0;
        while (queue.Count > 0)
        {
            var (url, from) = queue.Dequeue();
            if (!seenShapes.Add(Shape(url))) continue;
            Assert.True(++visited <= MaxPagesPerCrawl, $"More than {MaxPagesPerCrawl} kinds of page reached from {start} ({label}): raise the limit if the site grew.");
            // Asked first with the session's cookies, so that a file (an export, a calendar) is not opened as a page.
            var response = await page.APIRequest.GetAsync(url);
            var landed = new Uri(response.Url);
            if (response.Status != 200)
            {
                problems.Add($"{url} (linked from {from}): {response.Status}");
                continue;
            }
            if (signedIn && landed.AbsolutePath.StartsWith("/gestion/connexion", StringComparison.Ordinal))
            {
                problems.Add($"{url} (linked from {from}): sent to the sign-in page");
                continue;
            }
            if (!(response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal))) continue;
            await page.GotoAsync(url);
            if (await page.Locator("main h1").CountAsync() > 0 && await page.Locator("main h1").First.TextContentAsync() is { } h1
                && Regex.IsMatch(h1, "Accès refusé|Access denied"))
            {
                problems.Add($"{url} (linked from {from}): \"{h1.Trim()}\"");
                continue;
            }
            violations.AddRange(await page.AxeViolationsAsync(label));

            var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])", "els => els.map(e => e.href)");
            foreach (var link in links)
            {
                if (!link.StartsWith(origin, StringComparison.Ordinal)) continue;
                var target = new Uri(link);
                var path = target.AbsolutePath;
                // Signed in, the crawl stays in the staff area (the public pages have their own crawl).
                if (signedIn && !path.StartsWith("/gestion", StringComparison.Ordinal)) continue;
                // Not pages: the API and its reference, files (exports, calendars, feeds), the language switch (it would
                // change the language of the rest of the crawl; LanguageTests covers it).
                if (path.StartsWith("/api", StringComparison.Ordinal) || Regex.IsMatch(path, @"\.(csv|xlsx|ods|ics|pdf|docx|odt|svg|png|xml|json|txt)$")
                    || target.Query.Contains("culture=", StringComparison.Ordinal) || target.Query.Contains("format=", StringComparison.Ordinal))
                    continue;
                queue.Enqueue((target.PathAndQuery, new Uri(page.Url).PathAndQuery));
            }
        }
        output.WriteLine($"{label}: {visited} kinds of page from {start}:\n  " + string.Join("\n  ", seenShapes.Order()));
        Assert.True(problems.Count == 0, $"Links that lead nowhere allowed ({label}):\n" + string.Join("\n", problems));
        Accessibility.AssertNone(violations, visited);
        Assert.True(visited >= (signedIn ? 2 : 8), $"Only {visited} pages reached from {start} ({label}).");
    }

    /// <summary>A kind of page: its path with numbers and tokens replaced, and the names (not the values) of its query.</summary>
    private static string Shape(string pathAndQuery)
    {
        var uri = new Uri(new Uri("http://x"), pathAndQuery);
        var path = Regex.Replace(uri.AbsolutePath, @"(?<=/)(\d+|[0-9a-f]{16,})(?=/|$)", "{n}");
        var keys = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Distinct().Order();
        return path + (keys.Any() ? "?" + string.Join("&", keys) : "");
    }
}
