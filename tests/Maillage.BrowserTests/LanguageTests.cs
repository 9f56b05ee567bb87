using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_a_French_page_When_the_visitor_chooses_English_Then_this_page_and_the_next_ones_are_in_English()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("des conseils pour votre avenir professionnel");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Langue" }).GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cités des métiers: career advice, no appointment needed");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true })).ToHaveAttributeAsync("aria-current", "true");

        // The next page is opened by a plain link without ?culture=: the cookie keeps English.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Places and hours", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/lieux$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Places and opening hours");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true })).ToBeVisibleAsync();

        // And back to French.
        await page.GetByRole(AriaRole.Link, new() { Name = "Français", Exact = true }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lieux et horaires");
    }

    [Fact]
    public async Task Given_an_unknown_language_in_the_address_When_the_page_opens_Then_it_says_so_and_stays_in_French()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        var response = await page.GotoAsync("/lieux?culture=xx");
        Assert.True(response is { Ok: true }, $"/lieux?culture=xx answered {response?.Status}.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        var notice = page.Locator("main .notice-warning[role=status]");
        await Expect(notice).ToContainTextAsync("La langue « xx » n'est pas disponible");
        await Expect(notice).ToContainTextAsync("Langues proposées : français, anglais.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lieux et horaires");
    }
}
