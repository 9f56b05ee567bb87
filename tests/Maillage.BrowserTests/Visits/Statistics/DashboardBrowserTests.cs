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
            await Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
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
            await Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"{language}, key figures"));
            checkedPages++;
        }
        output.WriteLine($"Dashboards ({language}): {checkedPages} page states checked.");
        Accessibility.AssertNone(violations, checkedPages);
    }
}
