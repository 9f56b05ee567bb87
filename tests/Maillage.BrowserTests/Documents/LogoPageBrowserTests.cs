using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Identity;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Documents;

/// <summary>
/// Issue 21, the Cité's logo on documents: the administrator's upload page in Chromium — axe-core finds nothing empty,
/// refused (its error summary) and with a logo, in French and in English, on a desktop and a phone; the file refused says
/// why at its field; the logo accepted shows with its text alternative. The logo is removed at the end (shared database).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LogoPageBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_an_administrator_When_uploading_the_Cites_logo_Then_the_page_has_no_WCAG_21_AA_violation_and_says_what_it_did()
    {
        var user = await fixture.App.CreateStaffAsync(StaffRole.Administrator, "cite:marseille-paca");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, user);
        var violations = new List<string>();

        foreach (var (culture, width, height) in new[] { ("fr-FR", 1280, 900), ("en", 1280, 900), ("fr-FR", 390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/gestion/cites/logo?culture={culture}");
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"empty {culture} {width}×{height}"));
        }
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/gestion/cites/logo?culture=fr-FR");

        // A text file named .png: refused at its field.
        await page.Locator("#Upload").SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "pas une image"u8.ToArray() });
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Enregistrer le logo" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("n'est pas une image PNG ou JPEG");
        violations.AddRange(await page.AxeViolationsAsync("refused"));

        // A PNG: saved and shown, with its text alternative.
        await page.Locator("#Upload").SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Maillage.Network.Logos.DemoLogos.Draw("browser") });
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Enregistrer le logo" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("enregistré");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Img, new() { Name = "Logo de Cité des métiers de Marseille" })).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("with a logo"));
        Accessibility.AssertNone(violations, 5);

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Retirer le logo") }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("retiré");
    }
}
