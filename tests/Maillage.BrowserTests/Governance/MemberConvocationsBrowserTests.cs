using Maillage.BrowserTests.Infrastructure;
using Maillage.Governance;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Governance;

/// <summary>
/// Issue 22 item 8: the coordinator links a member to a counsellor's staff account and sends the convocation; the
/// counsellor finds « Mes convocations » in the menu, opens the session (receipt recorded) — axe-core on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberConvocationsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_a_member_who_is_a_staff_user_When_convened_Then_they_open_the_session_from_their_menu_and_receipt_is_recorded()
    {
        int bodyId, memberId, sessionId;
        string bodyName = $"Comité {Guid.NewGuid():N}"[..20];
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            var cite = await db.Set<Maillage.Network.Cite>().SingleAsync(c => c.Slug == "grand-geneve");
            var body = new Body { CiteId = cite.Id, Kind = BodyKind.TechnicalCommittee, Name = bodyName, NumberPrefix = "CT" };
            body.Members.Add(new BodyMember { CiteId = cite.Id, Civility = "Mme", FirstName = "Alice", LastName = "Martin", Email = "alice.martin@example.org", Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1) });
            body.Members.Add(new BodyMember { CiteId = cite.Id, Civility = "M.", FirstName = "Bruno", LastName = "Petit", Email = "bruno.petit@example.org", Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1) });
            db.Add(body);
            await db.SaveChangesAsync();
            var session = new Session { CiteId = cite.Id, BodyId = body.Id, StartsAt = DateTimeOffset.UtcNow.AddDays(21), Place = "Annemasse, salle du conseil" };
            session.Agenda.Add(new AgendaItem { CiteId = cite.Id, Position = 1, Title = "Bilan de l'année", DocumentUrl = "https://docs.example.org/bilan.pdf" });
            db.Add(session);
            await db.SaveChangesAsync();
            (bodyId, memberId, sessionId) = (body.Id, body.Members.First(m => m.LastName == "Martin").Id, session.Id);
        }
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var counsellor = await fixture.App.CreateStaffAsync(StaffRole.Counsellor, "structure:grand-geneve/annemasse");

        await using (var browser = await fixture.NewSessionAsync())
        {
            var page = browser.Page;
            await StaffJourney.SignInAndEnrolAsync(page, coordinator);
            await page.GotoAsync($"/gestion/instances/{bodyId}/membres/modifier/{memberId}");
            await page.GetByLabel("Compte du personnel").SelectOptionAsync(counsellor.Id);
            await page.AssertNoAxeViolationsAsync("member form with a staff account");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le membre" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Membre Mme Alice MARTIN enregistré.");
            await page.GotoAsync($"/gestion/instances/seances/{sessionId}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la convocation" }).ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("2 membre(s) convoqué(s) par courriel, 0 accusé(s) de réception.");
        }

        await using (var browser = await fixture.NewSessionAsync())
        {
            var page = browser.Page;
            await StaffJourney.SignInAndEnrolAsync(page, counsellor);
            await page.GotoAsync("/gestion");
            await page.Locator("nav.main-nav").GetByRole(AriaRole.Link, new() { Name = "Mes convocations" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mes convocations", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("#coming")).ToContainTextAsync(bodyName);
            await Expect(page.Locator("#coming .badge")).ToHaveTextAsync("Non lue");
            await page.AssertNoAxeViolationsAsync("my convocations");
            await page.Locator("#coming a").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Mme Alice MARTIN, la réception de votre convocation est enregistrée.");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "documents du point 1" })).ToHaveAttributeAsync("href", "https://docs.example.org/bilan.pdf");
            await Expect(page.Locator("main")).Not.ToContainTextAsync("bruno.petit@example.org");
            await page.AssertNoAxeViolationsAsync("my convocation");
            await SessionBrowserTests.ScreenshotsAsync(page, "governance-my-convocation");
            await page.GetByRole(AriaRole.Link, new() { Name = "Mes convocations" }).First.ClickAsync();
            await Expect(page.Locator("#coming .badge")).ToHaveTextAsync("Reçue");
        }
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            Assert.Equal(1, await db.Set<Convocation>().IgnoreQueryFilters().CountAsync(c => c.SessionId == sessionId && c.OpenedAt != null));
        }
    }
}
