using System.Net;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda.Events;

/// <summary>The organiser's back office pages over HTTP: list, create, edit, series, publish, cancel, tenancy.</summary>
public sealed class EventPagesTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private async Task<HttpClient> OrganiserAsync(string scope = "structure:grand-geneve/annemasse") =>
        await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, scope));

    private async Task<Dictionary<string, string>> FormAsync(string title, string? structure = "annemasse")
    {
        var s = await app.StructureAsync("grand-geneve", "annemasse");
        return new()
        {
            ["Input.Title"] = title, ["Input.Type"] = "TradeZoom", ["Input.StartsAt"] = "2026-12-03T14:00", ["Input.EndsAt"] = "2026-12-03T16:00",
            ["Input.StructureId"] = structure is null ? "" : s.Id.ToString(), ["Input.Capacity"] = "20", ["Input.RegistrationMode"] = "Waitlist",
            ["Input.WaitlistPromotion"] = "Direct", ["Input.OfferHoldHours"] = "24", ["Input.Language"] = "fr", ["Input.Audience"] = "JobSeekers",
            ["Input.Tags"] = "BTP, électricité", ["Input.Questions[0].Label"] = "Votre niveau d'études ?", ["Input.Questions[0].Kind"] = "Choice",
            ["Input.Questions[0].Choices"] = "CAP\nBac\nBac+2", ["intent"] = "publish",
        };
    }

    private Task<AgendaEvent?> FindAsync(string title) =>
        app.WithDbAsync(db => db.Events.AsNoTracking().Include(e => e.Questions).FirstOrDefaultAsync(e => e.Title == title));

    [Fact]
    public async Task Given_an_organiser_When_publishing_a_Zoom_metier_Then_it_is_saved_with_its_fields_and_appears_on_the_agenda()
    {
        var client = await OrganiserAsync();
        var title = $"Zoom métier électricien {Guid.NewGuid():N}"[..32];
        var response = await client.PostFormAsync("/gestion/agenda/nouveau", await FormAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var e = await FindAsync(title);
        Assert.NotNull(e);
        Assert.Equal($"/gestion/agenda/{e.Id}/modifier", response.Headers.Location!.OriginalString);
        Assert.Equal(EventStatus.Published, e.Status);
        Assert.Equal(new DateTime(2026, 12, 3, 14, 0, 0), e.LocalStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero), e.StartsAt);
        Assert.Equal(20, e.Capacity);
        Assert.Equal(EventAudience.JobSeekers, e.Audience);
        Assert.Equal(["CAP", "Bac", "Bac+2"], Assert.Single(e.Questions).ChoiceList);
        Assert.Contains(title, await app.CreateClient().PageTextAsync("/agenda?from=2026-12-01&to=2026-12-31"));
        var list = await client.PageTextAsync("/gestion/agenda");
        Assert.Contains(title, list);
        Assert.Contains($"/gestion/agenda/{e.Id}/inscrits", list);
        Assert.Contains($"/gestion/agenda/{e.Id}/emargement", list);
    }

    [Fact]
    public async Task Given_broken_rules_When_creating_Then_each_field_shows_its_message_and_nothing_is_saved()
    {
        var client = await OrganiserAsync();
        var title = $"Forum cassé {Guid.NewGuid():N}"[..24];
        var form = await FormAsync(title, structure: null);
        form["Input.EndsAt"] = "2026-12-03T13:00";
        form["Input.Capacity"] = "-1";
        form["Input.RegistrationClosesAt"] = "2026-12-04T10:00";
        var response = await client.PostFormAsync("/gestion/agenda/nouveau", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("error-summary", page);
        Assert.Contains("La fin doit être après le début.", page);
        Assert.Contains("La capacité ne peut pas être négative.", page);
        Assert.Contains("Indiquez le lieu", page);
        Assert.Contains("Les inscriptions doivent fermer au plus tard au début", page);
        Assert.Contains("href=\"#Input_EndsAt\"", page);
        Assert.Contains("aria-invalid=\"true\"", page);
        Assert.Null(await FindAsync(title));

        form = await FormAsync(title);
        form["Input.Capacity"] = "vingt";
        form["Input.StartsAt"] = "demain";
        page = WebUtility.HtmlDecode(await (await client.PostFormAsync("/gestion/agenda/nouveau", form)).Content.ReadAsStringAsync());
        Assert.Contains("Écrivez un nombre entier", page);
        Assert.Contains("Écrivez le début sous la forme", page);
        Assert.Null(await FindAsync(title));
    }

    [Fact]
    public async Task Given_the_repeat_choice_When_creating_Then_a_series_of_occurrences_is_made_and_the_edit_page_offers_the_scope()
    {
        var client = await OrganiserAsync();
        var title = $"Réunion CitésLab {Guid.NewGuid():N}"[..28];
        var form = await FormAsync(title);
        form["Input.Type"] = "AwarenessMeeting";
        form["Input.Theme"] = "BusinessCreation";
        form["Input.StartsAt"] = "2026-12-08T14:00";
        form["Input.EndsAt"] = "2026-12-08T16:00";
        form["Input.Repeat"] = "true";
        form["Input.RepeatFrequency"] = "MonthlyByWeekday";
        form["Input.RepeatInterval"] = "1";
        form["Input.RepeatUntil"] = "2027-03-31";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/gestion/agenda/nouveau", form)).StatusCode);
        var occurrences = await app.WithDbAsync(db => db.Events.AsNoTracking().Where(e => e.Title == title).OrderBy(e => e.SeriesIndex).ToListAsync());
        Assert.Equal(["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09"], occurrences.Select(e => e.LocalStart.ToString("yyyy-MM-dd")));
        Assert.Single(occurrences.Select(e => e.SeriesId).Distinct());

        var url = $"/gestion/agenda/{occurrences[1].Id}/modifier";
        var page = await client.PageTextAsync(url);
        Assert.Contains("cette séance et les suivantes (2 à venir)", page);
        var edit = await FormAsync("Réunion CitésLab : créer son activité");
        edit["Input.Type"] = "AwarenessMeeting";
        edit["Input.Theme"] = "BusinessCreation";
        edit["Input.StartsAt"] = "2027-01-12T14:00";
        edit["Input.EndsAt"] = "2027-01-12T16:30";
        edit["Input.Scope"] = "ThisAndFollowing";
        edit["Input.Questions[0].Id"] = (await app.WithDbAsync(db => db.EventQuestions.Where(q => q.EventId == occurrences[1].Id).Select(q => q.Id).SingleAsync())).ToString();
        edit["intent"] = "save";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, edit)).StatusCode);
        var after = await app.WithDbAsync(db => db.Events.AsNoTracking().Where(e => e.SeriesId == occurrences[0].SeriesId).OrderBy(e => e.SeriesIndex).ToListAsync());
        Assert.Equal(title, after[0].Title);
        Assert.All(after.Skip(1), e => Assert.Equal("Réunion CitésLab : créer son activité", e.Title));
        Assert.All(after.Skip(1), e => Assert.Equal(TimeSpan.FromMinutes(150), e.EndsAt - e.StartsAt));
        Assert.Equal(["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09"], after.Select(e => e.LocalStart.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public async Task Given_an_event_with_registrants_When_lowering_the_capacity_or_cancelling_Then_the_rules_hold_and_registrants_are_told()
    {
        var client = await OrganiserAsync();
        var e = await app.EventAsync(capacity: 5, title: $"Atelier {Guid.NewGuid():N}"[..20]);
        var desk = new List<RegistrationOutcome>();
        for (var n = 0; n < 3; n++)
            desk.Add(await app.WithScopeAsync2(sp => sp.GetRequiredService<RegistrationDesk>().RegisterAsync(e.Id,
                new RegistrationRequest($"P{n}", "Martin", $"p{n}.{Guid.NewGuid():N}@example.org", null, PublicStatus.Student, true))));
        var url = $"/gestion/agenda/{e.Id}/modifier";
        var form = await FormAsync(e.Title);
        form["Input.StartsAt"] = e.LocalStart.ToString("yyyy-MM-dd'T'HH:mm");
        form["Input.EndsAt"] = e.LocalEnd.ToString("yyyy-MM-dd'T'HH:mm");
        form["Input.Capacity"] = "2";
        form["intent"] = "save";
        var response = await client.PostFormAsync(url, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("3 places sont déjà prises", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(5, (await app.ReloadAsync(e.Id)).Capacity);

        var empty = await client.PostFormAsync($"{url}?handler=Cancel", new() { ["Reason"] = " " }, url);
        Assert.Contains("Indiquez le motif", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        Assert.Equal(EventStatus.Published, (await app.ReloadAsync(e.Id)).Status);
        var cancelled = await client.PostFormAsync($"{url}?handler=Cancel", new() { ["Reason"] = "Intervenant malade" }, url);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(EventStatus.Cancelled, (await app.ReloadAsync(e.Id)).Status);
        var ids = desk.Select(d => $"registration:{d.Registration.Id}").ToList();
        var mails = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "agenda.event-cancelled" && ids.Contains(m.Subject!)).ToListAsync());
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.Contains("Intervenant malade", m.TextBody));
    }

    [Fact]
    public async Task Given_a_draft_When_published_from_the_edit_page_Then_it_appears_on_the_agenda()
    {
        var client = await OrganiserAsync();
        var title = $"Visite d'entreprise {Guid.NewGuid():N}"[..28];
        var form = await FormAsync(title);
        form["Input.Type"] = "CompanyVisit";
        form["intent"] = "draft";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/gestion/agenda/nouveau", form)).StatusCode);
        var draft = (await FindAsync(title))!;
        Assert.Equal(EventStatus.Draft, draft.Status);
        Assert.DoesNotContain(title, await app.CreateClient().PageTextAsync("/agenda?from=2026-12-01&to=2026-12-31"));
        form["intent"] = "publish";
        form["Input.Questions[0].Id"] = draft.Questions.Single().Id.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/gestion/agenda/{draft.Id}/modifier", form)).StatusCode);
        Assert.Equal(EventStatus.Published, (await FindAsync(title))!.Status);
        Assert.Contains(title, await app.CreateClient().PageTextAsync("/agenda?from=2026-12-01&to=2026-12-31"));
    }

    [Fact]
    public async Task Given_a_Marseille_coordinator_Then_nothing_of_Grand_Geneve_is_listed_or_editable()
    {
        var e = await app.EventAsync(title: $"Genevois {Guid.NewGuid():N}"[..20]);
        var marseille = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));
        var list = await marseille.PageTextAsync("/gestion/agenda");
        Assert.DoesNotContain(e.Title, list);
        Assert.DoesNotContain("Annemasse", list);
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/gestion/agenda/{e.Id}/modifier")).StatusCode);
        var form = await FormAsync("Piraté");
        var post = await marseille.PostFormAsync($"/gestion/agenda/{e.Id}/modifier", form, "/gestion/agenda/nouveau");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(e.Title, (await app.ReloadAsync(e.Id)).Title);
        // Nor can the form place an event there.
        var created = await marseille.PostFormAsync("/gestion/agenda/nouveau", form);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Null(await FindAsync("Piraté"));

        // A reception agent of Annemasse has no entry "Actions de l'agenda" in its menu, and the page's policy — the
        // entry's (issue 19) — refuses it the list as the edit form.
        var agent = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/annemasse"));
        var agentList = await agent.GetAsync("/gestion/agenda");
        Assert.True(agentList.StatusCode == HttpStatusCode.Forbidden || agentList.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{agentList.StatusCode} {agentList.Headers.Location}");
        var refused = await agent.GetAsync($"/gestion/agenda/{e.Id}/modifier");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{refused.StatusCode} {refused.Headers.Location}");
    }

    [Fact]
    public async Task Given_filters_Then_the_list_shows_the_matching_events_with_their_counts_and_speaks_English_on_request()
    {
        var client = await OrganiserAsync("cite:grand-geneve");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var forum = await app.EventAsync(capacity: 2, type: EventType.Forum, title: $"Forum {tag}", startsIn: TimeSpan.FromDays(40));
        var zoom = await app.EventAsync(capacity: 5, type: EventType.TradeZoom, title: $"Zoom {tag}", startsIn: TimeSpan.FromDays(41), structure: "saint-julien-en-genevois");
        var draft = await app.EventAsync(type: EventType.Forum, title: $"Brouillon {tag}", startsIn: TimeSpan.FromDays(42));
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == draft.Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.Status, EventStatus.Draft)));
        for (var n = 0; n < 3; n++)
            await app.WithScopeAsync2(sp => sp.GetRequiredService<RegistrationDesk>().RegisterAsync(forum.Id,
                new RegistrationRequest($"P{n}", "Martin", $"p{n}.{Guid.NewGuid():N}@example.org", null, PublicStatus.Student, true)));
        var day = DateOnly.FromDateTime(forum.LocalStart).ToString("yyyy-MM-dd");
        var end = DateOnly.FromDateTime(draft.LocalStart).ToString("yyyy-MM-dd");

        var all = await client.PageTextAsync($"/gestion/agenda?du={day}&au={end}");
        Assert.Contains(forum.Title, all);
        Assert.Contains(zoom.Title, all);
        Assert.Contains(draft.Title, all);
        Assert.Matches(@"<td>2 / 2</td>\s*<td>1</td>", all); // 2 confirmed of 2 seats, 1 waiting
        var forums = await client.PageTextAsync($"/gestion/agenda?du={day}&au={end}&type=Forum&statut=Published");
        Assert.Contains(forum.Title, forums);
        Assert.DoesNotContain(zoom.Title, forums);
        Assert.DoesNotContain(draft.Title, forums);
        var structure = await app.StructureAsync("grand-geneve", "saint-julien-en-genevois");
        var atSaintJulien = await client.PageTextAsync($"/gestion/agenda?du={day}&au={end}&structure={structure.Id}");
        Assert.Contains(zoom.Title, atSaintJulien);
        Assert.DoesNotContain(forum.Title, atSaintJulien);
        var later = await client.PageTextAsync($"/gestion/agenda?du={end}");
        Assert.DoesNotContain(forum.Title, later);
        Assert.Contains(draft.Title, later);

        var english = await client.PageTextAsync($"/gestion/agenda?du={day}&au={end}&culture=en");
        Assert.Contains("Agenda events", english);
        Assert.Contains("Confirmed / seats", english);
        Assert.Contains("Draft", english);
        Assert.Contains("There is a problem with the form", WebUtility.HtmlDecode(await (await client.PostFormAsync("/gestion/agenda/nouveau?culture=en", new() { ["intent"] = "publish" }, "/gestion/agenda/nouveau?culture=en")).Content.ReadAsStringAsync()));
    }
}
