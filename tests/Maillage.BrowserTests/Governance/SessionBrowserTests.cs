using Maillage.BrowserTests.Infrastructure;
using Maillage.Governance;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Governance;

/// <summary>Issue 22 item 2: the administrator records a session's attendance in Chromium, sees the quorum recomputed, a refused proxy beside its field; axe-core on every page (zero violations).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionBrowserTests(BrowserFixture fixture)
{
    private async Task<(int SessionId, int ReferenceSessionId)> SessionsAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var cite = await db.Set<Maillage.Network.Cite>().SingleAsync(c => c.Slug == "grand-geneve");
        var body = new Body { CiteId = cite.Id, Kind = BodyKind.TechnicalCommittee, Name = $"Comité {Guid.NewGuid():N}"[..20], NumberPrefix = "CT" };
        foreach (var (first, last) in new[] { ("Alice", "Martin"), ("Bruno", "Petit"), ("Chloé", "Durand"), ("David", "Leroy") })
            body.Members.Add(new BodyMember { CiteId = cite.Id, Civility = first == "Alice" || first == "Chloé" ? "Mme" : "M.", FirstName = first, LastName = last, Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1) });
        db.Add(body);
        await db.SaveChangesAsync();
        var session = new Session { CiteId = cite.Id, BodyId = body.Id, StartsAt = new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.Zero), Place = "Annemasse", ConvenedOn = new DateOnly(2026, 3, 2) };
        db.Add(session);
        await db.SaveChangesAsync();
        var reference = await db.Set<Session>().IgnoreQueryFilters().Where(s => db.Set<Body>().IgnoreQueryFilters().Any(b => b.Id == s.BodyId && b.Name == ReferenceGovernance.ComiteSyndical)).Select(s => s.Id).SingleAsync();
        return (session.Id, reference);
    }

    internal static async Task ScreenshotsAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("MAILLAGE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        foreach (var (w, h) in new[] { (1280, 900), (1024, 690), (390, 844) })
        {
            await page.SetViewportSizeAsync(w, h);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{w}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task Given_the_administrator_When_recording_attendance_Then_the_quorum_follows_and_a_proxy_to_an_absent_member_is_refused()
    {
        var (sessionId, referenceId) = await SessionsAsync();
        var admin = await fixture.App.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await StaffJourney.SignInAndEnrolAsync(page, admin);

        await page.GotoAsync("/gestion/instances");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = ReferenceGovernance.ComiteSyndical })).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("bodies");
        await ScreenshotsAsync(page, "governance-bodies");

        await page.GotoAsync($"/gestion/instances/seances/{referenceId}");
        await Expect(page.Locator("#quorum")).ToContainTextAsync("Quorum atteint : 31 membres comptés pour 23 requis.");
        await page.AssertNoAxeViolationsAsync("seed 002 session");
        await ScreenshotsAsync(page, "governance-session");

        await page.GotoAsync($"/gestion/instances/seances/{sessionId}");
        await Expect(page.Locator("#quorum")).ToContainTextAsync("Quorum non atteint");
        await page.GetByLabel("Présence de Mme Alice MARTIN").SelectOptionAsync("Present");
        await page.GetByLabel("Présence de M. Bruno PETIT").SelectOptionAsync("Represented");
        await page.GetByLabel("Pouvoir de M. Bruno PETIT donné à").SelectOptionAsync(new SelectOptionValue { Label = "Mme Chloé DURAND" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les présences" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Pouvoir refusé : Mme Chloé DURAND n'est pas présent à la séance");
        await page.AssertNoAxeViolationsAsync("attendance refused");
        await ScreenshotsAsync(page, "governance-attendance-error");

        await page.GetByLabel("Présence de Mme Chloé DURAND").SelectOptionAsync("Present");
        await page.GetByLabel("Présence de M. David LEROY").SelectOptionAsync("Excused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les présences" }).ClickAsync();
        await Expect(page.Locator("#quorum")).ToContainTextAsync("Quorum non atteint : 2 membres comptés pour 3 requis ; il en manque 1.");
        await page.GetByLabel("Présence de M. David LEROY").SelectOptionAsync("Present");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les présences" }).ClickAsync();
        await Expect(page.Locator("#quorum")).ToContainTextAsync("Quorum atteint : 3 membres comptés pour 3 requis.");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Présences enregistrées : 3 présents, 1 pouvoirs");
        await page.AssertNoAxeViolationsAsync("attendance saved");
    }
}
