using Maillage.BrowserTests.Infrastructure;
using Maillage.Governance;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Governance;

/// <summary>Issue 22 item 6: the secretary writes the minutes, adds an action item (overdue, marked), approves the minutes at the next session and sees them locked — axe-core on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MinutesBrowserTests(BrowserFixture fixture)
{
    private async Task<(int BodyId, int SessionId)> BodyAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var cite = await db.Set<Maillage.Network.Cite>().SingleAsync(c => c.Slug == "grand-geneve");
        var body = new Body { CiteId = cite.Id, Kind = BodyKind.TechnicalCommittee, Name = $"Comité {Guid.NewGuid():N}"[..20], NumberPrefix = "CT" };
        body.Members.Add(new BodyMember { CiteId = cite.Id, Civility = "Mme", FirstName = "Alice", LastName = "Martin", Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1) });
        body.Members.Add(new BodyMember { CiteId = cite.Id, Civility = "M.", FirstName = "Bruno", LastName = "Petit", Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1) });
        db.Add(body);
        await db.SaveChangesAsync();
        var first = new Session { CiteId = cite.Id, BodyId = body.Id, StartsAt = new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.Zero), Place = "Annemasse" };
        db.Add(first);
        db.Add(new Session { CiteId = cite.Id, BodyId = body.Id, StartsAt = new DateTimeOffset(2026, 6, 15, 16, 0, 0, TimeSpan.Zero), Place = "Annemasse" });
        await db.SaveChangesAsync();
        return (body.Id, first.Id);
    }

    [Fact]
    public async Task Given_the_coordinator_When_writing_approving_minutes_and_following_an_action_Then_the_minutes_lock_and_the_overdue_action_is_marked()
    {
        var (bodyId, sessionId) = await BodyAsync();
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);

        await page.GotoAsync($"/gestion/instances/seances/{sessionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Compte rendu de la séance et actions décidées" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le compte rendu" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Le texte du compte rendu est obligatoire.");
        await page.AssertNoAxeViolationsAsync("minutes refused");
        await page.GetByLabel("Forme").SelectOptionAsync("Conclusions");
        await page.Locator("#Input_Text").FillAsync("Le comité valide le plan d'action 2026.\nLa prochaine séance examinera le bilan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le compte rendu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Compte rendu enregistré.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une action" }).ClickAsync();
        await page.Locator("#Input_Title").FillAsync("Envoyer le bilan aux financeurs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'action" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Qui s'en charge ?");
        await page.AssertNoAxeViolationsAsync("action refused");
        await page.GetByLabel("Responsable (membre)").SelectOptionAsync(new SelectOptionValue { Label = "Mme Alice MARTIN" });
        await page.Locator("#Input_DueOn").FillAsync("2026-04-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'action" }).ClickAsync();
        await Expect(page.Locator("table.action-items")).ToContainTextAsync("En retard");
        await page.AssertNoAxeViolationsAsync("minutes with an action");

        await page.GetByLabel("Approuvé lors de la séance du").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'approbation" }).ClickAsync();
        await Expect(page.Locator("#minutes-locked")).ToContainTextAsync("Approuvé lors de la séance du 15 juin 2026 : le compte rendu est verrouillé.");
        await Expect(page.Locator("#Input_Text")).ToHaveCountAsync(0);
        await page.AssertNoAxeViolationsAsync("minutes locked");
        await SessionBrowserTests.ScreenshotsAsync(page, "governance-minutes");

        await page.GotoAsync($"/gestion/instances/{bodyId}/actions");
        await Expect(page.Locator("#actions-summary")).ToContainTextAsync("1 action(s) en cours, dont 1 en retard.");
        await page.AssertNoAxeViolationsAsync("action items");
        await SessionBrowserTests.ScreenshotsAsync(page, "governance-actions");
    }
}
