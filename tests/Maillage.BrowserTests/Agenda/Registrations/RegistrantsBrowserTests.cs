using Maillage.Network;
using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Agenda.Registrations;

/// <summary>
/// In Chromium: the waiting-list journey of the public (offer mode: a seat freed by a cancellation through
/// the personal link is offered by e-mail, read from the outbox, and confirmed through its link), and the
/// organiser's registrants page (accept a request, remove, confirm an offered person now, add with errors).
/// axe-core checks the registrants page in each state and the personal page with an offered seat.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistrantsBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private async Task<AgendaEvent> EventAsync(int capacity, RegistrationMode mode, WaitlistPromotion promotion, string title)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var annemasse = await db.Structures.SingleAsync(s => s.Slug == "annemasse" && s.Cite.Slug == "grand-geneve");
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Date.AddDays(12).AddHours(13), TimeSpan.Zero);
        var e = new AgendaEvent
        {
            CiteId = annemasse.CiteId, Title = $"{title} {Guid.NewGuid():N}"[..(title.Length + 7)], Type = EventType.TradeZoom, Status = EventStatus.Published,
            StartsAt = start, EndsAt = start.AddHours(2), StructureId = annemasse.Id, Capacity = capacity, RegistrationMode = mode, WaitlistPromotion = promotion,
            CreatedAt = now.AddDays(-3), PublishedAt = now.AddDays(-3),
        };
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }

    private async Task<RegistrationOutcome> RegisterAsync(AgendaEvent e, string first, string last, string? email = null)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<RegistrationDesk>();
        return await desk.RegisterAsync(e.Id, new RegistrationRequest(first, last, email ?? $"{first}.{Guid.NewGuid():N}@example.org".ToLowerInvariant(), null, PublicStatus.JobSeeker, true));
    }

    private async Task<T> WithDbAsync<T>(Func<MaillageDb, Task<T>> read)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<MaillageDb>());
    }

    private Task<RegistrationStatus> StatusAsync(long id) =>
        WithDbAsync(db => db.Registrations.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    private static string ManagePath(string body)
    {
        var link = Regex.Match(body, @"Voir ou annuler votre inscription : (\S+)");
        Assert.True(link.Success, $"The e-mail has no personal link:\n{body}");
        return new Uri(link.Groups[1].Value).AbsolutePath;
    }

    [Fact]
    public async Task Given_a_two_seat_event_in_offer_mode_When_the_first_cancels_by_link_Then_the_third_gets_the_offer_by_e_mail_and_confirms_it()
    {
        var e = await EventAsync(2, RegistrationMode.Waitlist, WaitlistPromotion.Offer, "Zoom métier boulangerie");
        var firstEmail = $"premier.{Guid.NewGuid():N}@example.org";
        var thirdEmail = $"troisieme.{Guid.NewGuid():N}@example.org";
        await RegisterAsync(e, "Premier", "Inscrit", firstEmail);
        await RegisterAsync(e, "Deuxième", "Inscrit");
        var violations = new List<string>();

        // The third registers on a phone: the event is full, the form offers the waiting list.
        await using var thirdSession = await fixture.NewSessionAsync();
        var third = thirdSession.Page;
        await third.SetViewportSizeAsync(390, 844);
        await third.GotoAsync($"/agenda/{e.Id}");
        await third.GetByLabel("Prénom *", new() { Exact = true }).FillAsync("Troisième");
        await third.GetByLabel("Nom *", new() { Exact = true }).FillAsync("Attente");
        await third.GetByLabel("Adresse e-mail *", new() { Exact = true }).FillAsync(thirdEmail);
        await third.GetByLabel("J'accepte que mes nom", new() { Exact = false }).CheckAsync();
        await third.GetByRole(AriaRole.Button, new() { Name = "Rejoindre la liste d'attente", Exact = true }).ClickAsync();
        // The answer tells nothing of the registration (issue 18); the e-mail does, with the personal link.
        await Expect(third).ToHaveURLAsync(new Regex($"/agenda/{e.Id}/demande-envoyee$"));
        var waitlisted = await WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == thirdEmail && m.Kind == "agenda.waitlisted"));
        Assert.Contains("vous êtes en position 1 sur la liste d'attente", waitlisted.TextBody);
        await third.GotoAsync(ManagePath(waitlisted.TextBody));
        await Expect(third.Locator("dl.facts strong")).ToHaveTextAsync("En liste d'attente");
        await Expect(third.Locator("dl.facts")).ToContainTextAsync("position 1");

        // The first cancels through the link of their confirmation e-mail.
        var confirmation = await WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == firstEmail && m.Kind == "agenda.confirmation"));
        await using var firstSession = await fixture.NewSessionAsync();
        var first = firstSession.Page;
        await first.GotoAsync(ManagePath(confirmation.TextBody));
        await first.GetByRole(AriaRole.Button, new() { Name = "Annuler mon inscription", Exact = true }).ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Oui, annuler mon inscription", Exact = true }).ClickAsync();
        await Expect(first.Locator("dl.facts strong")).ToHaveTextAsync("Annulée");

        // The third receives the offer: the outbox holds it, with the personal link and the deadline.
        var offer = await WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == thirdEmail && m.Kind == "agenda.offer"));
        Assert.Equal($"Une place vous attend : {e.Title}", offer.Title);
        Assert.Contains("Elle vous est réservée jusqu'au", offer.TextBody);
        await using var mailSession = await fixture.NewSessionAsync();
        var mail = mailSession.Page;
        await mail.SetViewportSizeAsync(390, 844);
        var opened = await mail.GotoAsync(ManagePath(offer.TextBody));
        Assert.True(opened is { Ok: true }, $"The offer link answered {opened?.Status}.");
        await Expect(mail.Locator("dl.facts strong")).ToHaveTextAsync("Place proposée");
        await Expect(mail.Locator("dl.facts")).ToContainTextAsync("À confirmer avant");
        violations.AddRange(await mail.AxeViolationsAsync("personal page, seat offered"));
        await mail.GetByRole(AriaRole.Button, new() { Name = "Je confirme ma place", Exact = true }).ClickAsync();
        await Expect(mail.GetByRole(AriaRole.Status).Filter(new() { HasText = "C'est confirmé : la place est à vous." })).ToBeVisibleAsync();
        await Expect(mail.Locator("dl.facts strong")).ToHaveTextAsync("Confirmée");
        violations.AddRange(await mail.AxeViolationsAsync("personal page, offer confirmed"));

        var regs = await WithDbAsync(db => db.Registrations.IgnoreQueryFilters().AsNoTracking().Where(r => r.EventId == e.Id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed], regs.Select(r => r.Status));
        Assert.Equal(2, await WithDbAsync(db => db.Events.IgnoreQueryFilters().Where(x => x.Id == e.Id).Select(x => x.SeatsTaken).SingleAsync()));
        Assert.True(await WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == thirdEmail && m.Kind == "agenda.promoted")), "No confirmation of the offered seat was written.");
        Accessibility.AssertNone(violations, 2);
    }

    [Fact]
    public async Task Given_an_organiser_on_the_registrants_page_When_accepting_removing_promoting_and_adding_Then_it_works_and_axe_finds_nothing()
    {
        var approval = await EventAsync(3, RegistrationMode.Approval, WaitlistPromotion.Direct, "Visite usine");
        var pending = await RegisterAsync(approval, "Inès", "Ibert");
        var offerEvent = await EventAsync(1, RegistrationMode.Waitlist, WaitlistPromotion.Offer, "Zoom métier soudure");
        var holder = await RegisterAsync(offerEvent, "Léa", "Lopez");
        var next = await RegisterAsync(offerEvent, "Malik", "Mercier");
        await RegisterAsync(offerEvent, "Nina", "Noël");
        var organiser = await fixture.App.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse");
        var violations = new List<string>();
        var cspErrors = new List<string>();

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 900);
        page.Console += (_, m) => { if (m.Type == "error" && m.Text.Contains("Content Security Policy")) cspErrors.Add($"{page.Url}: {m.Text}"); };
        await StaffJourney.SignInAndEnrolAsync(page, organiser);

        // Approval: accept the pending request.
        await page.GotoAsync($"/gestion/agenda/{approval.Id}/inscrits");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Demandes à valider (1)", Exact = true })).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("registrants, approval"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter : Ibert Inès", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Inès Ibert : demande acceptée, la place est confirmée.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirmé·es (1)", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(pending.Registration.Id));
        violations.AddRange(await page.AxeViolationsAsync("registrants, accepted"));

        // Offer mode: remove the confirmed person (the next one is offered the seat), then confirm the offer now.
        await page.GotoAsync($"/gestion/agenda/{offerEvent.Id}/inscrits");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Liste d'attente, dans l'ordre (2)", Exact = true })).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("registrants, waiting list"));
        await page.Locator("summary").Filter(new() { HasText = "Retirer : Lopez Léa" }).ClickAsync();
        violations.AddRange(await page.AxeViolationsAsync("registrants, removal opened"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer le retrait de Lopez Léa", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Léa Lopez est retiré·e de la liste");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Places proposées (en attente de réponse) (1)", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(RegistrationStatus.Offered, await StatusAsync(next.Registration.Id));
        violations.AddRange(await page.AxeViolationsAsync("registrants, seat offered"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer maintenant : Mercier Malik", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Malik Mercier est confirmé·e.");
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(next.Registration.Id));
        Assert.Equal(RegistrationStatus.Cancelled, await StatusAsync(holder.Registration.Id));

        // Add a person: the empty form shows its errors, then the person joins the waiting list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire cette personne", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("registrants, add form errors"));
        await page.GetByLabel("Prénom", new() { Exact = true }).FillAsync("Oscar");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Olivier");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync($"oscar.{Guid.NewGuid():N}@example.org");
        await page.GetByLabel("La personne a donné son accord", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscrire cette personne", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Oscar Olivier est inscrit·e en position 2 sur la liste d'attente.");
        violations.AddRange(await page.AxeViolationsAsync("registrants, added"));

        // Move the first waiting person to the other event (a free seat there): one move, one message.
        await page.GetByRole(AriaRole.Link, new() { Name = "Déplacer vers une autre action : Noël Nina", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Déplacer Nina Noël");
        violations.AddRange(await page.AxeViolationsAsync("move page"));
        await page.GetByLabel("Vers l'action", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = approval.Id.ToString() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Déplacer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Nina Noël est déplacé·e vers « {approval.Title} »");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Liste d'attente, dans l'ordre (1)", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(RegistrationStatus.Confirmed, await WithDbAsync(db => db.Registrations.IgnoreQueryFilters()
            .Where(r => r.EventId == approval.Id && r.Person.FirstName == "Nina").Select(r => r.Status).SingleAsync()));

        output.WriteLine("Registrants page checked: approval, accepted, waiting list, removal opened, seat offered, add form errors, added; the move page.");
        Accessibility.AssertNone(violations, 8);
        Assert.True(cspErrors.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", cspErrors));
    }
}
