using Maillage.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/lieux")]
    [InlineData("/lieux/grand-geneve/annemasse")]
    [InlineData("/gestion/connexion")]
    [InlineData("/?culture=en")]
    public async Task Given_a_page_When_the_visitor_presses_Tab_Then_the_skip_link_comes_first_and_takes_focus_to_the_main_content(string path)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync(path);

        var skip = page.Locator("a.skip-link");
        await page.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        Assert.Equal("#contenu", await skip.GetAttributeAsync("href"));

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#contenu")).ToBeFocusedAsync();

        // The next Tab lands inside the main content, not back in the header.
        await page.Keyboard.PressAsync("Tab");
        var inMain = await page.EvaluateAsync<bool>("() => document.activeElement !== null && document.querySelector('main').contains(document.activeElement)");
        Assert.True(inMain, $"On {path}, after the skip link the next Tab should reach an element inside <main>.");
    }
}
