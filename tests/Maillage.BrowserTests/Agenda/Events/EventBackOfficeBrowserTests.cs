using Maillage.Network;
using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Agenda.Events;

/// <summary>
/// The organiser's back office in Chromium: sign in, open the agenda list, create a Zoom métier at
/// Annemasse for 20 people (first with errors), publish it and find it on the public agenda; then the
/// "this occurrence / this and following" choice of a series. axe-core checks each page and state.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EventBackOfficeBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task Given_an_organiser_When_publishing_a_Zoom_metier_at_Annemasse_Then_it_is_on_the_agenda_and_axe_finds_nothing()
    {
        var organiser = await fixture.App.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse");
        string annemasse;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            annemasse = await scope.ServiceProvider.GetRequiredService<MaillageDb>().Structures.Where(s => s.Slug == "annemasse" && s.Cite.Slug == "grand-geneve").Select(s => s.Name).SingleAsync();
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        var violations = new List<string>();
        var scriptErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && (m.Text.Contains("Content Security Policy") || page.Url.Contains("/gestion/agenda"))) scriptErrors.Add($"{page.Url}: {m.Text}"); };
        await StaffJourney.SignInAndEnrolAsync(page, organiser);

        await page.GetByRole(AriaRole.Link, new() { Name = "Actions de l'agenda", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/gestion/agenda$"));
        violations.AddRange(await page.AxeViolationsAsync("event list"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle action", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/gestion/agenda/nouveau$"));
        violations.AddRange(await page.AxeViolationsAsync("empty form"));
        // The form and the list reflow on a phone held upright (WCAG 1.4.10): no sideways scrolling of the page.
        await page.SetViewportSizeAsync(390, 844);
        Assert.Equal("", await OverflowAsync(page)); // the event form
        await page.GotoAsync("/gestion/agenda");
        Assert.Equal("", await OverflowAsync(page)); // the list: the table has its own scroll region
        await page.GotoAsync("/gestion/agenda/nouveau");
        await page.SetViewportSizeAsync(1280, 900);

        var title = $"Zoom métier électricien·ne {Guid.NewGuid():N}"[..34];
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime).AddDays(10);
        await page.GetByLabel("Titre *", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Type *", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Zoom métier" });
        await page.GetByLabel("Début *", new() { Exact = true }).FillAsync($"{day:yyyy-MM-dd}T14:00");
        await page.GetByLabel("Fin *", new() { Exact = true }).FillAsync($"{day:yyyy-MM-dd}T12:00"); // before the start
        await page.GetByLabel("Structure du réseau", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = annemasse });
        await page.GetByLabel("Mode d'inscription", new() { Exact = true }).SelectOptionAsync("Waitlist");
        await page.GetByLabel("Capacité (places)", new() { Exact = true }).FillAsync("-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("La fin doit être après le début.");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("La capacité ne peut pas être négative.");
        violations.AddRange(await page.AxeViolationsAsync("form with errors"));

        await page.GetByLabel("Fin *", new() { Exact = true }).FillAsync($"{day:yyyy-MM-dd}T16:00");
        await page.GetByLabel("Capacité (places)", new() { Exact = true }).FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Action publiée");
        await Expect(page).ToHaveURLAsync(new Regex(@"/gestion/agenda/\d+/modifier$"));
        violations.AddRange(await page.AxeViolationsAsync("edit page"));

        await page.GotoAsync($"/agenda?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = false }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(title);
        await Expect(page.Locator("main")).ToContainTextAsync("20");

        output.WriteLine("Back-office pages checked: list, empty form, form with errors, edit page.");
        Accessibility.AssertNone(violations, 4);
        Assert.True(scriptErrors.Count == 0, "Content-Security-Policy or script errors on the agenda back office:\n" + string.Join("\n", scriptErrors));
    }

    /// <summary>Empty when the page does not scroll sideways; else the innermost elements that stick out.</summary>
    private static async Task<string> OverflowAsync(IPage page) =>
        string.Join(", ", await page.EvaluateAsync<string[]>(@"() => {
            const w = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= w) return [];
            return [...document.body.querySelectorAll('*')]
              .filter(e => e.getBoundingClientRect().right > w && ![...e.children].some(c => c.getBoundingClientRect().right > w))
              .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''));
        }"));

    [Fact]
    public async Task Given_an_occurrence_of_a_series_When_editing_Then_the_scope_choice_is_offered_and_applies_to_the_following_ones()
    {
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var title = $"Réunion CitésLab {Guid.NewGuid():N}"[..26];
        int[] ids;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            var structure = await db.Structures.SingleAsync(s => s.Slug == "annemasse" && s.Cite.Slug == "grand-geneve");
            var now = DateTimeOffset.UtcNow;
            var series = new EventSeries { CiteId = structure.CiteId, Title = title, Frequency = Recurrence.Weekly, Interval = 1, Occurrences = 3, CreatedAt = now };
            var first = DateOnly.FromDateTime(now.UtcDateTime).AddDays(7).ToDateTime(new TimeOnly(14, 0));
            var events = EventSeries.Dates(first, Recurrence.Weekly, 1, 3).Select((d, i) => new AgendaEvent
            {
                CiteId = structure.CiteId, StructureId = structure.Id, Title = title, Type = EventType.AwarenessMeeting, Theme = EventTheme.BusinessCreation,
                StartsAt = TimeZoneInfo.ConvertTimeToUtc(d, Paris), EndsAt = TimeZoneInfo.ConvertTimeToUtc(d.AddHours(2), Paris), Capacity = 15,
                RegistrationMode = RegistrationMode.Waitlist, Status = EventStatus.Published, CreatedAt = now, PublishedAt = now, Series = series, SeriesIndex = i + 1,
            }).ToList();
            db.Events.AddRange(events);
            await db.SaveChangesAsync();
            ids = events.Select(e => e.Id).ToArray();
        }
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);
        await page.GotoAsync($"/gestion/agenda/{ids[1]}/modifier");
        var choice = page.GetByRole(AriaRole.Group, new() { Name = "Cette séance fait partie d'une série : appliquer les modifications à", Exact = false });
        await Expect(choice).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("series edit choice");

        await page.GetByLabel("Titre *", new() { Exact = true }).FillAsync(title + " (nouvelle formule)");
        await page.GetByLabel("cette séance et les suivantes (1 à venir)", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Modifications enregistrées sur 2 séances.");

        await using var check = fixture.App.Services.CreateAsyncScope();
        var titles = await check.ServiceProvider.GetRequiredService<MaillageDb>().Events.Where(e => ids.Contains(e.Id)).OrderBy(e => e.SeriesIndex).Select(e => e.Title).ToListAsync();
        Assert.Equal([title, title + " (nouvelle formule)", title + " (nouvelle formule)"], titles);
    }
}
