using Maillage.Agenda;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Entrepreneurship;

/// <summary>
/// A registrant of an awareness meeting offered to the coach as a prospect (issue 23 item 2), turned into a holder with
/// her consent in Chromium — with axe-core on the board and the prefilled form at 1280×900 and 390×844.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProspectBrowserTests(BrowserFixture fixture)
{
    private async Task<string> RegistrantOfAMeetingHeldAsync(string last)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var permanence = await db.Set<Structure>().IgnoreQueryFilters().SingleAsync(s => s.Slug == "citeslab-saint-georges");
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var meeting = new AgendaEvent
        {
            CiteId = permanence.CiteId, StructureId = permanence.Id, Title = "Réunion de sensibilisation : créer son activité", Type = EventType.AwarenessMeeting,
            StartsAt = start, EndsAt = start.AddHours(2), Capacity = 20, Status = EventStatus.Published, CreatedAt = start.AddDays(-20), PublishedAt = start.AddDays(-20),
        };
        db.Add(meeting);
        await db.SaveChangesAsync();
        var email = $"{last}@exemple.invalid".ToLowerInvariant();
        db.Add(new Registration
        {
            CiteId = meeting.CiteId, EventId = meeting.Id, Status = RegistrationStatus.Confirmed, ManageToken = Registration.NewToken(), EmailKey = email,
            Person = new RegistrantDetails { FirstName = "Inès", LastName = last, Email = email, Phone = "06 12 34 56 78" },
            CreatedAt = start.AddDays(-3), ConfirmedAt = start.AddDays(-3), ConsentAt = start.AddDays(-3),
        });
        await db.SaveChangesAsync();
        return meeting.Title;
    }

    [Fact]
    public async Task A_coach_opens_a_prospect_reads_the_consent_and_records_the_holder_with_the_meeting_as_first_step_with_no_axe_violation()
    {
        var last = $"Prospect-{Guid.NewGuid():N}"[..15];
        await RegistrantOfAMeetingHeldAsync(last);
        var coach = await fixture.App.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "structure:grand-geneve/citeslab-saint-georges");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coach);
        var violations = new List<string>();

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/gestion/citeslab");
        var prospects = page.Locator("section[aria-labelledby=prospects-title]");
        await Expect(prospects).ToContainTextAsync($"Inès {last} — Réunion de sensibilisation : créer son activité");
        violations.AddRange(await page.AxeViolationsAsync("workspace with prospects, 1280×900"));
        await prospects.GetByRole(AriaRole.Link, new() { Name = $"Inès {last}", Exact = true }).ClickAsync();

        await Expect(page.Locator("#prospect-title")).ToHaveTextAsync($"Prospect : Inès {last}");
        await Expect(page.GetByLabel("Courriel")).ToHaveValueAsync($"{last}@exemple.invalid".ToLowerInvariant());
        violations.AddRange(await page.AxeViolationsAsync("prospect's form, 1280×900"));
        await page.SetViewportSizeAsync(390, 844);
        violations.AddRange(await page.AxeViolationsAsync("prospect's form, 390×844"));

        // The consent read and ticked: the record is made with the meeting as its first step.
        await page.GetByLabel("La personne a lu ou entendu ce texte et donne son consentement").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToContainTextAsync($"Fiche de Inès {last} créée");
        var timeline = page.Locator("ol.timeline > li");
        await Expect(timeline).ToHaveCountAsync(1);
        await Expect(timeline.First).ToContainTextAsync("Sensibilisé·e");
        await Expect(timeline.First).ToContainTextAsync("Réunion de sensibilisation : créer son activité");

        await page.GotoAsync("/gestion/citeslab");
        await Expect(page.Locator("section[aria-labelledby=prospects-title]")).Not.ToContainTextAsync(last);
        violations.AddRange(await page.AxeViolationsAsync("workspace, 390×844"));
        Accessibility.AssertNone(violations, 4);
    }
}
