using Maillage.Network;
using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Agenda;

/// <summary>
/// A member of the public on a phone, in Chromium: finds an event in the agenda with the filters, registers
/// without an account, then opens the personal link of the confirmation e-mail (read from the outbox, where
/// the message is written in the same transaction as the registration) and cancels. axe-core checks the list,
/// the event page, the form with its errors, the confirmation and the personal page before and after cancelling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgendaJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Capacity = 12;

    private async Task<AgendaEvent> PublishedEventAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var annemasse = await db.Structures.SingleAsync(s => s.Slug == "annemasse" && s.Cite.Slug == "grand-geneve");
        var now = DateTimeOffset.UtcNow;
        var start = now.Date.AddDays(10).AddHours(8); // 09:00 or 10:00 in Paris, ten days from now
        var e = new AgendaEvent
        {
            CiteId = annemasse.CiteId, Title = $"Atelier CV mobile {Guid.NewGuid():N}"[..26], Type = EventType.Workshop, Theme = EventTheme.JobPreparation,
            Status = EventStatus.Published, StartsAt = new DateTimeOffset(start, TimeSpan.Zero), EndsAt = new DateTimeOffset(start.AddHours(2), TimeSpan.Zero),
            StructureId = annemasse.Id, RoomName = "Salle 2", Capacity = Capacity, RegistrationMode = RegistrationMode.Open,
            Description = "Relire et améliorer son CV avec une conseillère.", CreatedAt = now.AddDays(-3), PublishedAt = now.AddDays(-3),
        };
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }

    private async Task<T> WithDbAsync<T>(Func<MaillageDb, Task<T>> read)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<MaillageDb>());
    }

    /// <summary>WCAG 1.4.10 (reflow): at phone width nothing may force a horizontal scroll.</summary>
    private static async Task AssertNoHorizontalScrollAsync(IPage page, List<string> problems)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        if (scroll <= client) return;
        // Name the innermost elements that stick out, so that the failure says what to fix.
        var culprits = await page.EvaluateAsync<string[]>(@"w => [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > w && ![...e.children].some(c => c.getBoundingClientRect().right > w))
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''))", client);
        problems.Add($"{new Uri(page.Url).PathAndQuery}: {scroll}px wide in a {client}px viewport (horizontal scroll): {string.Join(", ", culprits)}");
    }

    [Fact]
    public async Task Given_a_visitor_on_a_phone_When_finding_an_event_registering_and_cancelling_through_the_e_mail_link_Then_it_works_and_axe_finds_nothing()
    {
        var agendaEvent = await PublishedEventAsync();
        var email = $"camille.{Guid.NewGuid():N}@example.org";
        var violations = new List<string>();
        var reflow = new List<string>();
        var cspErrors = new List<string>();

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        page.Console += (_, m) => { if (m.Type == "error" && m.Text.Contains("Content Security Policy")) cspErrors.Add($"{page.Url}: {m.Text}"); };

        // Find: the agenda, filtered by place and type.
        var list = await page.GotoAsync("/agenda");
        Assert.True(list is { Ok: true }, $"/agenda answered {list?.Status}.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Agenda des actions collectives");
        violations.AddRange(await page.AxeViolationsAsync("list"));
        await AssertNoHorizontalScrollAsync(page, reflow);
        // At phone width the filters are folded behind their summary: one tap opens them.
        await Expect(page.Locator("details.filters-box")).Not.ToHaveAttributeAsync("open", new Regex(".*"));
        await page.GetByText("Filtrer l'agenda", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Lieu", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = agendaEvent.StructureId!.Value.ToString() });
        await page.GetByLabel("Type d'action", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Atelier" });
        await page.GetByLabel("Places disponibles", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/agenda\?(?=.*\bstructure={agendaEvent.StructureId}\b)(?=.*\btype=workshop\b)"));
        var card = page.Locator("li.card").Filter(new() { HasText = agendaEvent.Title });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync($"{Capacity} places disponibles");
        violations.AddRange(await page.AxeViolationsAsync("list, filtered"));
        await page.GotoAsync($"/agenda?vue=calendrier&mois={agendaEvent.LocalStart:yyyy-MM}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = agendaEvent.Title, Exact = true })).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("calendar"));
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = agendaEvent.Title, Exact = true }).ClickAsync();

        // The event page and its form.
        await Expect(page).ToHaveURLAsync(new Regex($"/agenda/{agendaEvent.Id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(agendaEvent.Title);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync($"{Capacity} disponibles sur {Capacity}");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Salle 2");
        violations.AddRange(await page.AxeViolationsAsync("event"));
        await AssertNoHorizontalScrollAsync(page, reflow);

        var register = page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire", Exact = true });
        await register.ClickAsync();
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Prénom *", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        violations.AddRange(await page.AxeViolationsAsync("event, form errors"));
        await AssertNoHorizontalScrollAsync(page, reflow);
        Assert.False(await WithDbAsync(db => db.Registrations.IgnoreQueryFilters().AnyAsync(r => r.EventId == agendaEvent.Id)),
            "An empty form must save nothing.");

        await page.GetByLabel("Prénom *", new() { Exact = true }).FillAsync("Camille");
        await page.GetByLabel("Nom *", new() { Exact = true }).FillAsync("Martin");
        await page.GetByLabel("Adresse e-mail *", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Téléphone (facultatif)", new() { Exact = true }).FillAsync("06 12 34 56 78");
        await page.GetByLabel("Votre situation (facultatif)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = nameof(PublicStatus.JobSeeker) });
        await page.GetByLabel("J'accepte que mes nom", new() { Exact = false }).CheckAsync();
        await register.ClickAsync();

        // The answer: the same "check your mailbox" page whether or not the address was already registered; nothing of
        // the registration (neither the name nor the personal link) is shown to whoever submitted the form.
        await Expect(page).ToHaveURLAsync(new Regex($"/agenda/{agendaEvent.Id}/demande-envoyee$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Demande reçue : regardez votre messagerie");
        // What happened, from the person's point of view: the address as typed (masked), the event, what to do if nothing arrives.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(
            "Demande reçue. Un e-mail a été envoyé à c•••@example.org : il contient la confirmation et le lien pour gérer ou annuler votre inscription.");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(agendaEvent.Title);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Salle 2");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rien reçu ?" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Camille Martin");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(email);
        violations.AddRange(await page.AxeViolationsAsync("request received"));
        await AssertNoHorizontalScrollAsync(page, reflow);

        // The confirmation e-mail, written to the outbox in the registration's transaction, carries the link.
        var confirmation = await WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == email && m.Kind == "agenda.confirmation"));
        Assert.Equal($"Inscription confirmée : {agendaEvent.Title}", confirmation.Title);
        var link = Regex.Match(confirmation.TextBody, @"Voir ou annuler votre inscription : (\S+)");
        Assert.True(link.Success, $"The confirmation e-mail has no personal link:\n{confirmation.TextBody}");
        var managePath = new Uri(link.Groups[1].Value).AbsolutePath;
        Assert.Matches("^/agenda/inscription/[^/?#]+$", managePath);
        Assert.Equal(1, await WithDbAsync(db => db.Events.IgnoreQueryFilters().Where(e => e.Id == agendaEvent.Id).Select(e => e.SeatsTaken).SingleAsync()));

        // Later, from the mail client: a fresh browser (no cookie, no history) opens the link and cancels.
        await using var mailClient = await fixture.NewSessionAsync();
        var phone = mailClient.Page;
        await phone.SetViewportSizeAsync(390, 844);
        var manage = await phone.GotoAsync(managePath);
        Assert.True(manage is { Ok: true }, $"The personal link answered {manage?.Status}.");
        await Expect(phone.Locator("dl.facts")).ToContainTextAsync("Camille Martin");
        await Expect(phone.Locator("dl.facts strong")).ToHaveTextAsync("Confirmée");
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = agendaEvent.Title, Exact = true })).ToBeVisibleAsync();
        violations.AddRange(await phone.AxeViolationsAsync("manage"));
        await AssertNoHorizontalScrollAsync(phone, reflow);

        // Cancelling takes two steps, without script: the button asks, the second page's button cancels.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Annuler mon inscription", Exact = true }).ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex(Regex.Escape(managePath) + @"\?annuler=1$"));
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Annuler votre inscription ?");
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Non, garder mon inscription", Exact = true })).ToBeVisibleAsync();
        violations.AddRange(await phone.AxeViolationsAsync("manage, confirm cancelling"));
        Assert.Equal(RegistrationStatus.Confirmed, await WithDbAsync(db => db.Registrations.IgnoreQueryFilters().Where(r => r.EventId == agendaEvent.Id).Select(r => r.Status).SingleAsync()));
        await phone.GetByRole(AriaRole.Link, new() { Name = "Non, garder mon inscription", Exact = true }).ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex(Regex.Escape(managePath) + "$"));
        await Expect(phone.Locator("dl.facts strong")).ToHaveTextAsync("Confirmée");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Annuler mon inscription", Exact = true }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Oui, annuler mon inscription", Exact = true }).ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex(Regex.Escape(managePath) + "$"));
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inscription annulée");
        await Expect(phone.GetByRole(AriaRole.Status).Filter(new() { HasText = "Votre inscription est annulée" })).ToBeVisibleAsync();
        await Expect(phone.Locator("dl.facts strong")).ToHaveTextAsync("Annulée");
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Annuler mon inscription", Exact = true })).ToHaveCountAsync(0);
        violations.AddRange(await phone.AxeViolationsAsync("manage, cancelled"));
        await AssertNoHorizontalScrollAsync(phone, reflow);

        // The seat is free again, the registration is cancelled and the person is told by e-mail.
        var registration = await WithDbAsync(db => db.Registrations.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.EventId == agendaEvent.Id));
        Assert.Equal(RegistrationStatus.Cancelled, registration.Status);
        Assert.Equal(0, await WithDbAsync(db => db.Events.IgnoreQueryFilters().Where(e => e.Id == agendaEvent.Id).Select(e => e.SeatsTaken).SingleAsync()));
        Assert.True(await WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == email && m.Kind == "agenda.cancelled")), "No cancellation e-mail was written.");
        await phone.GetByRole(AriaRole.Link, new() { Name = agendaEvent.Title, Exact = true }).ClickAsync();
        await Expect(phone.Locator("dl.facts")).ToContainTextAsync($"{Capacity} disponibles sur {Capacity}");

        output.WriteLine("Agenda pages checked at 390×844: list, filtered list, calendar, event, form errors, request received, manage, confirm cancelling, manage after cancelling.");
        Accessibility.AssertNone(violations, 9);
        Assert.True(reflow.Count == 0, "Horizontal scrolling at phone width:\n" + string.Join("\n", reflow));
        Assert.True(cspErrors.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", cspErrors));
    }

    [Fact]
    public async Task Given_an_english_speaking_visitor_When_axe_checks_the_agenda_pages_Then_there_is_no_violation()
    {
        var agendaEvent = await PublishedEventAsync();
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/agenda?culture=en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Agenda of collective events");
        var violations = new List<string>(await page.AxeViolationsAsync("en, list"));
        await page.GetByRole(AriaRole.Link, new() { Name = agendaEvent.Title, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true })).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("en, event"));
        await page.GotoAsync("/agenda/inscription/no-such-token");
        violations.AddRange(await page.AxeViolationsAsync("en, unknown link"));
        Accessibility.AssertNone(violations, 3);
    }
}
