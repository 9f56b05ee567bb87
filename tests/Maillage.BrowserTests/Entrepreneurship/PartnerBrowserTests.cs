using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Entrepreneurship.Partners;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Entrepreneurship;

/// <summary>
/// The referral partners' view in Chromium (issue 23 item 4): the manager gives a partner a contact that answers by link,
/// a referral is recorded and e-mailed, and the partner answers on the page of its e-mail's link — clicked through in a
/// browser without JavaScript, checked by axe-core in one with it (axe is a script: it cannot run where script is off) —
/// then the coach confirms the answer and the link only shows it. axe-core on the partners page, the contact page and the
/// answer page at 1280×900 and 390×844, their error states included.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerBrowserTests(BrowserFixture fixture)
{
    // A deadline for the whole journey: every Playwright wait has its own (BrowserFixture), axe-core too (Accessibility).
    [Fact(Timeout = 240_000)]
    public async Task The_manager_sets_a_partner_contact_a_referral_is_emailed_and_the_partner_answers_by_link_with_no_axe_violation()
    {
        var manager = await fixture.App.CreateStaffAsync(StaffRole.EntrepreneurshipManager, "partner:grand-geneve/Maison de l'Economie Développement");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, manager);
        var violations = new List<string>();
        var last = $"Lien-{Guid.NewGuid():N}"[..12];
        var contactEmail = $"{last}@reseau.invalid".ToLowerInvariant();

        // The partners page, then the partner's contact: "answers by link" without a contact is refused beside the fields.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/gestion/citeslab/partenaires");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Partenaires d'orientation");
        violations.AddRange(await page.AxeViolationsAsync("partners, 1280×900"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Réseau Entreprendre — modifier le contact", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Contact de Réseau Entreprendre");
        violations.AddRange(await page.AxeViolationsAsync("partner contact, 1280×900"));
        await page.GetByLabel("Nom du contact").FillAsync("");
        await page.GetByLabel("E-mail du contact").FillAsync("");
        await page.GetByLabel("Répond par lien").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Pour répondre par lien, indiquez le nom du contact.");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Pour répondre par lien, indiquez l'e-mail du contact.");
        await page.SetViewportSizeAsync(390, 844);
        violations.AddRange(await page.AxeViolationsAsync("partner contact refused, 390×844"));
        await page.SetViewportSizeAsync(1280, 900);
        violations.AddRange(await page.AxeViolationsAsync("partner contact refused, 1280×900"));
        await page.GetByLabel("Nom du contact").FillAsync("Rémi Réseau");
        await page.GetByLabel("E-mail du contact").FillAsync(contactEmail);
        await page.GetByLabel("Répond par lien").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Contact de Réseau Entreprendre enregistré.");
        await page.SetViewportSizeAsync(390, 844);
        violations.AddRange(await page.AxeViolationsAsync("partners, 390×844"));
        await page.SetViewportSizeAsync(1280, 900);

        // A holder who agrees to sharing with partners, referred to Réseau Entreprendre: the e-mail goes with the step.
        var record = await HolderJourney.CreateAsync(page, "Inès", last, async form =>
        {
            await form.GetByLabel("Transmission aux partenaires").CheckAsync();
            await form.GetByLabel("Activité").FillAsync("Food truck");
        });
        await page.GotoAsync(record + "/etape?type=referred");
        await page.GetByLabel("Orienté·e vers", new() { Exact = false }).SelectOptionAsync(new SelectOptionValue { Label = "Réseau Entreprendre" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'étape", Exact = true }).ClickAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Envoyée au contact du partenaire par e-mail");

        // The e-mail is in the outbox in the same transaction as the step: read once, no wait needed.
        string text;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            text = await db.Outbox.Where(m => m.Kind == PartnerLinks.Kind && m.To == contactEmail).Select(m => m.TextBody).SingleAsync();
        }
        var link = new Uri(Regex.Match(text, @"https?://\S+/citeslab/orientation/[A-Za-z0-9_-]{43}").Value).AbsolutePath;
        Assert.Contains($"Inès {last}", text);

        // axe-core on the answer page (a script: in a browser with JavaScript), its error state and both sizes. A refused
        // answer saves nothing, so the partner's real answer below is still the first.
        await using (var checker = await fixture.NewSessionAsync())
        {
            var check = checker.Page;
            await check.GotoAsync(link);
            await Expect(check.Locator("h1")).ToHaveTextAsync("Orientation vers Réseau Entreprendre");
            violations.AddRange(await check.AxeViolationsAsync("partner's answer, 1280×900"));
            await check.SetViewportSizeAsync(390, 844);
            violations.AddRange(await check.AxeViolationsAsync("partner's answer, 390×844"));
            await check.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse", Exact = true }).ClickAsync();
            await Expect(check.Locator(".error-summary")).ToContainTextAsync("Choisissez une réponse : prise en charge, refus ou réorientation.");
            violations.AddRange(await check.AxeViolationsAsync("partner's answer refused, 390×844"));
            await check.SetViewportSizeAsync(1280, 900);
            violations.AddRange(await check.AxeViolationsAsync("partner's answer refused, 1280×900"));
        }
        await page.ReloadAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("pas encore de réponse");

        // The partner answers without JavaScript: a redirection without "to whom" is refused (the summary takes the focus
        // by autofocus, the field says why), then the answer is sent and the page says it is recorded.
        await using var partner = await fixture.NewSessionAsync(javaScript: false);
        var answer = partner.Page;
        await answer.GotoAsync(link);
        await Expect(answer.Locator("h1")).ToHaveTextAsync("Orientation vers Réseau Entreprendre");
        await Expect(answer.Locator("dl.facts")).ToContainTextAsync($"Inès {last}");
        await answer.GetByLabel("Réorienté", new() { Exact = true }).CheckAsync();
        await answer.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse", Exact = true }).ClickAsync();
        await Expect(answer.Locator(".error-summary")).ToContainTextAsync("Indiquez vers qui vous réorientez la personne.");
        await Expect(answer.Locator(".error-summary")).ToBeFocusedAsync();
        await Expect(answer.GetByLabel("Réorienté", new() { Exact = true })).ToBeCheckedAsync();
        await answer.GetByLabel("Pris en charge", new() { Exact = true }).CheckAsync();
        await answer.GetByLabel("Commentaire").FillAsync("Premier rendez-vous la semaine prochaine");
        await answer.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse", Exact = true }).ClickAsync();
        await Expect(answer.Locator(".notice-success")).ToContainTextAsync("votre réponse est enregistrée");
        await Expect(answer.GetByLabel("Pris en charge", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(answer.Locator("main")).ToContainTextAsync("Vous avez déjà répondu");

        // The coach sees it on the timeline and confirms it; the link then only shows the answer.
        await page.ReloadAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Premier rendez-vous la semaine prochaine");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Réponse du partenaire par lien");
        violations.AddRange(await page.AxeViolationsAsync("record with the partner's answer, 1280×900"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer la réponse du partenaire", Exact = false }).ClickAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Confirmée le");

        await answer.ReloadAsync();
        await Expect(answer.Locator("main")).ToContainTextAsync("Réponse enregistrée : Pris en charge.");
        await Expect(answer.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse", Exact = true })).ToHaveCountAsync(0);
        await using (var checker = await fixture.NewSessionAsync())
        {
            await checker.Page.GotoAsync(link);
            await Expect(checker.Page.Locator("main")).ToContainTextAsync("Réponse enregistrée : Pris en charge.");
            violations.AddRange(await checker.Page.AxeViolationsAsync("partner's answer confirmed, 1280×900"));
            await checker.Page.SetViewportSizeAsync(390, 844);
            violations.AddRange(await checker.Page.AxeViolationsAsync("partner's answer confirmed, 390×844"));
        }
        Accessibility.AssertNone(violations, 13);
    }
}
