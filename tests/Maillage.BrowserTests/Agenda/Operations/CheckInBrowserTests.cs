using Maillage.Network;
using System.Text;
using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.Agenda.Attendance;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Agenda.Operations;

/// <summary>
/// The reception agent's day in Chromium: open the day's list, find a registrant by name, tick them
/// present, count walk-ins, print a certificate; then the coordinator's report and import pages.
/// axe-core checks every page and state on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckInBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private async Task<AgendaEvent> EventTodayAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var annemasse = await db.Structures.SingleAsync(s => s.Slug == "annemasse" && s.Cite.Slug == "grand-geneve");
        var now = DateTimeOffset.UtcNow;
        var e = new AgendaEvent
        {
            CiteId = annemasse.CiteId, Title = $"Zoom métier navigateur {Guid.NewGuid():N}"[..30], Type = EventType.TradeZoom, Status = EventStatus.Published,
            StartsAt = now.AddMinutes(30), EndsAt = now.AddMinutes(150), StructureId = annemasse.Id, Capacity = 20, RegistrationMode = RegistrationMode.Waitlist,
            CreatedAt = now.AddDays(-10), PublishedAt = now.AddDays(-10),
        };
        db.Events.Add(e);
        await db.SaveChangesAsync();
        foreach (var (first, last) in new[] { ("Zoé", "Dupont"), ("Marc", "Durand") })
        {
            db.Registrations.Add(new Registration
            {
                CiteId = e.CiteId, EventId = e.Id, Status = RegistrationStatus.Confirmed, ManageToken = Registration.NewToken(),
                Person = new RegistrantDetails { FirstName = first, LastName = last, Email = $"{first}.{Guid.NewGuid():N}@example.org".ToLowerInvariant() },
                EmailKey = null, PublicStatus = PublicStatus.JobSeeker, ConsentAt = now, CreatedAt = now, ConfirmedAt = now,
            });
        }
        await db.SaveChangesAsync();
        return e;
    }

    [Fact]
    public async Task Given_a_reception_agent_on_a_tablet_When_ticking_attendees_and_adding_walk_ins_Then_it_works_and_axe_finds_nothing()
    {
        var agendaEvent = await EventTodayAsync();
        var agent = await fixture.App.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/annemasse");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(1024, 768); // a tablet held sideways
        var violations = new List<string>();
        var cspErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && (m.Text.Contains("Content Security Policy") || m.Text.Contains("checkin.js"))) cspErrors.Add($"{page.Url}: {m.Text}"); };
        await StaffJourney.SignInAndEnrolAsync(page, agent);

        await page.GetByRole(AriaRole.Link, new() { Name = "Émargement", Exact = true }).ClickAsync();
        violations.AddRange(await page.AxeViolationsAsync("day list"));
        await page.GetByRole(AriaRole.Link, new() { Name = agendaEvent.Title, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/gestion/agenda/{agendaEvent.Id}/emargement$"));
        violations.AddRange(await page.AxeViolationsAsync("check-in"));

        // Typing filters the list at once (script); the button would do the same without it.
        await page.GetByLabel("Rechercher par nom", new() { Exact = true }).FillAsync("dupont");
        await Expect(page.Locator("#checkin-list li:not([hidden])")).ToHaveCountAsync(1);
        await Expect(page.Locator("#checkin-count")).ToHaveTextAsync("Personnes affichées : 1 sur 2.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Présent·e : Dupont Zoé", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Zoé Dupont : présent·e.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Présent·e : Dupont Zoé", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Absent·e : Durand Marc", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Absent·e : Durand Marc", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        violations.AddRange(await page.AxeViolationsAsync("check-in after ticking"));

        // Two students came without registering and gave no name; one more person gives a name.
        await page.GetByLabel("Public", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Étudiant·e" });
        await page.GetByLabel("Nombre de personnes", new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compter", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("2 personnes sans inscription ajoutées");
        await page.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Karim");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Haddad");
        await page.GetByLabel("La personne accepte que son nom soit enregistré", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter et noter présent·e", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("Karim Haddad ajouté·e et noté·e présent·e.");
        await Expect(page.Locator(".counters div").Filter(new() { HasText = "Présent·es" }).Locator("dd")).ToHaveTextAsync("4");
        violations.AddRange(await page.AxeViolationsAsync("check-in after walk-ins"));

        // A walk-in form with errors, then the certificate and the message pages.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter et noter présent·e", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("walk-in form errors"));
        await page.GotoAsync($"/gestion/agenda/{agendaEvent.Id}/emargement");
        await page.GetByRole(AriaRole.Link, new() { Name = "Attestation : Dupont Zoé", Exact = true }).ClickAsync();
        await Expect(page.Locator("article.certificate")).ToContainTextAsync("Zoé Dupont");
        violations.AddRange(await page.AxeViolationsAsync("certificate"));
        await page.GotoAsync($"/gestion/agenda/{agendaEvent.Id}/messages");
        violations.AddRange(await page.AxeViolationsAsync("messages"));

        output.WriteLine("Check-in pages checked: day list, check-in (4 states), walk-in errors, certificate, messages.");
        Accessibility.AssertNone(violations, 8);
        Assert.True(cspErrors.Count == 0, "Content-Security-Policy or script errors:\n" + string.Join("\n", cspErrors));
    }

    [Fact]
    public async Task Given_a_coordinator_When_reading_reports_and_importing_Then_axe_finds_nothing()
    {
        await EventTodayAsync();
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        var violations = new List<string>();
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Bilans agenda", Exact = true }).ClickAsync();
        await Expect(page.Locator("#figures-caption")).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("report by event"));
        await page.GetByLabel("Regrouper par", new() { Exact = true }).SelectOptionAsync("territory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher", Exact = true }).ClickAsync();
        await Expect(page.Locator("table.report-table tbody th").First).ToHaveTextAsync("Annemasse Agglomération");
        violations.AddRange(await page.AxeViolationsAsync("report by territory"));
        await page.GotoAsync("/gestion/agenda/bilans?from=2026-06-01&to=2026-01-01");
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("report errors"));

        await page.GotoAsync("/gestion/agenda/import");
        violations.AddRange(await page.AxeViolationsAsync("import"));
        var csv = "titre;type;début;fin;structure;capacité\nForum navigateur;forum;2027-02-02 09:00;2027-02-02 17:00;annemasse;200\nSans type;;2027-02-03 09:00;2027-02-03 10:00;annemasse;\n";
        await page.GetByLabel("Fichier (CSV, XLSX ou ODS, 2 Mo au plus)", new() { Exact = true })
            .SetInputFilesAsync(new FilePayload { Name = "agenda.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu", Exact = true }).ClickAsync();
        await Expect(page.Locator("#errors-caption")).ToContainTextAsync("1 erreur à corriger");
        violations.AddRange(await page.AxeViolationsAsync("import preview"));
        await page.GetByRole(AriaRole.Button, new() { Name = "3. Importer l'action valide", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync("1 action importée");

        Accessibility.AssertNone(violations, 5);
    }
}
