using Maillage.BrowserTests.Infrastructure;
using Maillage.Governance;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Governance;

/// <summary>
/// Issue 22 item 7: from the Cité's section of the home page, a visitor reaches the public page of its comité syndical
/// (the record-panel seam: Network shows what Governance contributes) — axe-core (zero violations) in French and English.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GovernancePanelsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_a_visitor_on_the_home_page_When_following_the_Cite_s_body_link_Then_the_body_s_public_page_opens_with_no_axe_violation()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await page.GotoAsync("/");
        var geneva = page.Locator("section[aria-labelledby='cite-grand-geneve']");
        await Expect(geneva.GetByRole(AriaRole.Heading, new() { Name = "Instances et délibérations publiées" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("home page with the Cité's bodies");

        await geneva.GetByRole(AriaRole.Link, new() { Name = ReferenceGovernance.ComiteSyndical }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(ReferenceGovernance.ComiteSyndical);
        await Expect(page.Locator("ul.deliberations")).ToContainTextAsync("CS2021-15");
        await page.AssertNoAxeViolationsAsync("public body reached from the home page");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("section[aria-labelledby='cite-grand-geneve']").GetByRole(AriaRole.Heading, new() { Name = "Bodies and published deliberations" })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("home page with the Cité's bodies (English)");
    }
}
