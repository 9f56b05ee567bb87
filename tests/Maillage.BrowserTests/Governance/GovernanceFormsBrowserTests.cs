using Maillage.BrowserTests.Infrastructure;
using Maillage.Governance;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Maillage.Platform.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Governance;

/// <summary>Issue 22 item 1: a coordinator creates a body, adds its members and schedules a session in Chromium, with field messages for bad input; axe-core on every form (zero violations).</summary>
[Collection(BrowserCollection.Name)]
public sealed class GovernanceFormsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_the_coordinator_When_creating_a_body_its_members_and_a_session_Then_each_form_saves_and_bad_input_is_named()
    {
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);
        var name = $"Comité technique {Guid.NewGuid():N}"[..26];

        await page.GotoAsync("/gestion/instances");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle instance" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("new body");
        await SessionBrowserTests.ScreenshotsAsync(page, "governance-body-form");
        await page.Locator("#Input_Kind").SelectOptionAsync("TechnicalCommittee");
        await page.Locator("#Input_Name").FillAsync(name);
        await page.Locator("#Input_NumberPrefix").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'instance" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Le préfixe des numéros de délibération est fait de 1 à 12 lettres");
        await page.AssertNoAxeViolationsAsync("body refused");
        await page.Locator("#Input_NumberPrefix").FillAsync("CT");
        await page.Locator("#Input_ExpectedSessionsPerYear").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'instance" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Instance enregistrée.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("body page");

        foreach (var (first, last) in new[] { ("Alice", "Martin"), ("Bruno", "Petit") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un membre" }).ClickAsync();
            await page.Locator("#Input_FirstName").FillAsync(first);
            await page.Locator("#Input_LastName").FillAsync(last);
            await page.Locator("#Input_From").FillAsync("2026-01-01");
            await page.Locator("#Input_To").FillAsync(last == "Petit" ? "2025-12-31" : "");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le membre" }).ClickAsync();
            if (last == "Petit")
            {
                await Expect(page.Locator(".error-summary")).ToContainTextAsync("La fin du mandat ne précède pas son début.");
                await page.AssertNoAxeViolationsAsync("member refused");
                await SessionBrowserTests.ScreenshotsAsync(page, "governance-member-error");
                await page.Locator("#Input_To").FillAsync("2028-12-31");
                await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le membre" }).ClickAsync();
            }
            await Expect(page.Locator("[role=status]")).ToContainTextAsync($"Membre {first} {last.ToUpperInvariant()} enregistré.");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Programmer une séance" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync("new session");
        await page.Locator("#Input_Date").FillAsync("2026-06-10");
        await page.Locator("#Input_Time").FillAsync("14:30");
        await page.Locator("#Input_Place").FillAsync("Annemasse");
        await page.Locator("#Input_ConvenedOn").FillAsync("2026-06-12");
        await page.Locator("#Input_Agenda").FillAsync("Bilan du semestre\nProgramme | https://example.org/programme.pdf");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la séance" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("La convocation précède la séance");
        await page.AssertNoAxeViolationsAsync("session refused");
        await SessionBrowserTests.ScreenshotsAsync(page, "governance-session-form-error");
        await page.Locator("#Input_ConvenedOn").FillAsync("2026-06-08");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la séance" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Séance enregistrée.");
        await Expect(page.Locator("#delay-warning")).ToContainTextAsync("Convocation envoyée 2 jours avant la séance");
        await Expect(page.Locator("#quorum")).ToContainTextAsync("Quorum non atteint : 0 membre compté pour 2 requis");
        await page.AssertNoAxeViolationsAsync("scheduled session");

        // The convocation (item 3): sent from the session's page, its personal link opened by the member, no account.
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la convocation" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Aucune convocation envoyée : aucun membre en exercice n'a d'adresse électronique.");
        await page.AssertNoAxeViolationsAsync("convocation sent");
    }

    [Fact]
    public async Task Given_a_convocation_link_Then_the_member_page_has_no_axe_violation()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var cite = await db.Set<Maillage.Network.Cite>().SingleAsync(c => c.Slug == "grand-geneve");
        var body = new Body { CiteId = cite.Id, Kind = BodyKind.TechnicalCommittee, Name = $"Comité {Guid.NewGuid():N}"[..20], NumberPrefix = "CT" };
        body.Members.Add(new BodyMember { CiteId = cite.Id, Civility = "Mme", FirstName = "Alice", LastName = "Martin", Email = "alice@example.org", Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1) });
        db.Add(body);
        await db.SaveChangesAsync();
        var session = new Session { CiteId = cite.Id, BodyId = body.Id, StartsAt = new DateTimeOffset(2030, 9, 10, 16, 0, 0, TimeSpan.Zero), Videoconference = true, VideoLink = "https://visio.example.org/ct" };
        session.Agenda.Add(new AgendaItem { CiteId = cite.Id, Position = 1, Title = "Bilan", DocumentUrl = "https://example.org/bilan.pdf" });
        db.Add(session);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<Convocations>().SendAsync(session, body, CancellationToken.None);
        var text = await db.Outbox.Where(m => m.Subject == $"governance-session:{session.Id}:0").Select(m => m.TextBody).SingleAsync();
        var token = System.Text.RegularExpressions.Regex.Match(text, @"/instances/convocation/([A-Za-z0-9_-]{43})").Groups[1].Value;
        await using var browser = await fixture.NewSessionAsync();
        await browser.Page.GotoAsync($"/instances/convocation/{token}");
        await Expect(browser.Page.Locator("[role=status]")).ToContainTextAsync("la réception de votre convocation est enregistrée");
        await browser.Page.AssertNoAxeViolationsAsync("convocation link");
    }
}
