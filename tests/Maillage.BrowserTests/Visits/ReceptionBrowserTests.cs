using Maillage.Visits;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Visits;

[Collection(BrowserCollection.Name)]
public sealed class ReceptionBrowserTests(BrowserFixture fixture)
{
    private async Task<T> DbAsync<T>(Func<MaillageDb, Task<T>> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MaillageDb>());
    }

    private Task<Structure> StructureAsync(string slug) =>
        DbAsync(db => db.Structures.IgnoreQueryFilters().FirstAsync(s => s.Slug == slug));

    private Task<int> VisitsAtAsync(int structureId) => DbAsync(db => db.Visits.IgnoreQueryFilters().CountAsync(v => v.StructureId == structureId));

    private Task WaitForVisitsAsync(int structureId, int expected) =>
        Poll.UntilAsync(() => VisitsAtAsync(structureId), count => count == expected, $"{expected} visit(s) recorded at structure {structureId}");

    private async Task<(BrowserSession Session, Structure SaintJulien)> ReceptionAsync()
    {
        var saintJulien = await StructureAsync("saint-julien-en-genevois");
        var agent = await fixture.App.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{saintJulien.Id}");
        var session = await fixture.NewSessionAsync();
        await StaffJourney.SignInAndEnrolAsync(session.Page, agent);
        await session.Page.GotoAsync($"/gestion/accueil/{saintJulien.Id}");
        return (session, saintJulien);
    }

    /// <summary>The page's posts of its queue to the visits API: started, failed (e.g. offline), answered.</summary>
    private sealed class VisitSends
    {
        private int _started, _failed, _answered;
        public int Started => Volatile.Read(ref _started);
        public int Failed => Volatile.Read(ref _failed);
        public int Answered => Volatile.Read(ref _answered);
        public bool Settled => Started == Failed + Answered;

        public static VisitSends Watch(IPage page)
        {
            var sends = new VisitSends();
            static bool IsSend(IRequest r) => r.Method == "POST" && new Uri(r.Url).AbsolutePath == "/api/v1/visits";
            page.Request += (_, r) => { if (IsSend(r)) Interlocked.Increment(ref sends._started); };
            page.RequestFailed += (_, r) => { if (IsSend(r)) Interlocked.Increment(ref sends._failed); };
            page.RequestFinished += (_, r) => { if (IsSend(r)) Interlocked.Increment(ref sends._answered); };
            return sends;
        }

        public override string ToString() => $"{Started} started, {Failed} failed, {Answered} answered";
    }

    private static ILocator Tile(IPage page, string field, int index) => page.Locator($"label[for='Input_{field}_{index}']");

    [Fact]
    public async Task Given_the_reception_agent_of_Saint_Julien_Then_a_common_visit_takes_three_taps_or_three_keys_under_ten_seconds()
    {
        var (session, saintJulien) = await ReceptionAsync();
        await using var _ = session;
        var page = session.Page;
        await page.AssertNoAxeViolationsAsync();
        var before = await VisitsAtAsync(saintJulien.Id);

        var watch = Stopwatch.StartNew();
        await Tile(page, "PublicStatus", 3).ClickAsync();                                             // 1: job seeker
        await Tile(page, "AgeBracket", 2).ClickAsync();                                               // 2: 26-44
        await page.GetByRole(AriaRole.Button, new() { Name = "Femme", Exact = true }).ClickAsync();    // 3: records
        await Expect(page.Locator("[data-count=visits]")).ToHaveTextAsync("1");
        await WaitForVisitsAsync(saintJulien.Id, before + 1);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Three taps took {watch.Elapsed}.");

        watch.Restart();
        await page.Keyboard.PressAsync("2");   // student
        await page.Keyboard.PressAsync("b");   // 16-25
        await page.Keyboard.PressAsync("h");   // man: records
        await WaitForVisitsAsync(saintJulien.Id, before + 2);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Three keys took {watch.Elapsed}.");

        var last = await DbAsync(db => db.Visits.IgnoreQueryFilters().Where(v => v.StructureId == saintJulien.Id).OrderByDescending(v => v.Id).FirstAsync());
        Assert.Equal(Maillage.Visits.Categories.PublicStatus.Student, last.PublicStatus);
        Assert.Equal(Maillage.Visits.Categories.Gender.Male, last.Gender);
        await Expect(page.Locator("[data-last-entries] li")).ToHaveCountAsync(2);
        // Each entry reads as the tiles did, in the page's language (not "male" / "female").
        await Expect(page.Locator("[data-last-entries] li").First).ToContainTextAsync("Étudiant·e · 16 – 25 ans · Homme");
        await page.AssertNoAxeViolationsAsync("after two entries");

        // Undo the last entry from the list.
        await page.Locator("[data-last-entries] li").First.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Expect(page.Locator(".today-notice")).ToContainTextAsync("Saisie annulée");
        await WaitForVisitsAsync(saintJulien.Id, before + 1);
    }

    [Fact]
    public async Task Given_a_broken_connection_When_three_visits_are_logged_Then_they_wait_and_arrive_once_when_it_returns()
    {
        var (session, saintJulien) = await ReceptionAsync();
        await using var _ = session;
        var page = session.Page;
        var before = await VisitsAtAsync(saintJulien.Id);

        var sends = VisitSends.Watch(page);
        await session.Context.SetOfflineAsync(true);
        for (var i = 0; i < 3; i++)
        {
            await Tile(page, "PublicStatus", i).ClickAsync();
            await Tile(page, "AgeBracket", i).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Non précisé", Exact = true }).ClickAsync();
        }
        await Expect(page.Locator("[data-queue-status]")).ToContainTextAsync("3 en attente");
        // The page did try to send, and every attempt failed: only then does "nothing arrived" say something.
        await Poll.UntilAsync(() => sends.Failed >= 1 && sends.Settled, $"a failed attempt to send the queue ({sends})");
        Assert.Equal(0, sends.Answered);
        Assert.Equal(before, await VisitsAtAsync(saintJulien.Id));

        await session.Context.SetOfflineAsync(false);
        await WaitForVisitsAsync(saintJulien.Id, before + 3);
        await Expect(page.Locator("[data-queue-status]")).ToHaveTextAsync("");

        // A reload resends nothing more: once the reloaded page's network has gone quiet (its script has run and
        // flushed its empty queue), no visit was posted since, and exactly three are recorded.
        var afterReload = VisitSends.Watch(page);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.Locator("[data-queue-status]")).ToHaveTextAsync("");
        Assert.Equal(0, afterReload.Started);
        Assert.Equal(before + 3, await VisitsAtAsync(saintJulien.Id));
    }

    [Fact]
    public async Task The_counsellor_screen_and_the_kiosk_have_no_accessibility_violation_and_the_kiosk_records_in_three_taps()
    {
        var annemasse = await StructureAsync("annemasse");
        var counsellor = await fixture.App.CreateStaffAsync(StaffRole.Counsellor, $"structure:{annemasse.Id}");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, counsellor);

        await page.GotoAsync($"/gestion/entretiens/{annemasse.Id}");
        await page.AssertNoAxeViolationsAsync();
        var before = await VisitsAtAsync(annemasse.Id);
        await Tile(page, "DurationBracket", 1).ClickAsync();
        await Tile(page, "Needs", 3).ClickAsync();
        await Tile(page, "PublicStatus", 5).ClickAsync();
        await Tile(page, "AgeBracket", 3).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'entretien" }).ClickAsync();
        await WaitForVisitsAsync(annemasse.Id, before + 1);

        // The counsellor opens the kiosk on this tablet; the session ends and the kiosk runs on its own.
        await page.GotoAsync($"/gestion/accueil/{annemasse.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le kiosque sur cette tablette" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/kiosque$"));
        await page.AssertNoAxeViolationsAsync();
        await Tile(page, "PublicStatus", 1).ClickAsync();
        await Tile(page, "AgeBracket", 1).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer son activité" }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Merci");
        await WaitForVisitsAsync(annemasse.Id, before + 2);
        await page.AssertNoAxeViolationsAsync("after a visit");

        await page.GetByRole(AriaRole.Link, new() { Name = "Vous partez ? Donnez votre avis" }).ClickAsync();
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Satisfait·e", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Merci");
    }
}
