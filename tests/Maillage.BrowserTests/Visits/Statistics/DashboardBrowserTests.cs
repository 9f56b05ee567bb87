using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Visits.Statistics;

/// <summary>axe-core on the attendance dashboard (exact and protected) and on the public key figures, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Year = "from=2023-01-01&to=2023-12-31";

    private async Task<Structure> SeedAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var annemasse = await db.Structures.IgnoreQueryFilters().FirstAsync(s => s.Slug == "annemasse");
        var geneve = await db.Structures.IgnoreQueryFilters().FirstAsync(s => s.Slug == "geneve");
        var start = QuarterHour.Of(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero));
        if (await db.Visits.IgnoreQueryFilters().AnyAsync(v => v.Quarter >= start && v.Quarter < start + 96 * 730)) return annemasse;
        var random = new Random(1);
        var entries = Enumerable.Range(0, 800).Select(i =>
        {
            var s = i % 3 == 0 ? annemasse : geneve;
            return new VisitToRecord(Guid.NewGuid(), new Visit
            {
                Quarter = start + random.Next(96 * 730), StructureId = s.Id, CiteId = s.CiteId,
                Needs = (Needs)(1 << random.Next(5)), Services = Services.InformationOnly, Kind = (VisitKind)random.Next(2),
                Channel = (Channel)random.Next(4), PublicStatus = (PublicStatus)random.Next(10), AgeBracket = (AgeBracket)random.Next(5),
                Gender = (Gender)random.Next(4), ResidenceId = random.Next(-3, 1),
            });
        }).ToList();
        await scope.ServiceProvider.GetRequiredService<VisitRecorder>().RecordAsync(entries);
        return annemasse;
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Given_a_coordinator_and_a_funder_When_axe_checks_the_dashboards_and_the_key_figures_Then_there_is_no_violation(string language)
    {
        var annemasse = await SeedAsync();
        var violations = new List<string>();
        var checkedPages = 0;
        var culture = language == "en" ? "&culture=en" : "";

        foreach (var (role, scope) in new[] { (StaffRole.Coordinator, $"structure:{annemasse.Id}"), (StaffRole.Funder, "cite:grand-geneve") })
        {
            var user = await fixture.App.CreateStaffAsync(role, scope);
            await using var session = await fixture.NewSessionAsync();
            var page = session.Page;
            await StaffJourney.SignInAndEnrolAsync(page, user);
            var response = await page.GotoAsync($"/gestion/statistiques?{Year}{culture}");
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator(".chart[role=img]").First).ToBeVisibleAsync();
            if (role == StaffRole.Funder) await Expect(page.Locator("td.num", new() { HasTextString = language == "en" ? "suppressed" : "secret" }).First).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"{language}, dashboard of a {role}"));
            checkedPages++;
            await page.GotoAsync($"/gestion/statistiques?from=2023-05-01&to=2023-04-01{culture}");
            await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"{language}, dashboard with a form error"));
            checkedPages++;
        }

        await using (var session = await fixture.NewSessionAsync())
        {
            var page = session.Page;
            var response = await page.GotoAsync($"/chiffres/grand-geneve?year=2023{culture}");
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator(".chart[role=img]").First).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"{language}, key figures"));
            checkedPages++;
        }
        output.WriteLine($"Dashboards ({language}): {checkedPages} page states checked.");
        Accessibility.AssertNone(violations, checkedPages);
    }
    /// <summary>
    /// Issue 19, item 5: chart labels were cut on the left and chart text was 10 px on a desktop, 6 px on a phone (the SVG
    /// scaled down). At 1280 and 390 px wide, every label and figure of every chart is at least the body's font size and
    /// fits its box; visits and interviews are shown apart; no axe violation (the chart pages had a landmark-unique one).
    /// </summary>
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Given_the_public_key_figures_and_a_dashboard_When_read_at_a_width_Then_chart_text_is_body_size_and_fits(int width, int height)
    {
        var annemasse = await SeedAsync();
        var violations = new List<string>();
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        var user = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, $"structure:{annemasse.Id}");
        var pages = new[] { "/chiffres/grand-geneve?year=2023", $"/gestion/statistiques?{Year}" };
        var signedIn = false;
        foreach (var url in pages)
        {
            if (url.StartsWith("/gestion", StringComparison.Ordinal) && !signedIn) { await StaffJourney.SignInAndEnrolAsync(page, user); signedIn = true; }
            Assert.Equal(200, (await page.GotoAsync(url))!.Status);
            await Expect(page.Locator(".chart[role=img]").First).ToBeVisibleAsync();
            var report = await page.EvaluateAsync<string[]>("""
                () => {
                  const body = parseFloat(getComputedStyle(document.body).fontSize);
                  const problems = [];
                  for (const el of document.querySelectorAll('.chart .chart-label, .chart .chart-value')) {
                    const size = parseFloat(getComputedStyle(el).fontSize);
                    if (size < body) problems.push(`${el.textContent}: ${size}px < ${body}px`);
                    if (el.scrollWidth > el.clientWidth + 1) problems.push(`${el.textContent}: overflows its box`);
                    const box = el.getBoundingClientRect(), chart = el.closest('.chart').getBoundingClientRect();
                    if (box.left < chart.left - 1 || box.right > chart.right + 1) problems.push(`${el.textContent}: outside its chart`);
                    if (box.left < 0 || box.right > window.innerWidth) problems.push(`${el.textContent}: outside the window`);
                  }
                  for (const el of document.querySelectorAll('.chart text')) problems.push(`${el.textContent}: text inside an SVG scales with it`);
                  return problems;
                }
                """);
            Assert.True(report.Length == 0, $"{url} at {width}px: {string.Join("; ", report)}");
            violations.AddRange(await page.AxeViolationsAsync($"{url} at {width}px"));
        }
        await page.GotoAsync("/chiffres/grand-geneve?year=2023");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Visites à l'accueil", text);
        Assert.Contains("Entretiens avec un conseiller", text);
        Assert.DoesNotContain("Personnes reçues", text);
        Assert.DoesNotContain("Période", text);
        violations.AddRange(await page.AxeViolationsAsync($"key figures at {width}px"));
        Accessibility.AssertNone(violations, pages.Length + 1);
    }
}
