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
/// Issue 22 items 4 and 5 in Chromium: the secretary records a deliberation with the form, follows the session's link to
/// its register extract and downloads its PDF; axe-core finds nothing on the form and on the extract (French and English,
/// desktop and phone), nor on the extract of CS2021-15.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExtractBrowserTests(BrowserFixture fixture)
{
    private async Task<int> SessionWithQuorumAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var cite = await db.Set<Maillage.Network.Cite>().SingleAsync(c => c.Slug == "grand-geneve");
        var body = new Body { CiteId = cite.Id, Kind = BodyKind.TechnicalCommittee, Name = $"Comité {Guid.NewGuid():N}"[..20], NumberPrefix = "CTX", Organisation = "CitésLab genevois", Seat = "2 rue de la Gare, 74100 Annemasse" };
        foreach (var (first, last) in new[] { ("Alice", "Martin"), ("Bruno", "Petit"), ("Chloé", "Durand") })
            body.Members.Add(new BodyMember { CiteId = cite.Id, Civility = first == "Bruno" ? "M." : "Mme", FirstName = first, LastName = last, Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1) });
        db.Add(body);
        await db.SaveChangesAsync();
        var session = new Session { CiteId = cite.Id, BodyId = body.Id, StartsAt = new DateTimeOffset(2026, 3, 12, 16, 30, 0, TimeSpan.Zero), Place = "la salle du conseil", ConvenedOn = new DateOnly(2026, 3, 2), ChairMemberId = body.Members[0].Id };
        session.Attendance.AddRange(body.Members.Select(m => new Attendance { CiteId = cite.Id, MemberId = m.Id, Status = AttendanceStatus.Present }));
        db.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    [Fact]
    public async Task Given_a_session_with_quorum_When_the_secretary_records_a_deliberation_Then_its_extract_is_linked_readable_and_accessible()
    {
        var sessionId = await SessionWithQuorumAsync();
        var admin = await fixture.App.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await StaffJourney.SignInAndEnrolAsync(page, admin);

        await page.GotoAsync($"/gestion/instances/seances/{sessionId}/deliberation");
        await Expect(page.Locator("#quorum-warning")).ToContainTextAsync("Quorum atteint");
        await page.AssertNoAxeViolationsAsync("deliberation form");
        await SessionBrowserTests.ScreenshotsAsync(page, "governance-deliberation-form");
        await page.GetByLabel("Objet").FillAsync("Programme 2026 du CitésLab");
        await page.GetByLabel("Visas, considérants et exposé").FillAsync("Vu la convention CitésLab ;\nConsidérant le bilan 2025 ;");
        await page.GetByLabel("Décisions (articles)").FillAsync("APPROUVE le programme 2026 ;\nAUTORISE la présidente à le signer.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la délibération" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Délibération CTX2026-1 enregistrée.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Extrait du registre CTX2026-1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Extrait du registre — délibération CTX2026-1", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("article.document")).ToContainTextAsync("L'an deux mil vingt-six, le douze mars à dix-sept heures trente le Comité technique, dûment convoqué, s'est réuni à la salle du conseil, sous la présidence d'Alice MARTIN.");
        await Expect(page.Locator("article.document")).ToContainTextAsync("Article 2 : AUTORISE la présidente à le signer.");
        var extract = page.Url;
        var violations = new List<string>();
        foreach (var (culture, width, height) in new[] { ("fr-FR", 1280, 900), ("en", 1024, 690), ("fr-FR", 390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"{extract}?culture={culture}");
            await Expect(page.Locator("article.document")).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"extract {culture} {width}×{height}"));
        }
        Accessibility.AssertNone(violations, 3);

        await page.GotoAsync($"{extract}?culture=fr-FR");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "PDF", Exact = true }).ClickAsync());
        Assert.Equal("extrait-CTX2026-1.pdf", download.SuggestedFilename);
    }

    [Fact]
    public async Task Given_CS2021_15_When_its_extract_is_shown_Then_axe_finds_nothing()
    {
        int id;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            id = await scope.ServiceProvider.GetRequiredService<MaillageDb>().Set<Deliberation>().IgnoreQueryFilters().Where(d => d.Number == "CS2021-15").Select(d => d.Id).SingleAsync();
        var admin = await fixture.App.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await StaffJourney.SignInAndEnrolAsync(page, admin);
        await page.GotoAsync($"/gestion/instances/deliberations/{id}/extrait");
        await Expect(page.Locator("article.document")).ToContainTextAsync("Mme Annick GROSROYAT, suppléante de M. Philippe NOUVELLE");
        await page.AssertNoAxeViolationsAsync("CS2021-15 extract");
        await SessionBrowserTests.ScreenshotsAsync(page, "governance-extract");
    }
}
