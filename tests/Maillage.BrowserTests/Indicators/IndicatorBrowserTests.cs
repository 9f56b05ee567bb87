using Maillage.Agenda;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Indicators;

/// <summary>The indicators page (issue 21, item 8) as a coordinator uses it, in Chromium with axe-core.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IndicatorBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_a_coordinator_Then_the_indicators_page_filters_by_territory_shows_definitions_and_has_no_axe_violation()
    {
        int ccg;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            var cite = await db.Cites.SingleAsync(c => c.Slug == "grand-geneve");
            var relay = await db.Structures.SingleAsync(s => s.CiteId == cite.Id && s.Slug == "saint-julien-en-genevois");
            ccg = await db.Territories.Where(t => t.CiteId == cite.Id && t.Name == "Communauté de Communes du Genevois").Select(t => t.Id).SingleAsync();
            var annemasse = await db.Structures.SingleAsync(s => s.CiteId == cite.Id && s.Slug == "annemasse");
            var at = new DateTimeOffset(2019, 5, 14, 8, 0, 0, TimeSpan.Zero);
            foreach (var (structure, type) in new[] { (relay, EventType.Forum), (annemasse, EventType.Forum), (annemasse, EventType.Workshop) })
                db.Events.Add(new AgendaEvent
                {
                    CiteId = cite.Id, StructureId = structure.Id, Title = $"Indicateurs 2019 {type}", Type = type, Status = EventStatus.Published,
                    StartsAt = at, EndsAt = at.AddHours(3), Capacity = 20, RegistrationMode = RegistrationMode.Open, CreatedAt = at.AddDays(-30), PublishedAt = at.AddDays(-30),
                });
            await db.SaveChangesAsync();
        }
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);
        var violations = new List<string>();

        await page.GotoAsync("/gestion/indicateurs?from=2019-01-01&to=2019-12-31");
        var forums = page.Locator("table.indicator-table tbody tr", new() { Has = page.Locator("code", new() { HasTextString = "agenda.forums" }) });
        await Expect(forums.Locator("td").First).ToHaveTextAsync("2");
        var select = await page.Locator("#territory").InnerHTMLAsync();
        Assert.True(select.Contains($"value=\"{ccg}\""), select);
        await page.GetByLabel("Territoire", new() { Exact = true }).SelectOptionAsync(ccg.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher", Exact = true }).ClickAsync();
        await Expect(forums.Locator("td").First).ToHaveTextAsync("1");
        await Expect(page.Locator("caption")).ToContainTextAsync("Communauté de Communes du Genevois");
        var definition = forums.Locator("details");
        await definition.Locator("summary").ClickAsync();
        await Expect(definition.Locator("p").First).ToContainTextAsync("forum");

        foreach (var (width, height) in new[] { (1280, 900), (1024, 690), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            violations.AddRange(await page.AxeViolationsAsync($"indicators, {width}×{height}"));
            if (Environment.GetEnvironmentVariable("MAILLAGE_SCREENSHOTS") is { Length: > 0 } dir)
                await page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"indicators-{width}.png"), FullPage = true });
        }

        // A period that ends before it starts: the message beside the field, and no table.
        await page.GotoAsync("/gestion/indicateurs?from=2019-12-31&to=2019-01-01");
        await Expect(page.Locator(".error-summary, [role=alert]").First).ToContainTextAsync("La fin de la période précède son début.");
        await Expect(page.Locator("table.indicator-table")).ToHaveCountAsync(0);
        violations.AddRange(await page.AxeViolationsAsync("indicators, refused period"));
        Assert.Empty(violations);
    }
}
