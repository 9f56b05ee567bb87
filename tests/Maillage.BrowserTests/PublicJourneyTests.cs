using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PublicJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_a_visitor_on_the_home_page_When_they_follow_places_and_a_place_Then_address_hours_poles_and_map_are_shown()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        var home = await page.GotoAsync("/");
        Assert.True(home is { Ok: true }, $"The home page answered {home?.Status}.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" })
            .GetByRole(AriaRole.Link, new() { Name = "Lieux et horaires", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/lieux$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lieux et horaires");

        await page.GetByRole(AriaRole.Link, new() { Name = "Centre associé d'Annemasse", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/lieux/grand-geneve/annemasse$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Centre associé d'Annemasse");

        var facts = page.Locator("dl.facts");
        await Expect(facts).ToContainTextAsync("11 avenue Émile-Zola");
        await Expect(facts).ToContainTextAsync("74100");

        var hours = page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^Horaires") }); // the week's duties are a table too
        await Expect(hours.Locator("caption")).ToContainTextAsync("Horaires");
        await Expect(hours.Locator("tbody tr")).ToHaveCountAsync(7);
        await Expect(hours.GetByRole(AriaRole.Columnheader, new() { Name = "Horaires habituels" })).ToBeVisibleAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pôles de conseil" })).ToBeVisibleAsync();
        var poles = page.Locator("ul.duty-today > li"); // each pole, with who holds it today (the roster)
        Assert.True(await poles.CountAsync() > 0, "The Annemasse place should list its counselling poles.");

        var map = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("sur OpenStreetMap$") });
        await Expect(map).ToBeVisibleAsync();
        var href = await map.GetAttributeAsync("href");
        Assert.True(href is not null && href.StartsWith("https://www.openstreetmap.org/", StringComparison.Ordinal),
            $"The map link should point to openstreetmap.org, not '{href}'.");
    }
}
