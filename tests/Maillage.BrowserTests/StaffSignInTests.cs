using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class StaffSignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_two_factor_required_When_staff_sign_in_enrol_and_sign_in_again_Then_the_code_opens_the_dashboard()
    {
        var user = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        // First sign-in: the password is right, but no authenticator yet, so the back office sends to enrolment.
        await StaffJourney.SubmitSignInAsync(page, user);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(StaffJourney.EnrolPath) + "$"));
        await Expect(page.Locator(".notice-warning")).ToContainTextAsync("exige la double authentification");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Code QR d'enrôlement ; la clé est donnée en texte ci-dessous" })).ToBeVisibleAsync();

        // A wrong code is refused with an error summary linked to the field.
        await page.GetByLabel("Code de vérification", new() { Exact = true }).FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Ce code n'est pas valide");

        var key = await StaffJourney.EnrolAsync(page);
        var recovery = await page.Locator(".notice-success li code").AllInnerTextsAsync();
        Assert.True(recovery.Count == 10 && recovery.All(c => c.Length >= 8), $"Expected 10 recovery codes, got: {string.Join(", ", recovery)}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Continuer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Espace professionnel");

        // Sign out from the back-office menu.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        var afterSignOut = await page.GotoAsync("/gestion");
        Assert.True(afterSignOut is not null && new Uri(afterSignOut.Url).AbsolutePath == "/gestion/connexion",
            $"After signing out, /gestion should lead to the sign-in page, not {afterSignOut?.Url}.");

        // Second sign-in: the password leads to the code page; the authenticator's current code opens the dashboard.
        await StaffJourney.SubmitSignInAsync(page, user);
        await Expect(page).ToHaveURLAsync(new Regex("/gestion/connexion/code"));
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(StaffJourney.CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/gestion$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Espace professionnel");
        await Expect(page.Locator("main")).ToContainTextAsync(StaffRole.Coordinator.Describe().Fr);
    }
}
