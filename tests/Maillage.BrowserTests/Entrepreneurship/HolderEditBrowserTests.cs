using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Entrepreneurship;

/// <summary>
/// The programme's manager corrects a holder's record in Chromium (issue 23): a field left empty is named, the change
/// saved shows on the record, the holder is given to a coach, and the erasure asks for a confirmation — with axe-core
/// on the edit and erasure pages at 1280×900 and 390×844.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HolderEditBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_manager_edits_a_holder_gives_it_to_a_coach_and_reaches_the_erasure_with_no_axe_violation()
    {
        var manager = await fixture.App.CreateStaffAsync(StaffRole.EntrepreneurshipManager, "partner:grand-geneve/Maison de l'Economie Développement");
        var coach = await fixture.App.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "structure:grand-geneve/citeslab-saint-georges");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, manager);
        var violations = new List<string>();
        var last = $"Edit-{Guid.NewGuid():N}"[..12];

        await page.SetViewportSizeAsync(1280, 900);
        await HolderJourney.CreateAsync(page, "Maëlle", last, form => form.GetByLabel("Contact pour le suivi").CheckAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la fiche, le consentement ou le conseiller" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Modifier la fiche de Maëlle {last}");
        violations.AddRange(await page.AxeViolationsAsync("edit a holder, 1280×900"));

        // A first name left empty: named in the summary and beside the field, nothing saved.
        await page.GetByLabel(new Regex("^Prénom")).FillAsync("");
        await page.GetByLabel(new Regex(@"^Nom( \*)?$")).FillAsync($"{last}-B");
        await page.GetByLabel("Contact pour le suivi").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Indiquez le prénom.");
        violations.AddRange(await page.AxeViolationsAsync("edit refused, 1280×900"));

        await page.GetByLabel(new Regex("^Prénom")).FillAsync("Maëlle");
        await page.GetByLabel("Activité").FillAsync("Céramique");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Fiche corrigée.");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Maëlle {last}-B");
        await Expect(page.Locator(".record-changes")).ToContainTextAsync("Céramique");
        await Expect(page.Locator(".record-changes")).ToContainTextAsync("Contact pour le suivi");

        // The manager gives the holder to a coach of the programme.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(page.Url + "/modifier");
        violations.AddRange(await page.AxeViolationsAsync("edit a holder, 390×844"));
        await page.GetByLabel("Conseiller ou conseillère du programme").SelectOptionAsync(coach.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confier", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("est désormais suivi·e par");

        // The erasure, with its confirmation (not confirmed here: the record stays).
        await page.GetByRole(AriaRole.Link, new() { Name = "Effacer la fiche (retrait du consentement, demande de la personne)" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Effacer la fiche de Maëlle {last}-B");
        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer définitivement", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Cochez la case pour confirmer l'effacement.");
        violations.AddRange(await page.AxeViolationsAsync("erasure refused, 390×844"));
        await page.SetViewportSizeAsync(1280, 900);
        violations.AddRange(await page.AxeViolationsAsync("erasure, 1280×900"));
        Accessibility.AssertNone(violations, 5);
    }
}
