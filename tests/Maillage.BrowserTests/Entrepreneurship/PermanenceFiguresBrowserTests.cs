using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Entrepreneurship;

/// <summary>
/// A coach records a permanence day held and reads the programme's figures in Chromium (issue 23 item 5): the day
/// recorded twice is refused beside the field — with axe-core on both pages at 1280×900 and 390×844.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PermanenceFiguresBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_coach_records_a_permanence_day_and_reads_the_programmes_figures_with_no_axe_violation()
    {
        var coach = await fixture.App.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "structure:grand-geneve/citeslab-saint-georges");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coach);
        var violations = new List<string>();

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/gestion/citeslab");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jours de permanence", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Jours de permanence");
        violations.AddRange(await page.AxeViolationsAsync("permanence days, 1280×900"));

        await page.GetByLabel("Note (facultatif)").FillAsync("Permanence tenue au centre social");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le jour", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("enregistré");
        await Expect(page.Locator("table")).ToContainTextAsync("Permanence tenue au centre social");
        violations.AddRange(await page.AxeViolationsAsync("permanence day recorded, 1280×900"));

        // The same day again: refused beside the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le jour", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("est déjà enregistré");
        await page.SetViewportSizeAsync(390, 844);
        violations.AddRange(await page.AxeViolationsAsync("permanence day refused, 390×844"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Voir les chiffres du programme" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Chiffres du programme en");
        await Expect(page.Locator("tr[data-indicator='programme.permanence-days']")).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("programme figures, 390×844"));
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByLabel("Année", new() { Exact = true }).FillAsync("2022");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Chiffres du programme en 2022");
        violations.AddRange(await page.AxeViolationsAsync("programme figures 2022, 1280×900"));
        Accessibility.AssertNone(violations, 5);
    }
}
