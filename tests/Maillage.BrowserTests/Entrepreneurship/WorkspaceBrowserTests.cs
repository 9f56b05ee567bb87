using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Entrepreneurship;

/// <summary>
/// The coach's workspace (issue 23 item 3) as a CitésLab coach uses it in Chromium: a new holder with her consent, the
/// first interview in the quick-entry form, the timeline — with axe-core at 1280×900 and 390×844.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkspaceBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_coach_creates_a_holder_with_consent_logs_an_interview_and_reads_the_timeline_with_no_axe_violation()
    {
        var coach = await fixture.App.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "structure:grand-geneve/citeslab-saint-georges");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coach);
        var violations = new List<string>();
        var last = $"Essai-{Guid.NewGuid():N}"[..12];

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/gestion/citeslab");
        violations.AddRange(await page.AxeViolationsAsync("workspace, 1280×900"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau porteur de projet", Exact = true }).ClickAsync();

        // Without the consent box ticked, nothing is recorded and the field says why.
        await page.GetByLabel(new Regex("^Prénom")).FillAsync("Awa");
        await page.GetByLabel(new Regex(@"^Nom( \*)?$")).FillAsync(last);
        await page.GetByLabel("Venu·e par", new() { Exact = false }).SelectOptionAsync(new SelectOptionValue { Label = "Événement de l'agenda" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Sans consentement, aucune fiche n'est créée");
        violations.AddRange(await page.AxeViolationsAsync("new holder refused, 1280×900"));

        await page.GetByLabel("La personne a lu ou entendu ce texte et donne son consentement").CheckAsync();
        await page.GetByLabel("Quartier prioritaire (QPV)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync($"Fiche de Awa {last} créée");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Awa {last}");
        violations.AddRange(await page.AxeViolationsAsync("holder page, 1280×900"));

        // The first interview in one short form: the date is today's, the kind the next stage's.
        await page.GetByLabel("Durée (minutes)").FillAsync("45");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Premier entretien à la permanence de Saint-Georges");
        await page.GetByLabel("Prochaine action", new() { Exact = true }).FillAsync("Atelier business plan Rez'Up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'entretien", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("enregistré");
        var timeline = page.Locator("ol.timeline > li");
        await Expect(timeline).ToHaveCountAsync(1);
        await Expect(timeline.First).ToContainTextAsync("Reçu·e en individuel");
        await Expect(timeline.First).ToContainTextAsync("45 min");
        await Expect(page.GetByText("Atelier business plan Rez'Up").First).ToBeVisibleAsync();

        // On a phone: the same pages, and the holder in the received column of the board.
        await page.SetViewportSizeAsync(390, 844);
        violations.AddRange(await page.AxeViolationsAsync("holder page, 390×844"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Corriger", Exact = false }).First.ClickAsync();
        violations.AddRange(await page.AxeViolationsAsync("step correction, 390×844"));
        await page.GotoAsync("/gestion/citeslab?etape=received");
        await Expect(page.Locator(".holder-column a", new() { HasText = last })).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("workspace, 390×844"));
        await page.GotoAsync("/gestion/citeslab/nouveau");
        violations.AddRange(await page.AxeViolationsAsync("new holder, 390×844"));
        Accessibility.AssertNone(violations, 7);
    }
}
