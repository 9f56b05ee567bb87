using Maillage.BrowserTests.Infrastructure;
using Maillage.Governance;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Governance;

/// <summary>Issue 22 item 7: the comité syndical's public page and CS2021-15's public extract, without signing in — axe-core (zero violations) in French and English.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicGovernanceBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_a_visitor_When_opening_the_comite_syndical_public_page_Then_CS2021_15_and_its_extract_are_there_with_no_axe_violation()
    {
        int bodyId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            bodyId = await scope.ServiceProvider.GetRequiredService<MaillageDb>().Set<Body>().IgnoreQueryFilters().Where(b => b.Name == ReferenceGovernance.ComiteSyndical).Select(b => b.Id).SingleAsync();
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await page.GotoAsync($"/instances/{bodyId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(ReferenceGovernance.ComiteSyndical);
        await Expect(page.Locator("ul.deliberations")).ToContainTextAsync("CS2021-15");
        await page.AssertNoAxeViolationsAsync("public body");
        await SessionBrowserTests.ScreenshotsAsync(page, "governance-public");

        await page.GetByRole(AriaRole.Link, new() { Name = "Extrait du registre CS2021-15" }).ClickAsync();
        await Expect(page.Locator("article.document")).ToContainTextAsync("Mme Annick GROSROYAT, suppléante de M. Philippe NOUVELLE");
        await page.AssertNoAxeViolationsAsync("public extract");

        await page.GotoAsync($"/instances/{bodyId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("h2").First).ToContainTextAsync("Published deliberations");
        await page.AssertNoAxeViolationsAsync("public body (English)");
    }
}
