using System.Net;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Agenda.Operations;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network.Admin;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>The organiser's page of an event's registrants: the list by status, every action as a form post, the exports, who may see it.</summary>
public sealed class RegistrantsPageTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private static string Url(AgendaEvent e) => $"/gestion/agenda/{e.Id}/inscrits";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, AgendaEvent e, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync($"{Url(e)}?handler={handler}", fields, Url(e));

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, AgendaEvent e, string handler, long registrationId, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string>(more ?? []) { ["registrationId"] = registrationId.ToString() };
        return PostAsync(client, e, handler, fields);
    }

    /// <summary>Follows the redirect of a post and returns the page text (with its one-time message).</summary>
    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.PageTextAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Given_an_event_with_every_status_Then_the_organiser_sees_them_grouped_with_positions_offers_and_counts()
    {
        var e = await app.EventAsync(capacity: 2, promotion: WaitlistPromotion.Offer);
        var ana = await app.RegisterAsync(e, "Ana", "Alves");
        await app.RegisterAsync(e, "Bruno", "Blanc");
        var chloe = await app.RegisterAsync(e, "Chloé", "Cruz");
        await app.RegisterAsync(e, "David", "Dumas");
        await app.RegisterAsync(e, "Emma", "Eyraud");
        await app.UseAsync((Cancellations d) => d.CancelAsync(ana.Registration.ManageToken!)); // Chloé is offered Ana's seat

        var page = await (await app.OrganiserAsync()).PageTextAsync(Url(e));
        Assert.Contains("Confirmé·es (1)", page);
        Assert.Contains("Places proposées (en attente de réponse) (1)", page);
        Assert.Contains("Liste d'attente, dans l'ordre (2)", page);
        Assert.Contains("Annulées, refusées ou expirées (1)", page);
        var offer = (await app.ReadAsync(chloe.Registration.Id)).OfferExpiresAt!.Value;
        Assert.Contains(TimeZoneInfo.ConvertTime(offer, e.TimeZone).ToString("dd/MM/yyyy HH:mm"), page);
        Assert.Matches(@"<td>1</td>\s*<th scope=""row"">Dumas David", page);
        Assert.Matches(@"<td>2</td>\s*<th scope=""row"">Eyraud Emma", page);
        Assert.Matches(@"Capacité</dt><dd>2</dd>", page);
        Assert.Matches(@"Places libres</dt><dd>0</dd>", page);
        Assert.Matches(@"En liste d'attente</dt><dd>2</dd>", page);
        Assert.Contains("par la personne", page);
        Assert.Contains("href=\"/gestion/agenda\"", page);

        var english = await (await app.OrganiserAsync()).PageTextAsync($"{Url(e)}?culture=en");
        Assert.Contains("Waiting list, in order (2)", english);
        Assert.Contains("Seats offered (awaiting an answer) (1)", english);
        Assert.Contains("Confirm now", english);
        Assert.DoesNotContain("Liste d'attente", english);
    }

    [Fact]
    public async Task Given_approval_mode_When_the_organiser_accepts_and_declines_Then_each_person_is_told_and_a_full_event_keeps_the_request_pending()
    {
        var e = await app.EventAsync(capacity: 1, mode: RegistrationMode.Approval);
        var first = await app.RegisterAsync(e, "Inès", "Ibert");
        var second = await app.RegisterAsync(e, "Jules", "Joly");
        var third = await app.RegisterAsync(e, "Kenza", "Khelif");
        Assert.All(new[] { first, second, third }, o => Assert.Equal(RegistrationStatus.Pending, o.Registration.Status));
        var client = await app.OrganiserAsync();

        var page = await FollowAsync(client, await ActAsync(client, e, "Accept", first.Registration.Id));
        Assert.Contains("Inès Ibert : demande acceptée, la place est confirmée.", page);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(first.Registration.Id)).Status);
        Assert.Equal(["agenda.pending", "agenda.confirmation"], await app.MailKindsAsync(first.Registration.Id));

        page = await FollowAsync(client, await ActAsync(client, e, "Accept", second.Registration.Id));
        Assert.Contains("Jules Joly : L'action est complète : augmentez la capacité pour accepter cette demande.", page);
        Assert.Equal(RegistrationStatus.Pending, (await app.ReadAsync(second.Registration.Id)).Status);
        Assert.Equal(1, (await app.ReloadAsync(e.Id)).SeatsTaken);

        page = await FollowAsync(client, await ActAsync(client, e, "Decline", third.Registration.Id));
        Assert.Contains("Kenza Khelif : demande refusée.", page);
        Assert.Equal(RegistrationStatus.Declined, (await app.ReadAsync(third.Registration.Id)).Status);
        Assert.Equal(["agenda.pending", "agenda.declined"], await app.MailKindsAsync(third.Registration.Id));

        // Answered once: a second decision is refused and changes nothing.
        page = await FollowAsync(client, await ActAsync(client, e, "Accept", third.Registration.Id));
        Assert.Contains("Cette demande a déjà reçu une réponse.", page);
        Assert.Equal(RegistrationStatus.Declined, (await app.ReadAsync(third.Registration.Id)).Status);
    }

    [Fact]
    public async Task Given_a_waiting_person_When_promoted_Then_they_are_confirmed_only_if_a_seat_is_free()
    {
        var e = await app.EventAsync(capacity: 1);
        await app.RegisterAsync(e, "Léa", "Lopez");
        var waiting = await app.RegisterAsync(e, "Malik", "Mercier");
        var client = await app.OrganiserAsync();

        var page = await FollowAsync(client, await ActAsync(client, e, "Promote", waiting.Registration.Id));
        Assert.Contains("Aucune place libre : augmentez la capacité d'abord.", page);
        Assert.Equal(RegistrationStatus.Waitlisted, (await app.ReadAsync(waiting.Registration.Id)).Status);

        await app.WithDbAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, 2)));
        page = await FollowAsync(client, await ActAsync(client, e, "Promote", waiting.Registration.Id));
        Assert.Contains("Malik Mercier est confirmé·e.", page);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(waiting.Registration.Id)).Status);
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).SeatsTaken);
        Assert.Equal("agenda.promoted", (await app.LastMailAsync(waiting.Registration.Id)).Kind);
    }

    [Theory]
    [InlineData(WaitlistPromotion.Direct, RegistrationStatus.Confirmed, "agenda.promoted")]
    [InlineData(WaitlistPromotion.Offer, RegistrationStatus.Offered, "agenda.offer")]
    public async Task Given_a_confirmed_person_When_removed_by_staff_Then_they_are_told_and_the_next_is_promoted_per_the_event_mode(WaitlistPromotion promotion, RegistrationStatus next, string nextMail)
    {
        var e = await app.EventAsync(capacity: 1, promotion: promotion);
        var nina = await app.RegisterAsync(e, "Nina", "Noël");
        var oscar = await app.RegisterAsync(e, "Oscar", "Olivier");
        var client = await app.OrganiserAsync();

        var page = await FollowAsync(client, await ActAsync(client, e, "Remove", nina.Registration.Id));
        Assert.Contains("Nina Noël est retiré·e de la liste", page);
        var removed = await app.ReadAsync(nina.Registration.Id);
        Assert.Equal((RegistrationStatus.Cancelled, CancelledBy.Organiser), (removed.Status, removed.CancelledBy));
        Assert.Equal("agenda.removed", (await app.LastMailAsync(nina.Registration.Id)).Kind);
        Assert.Equal(next, (await app.ReadAsync(oscar.Registration.Id)).Status);
        Assert.Equal(nextMail, (await app.LastMailAsync(oscar.Registration.Id)).Kind);
        Assert.Equal(1, (await app.ReloadAsync(e.Id)).SeatsTaken);

        page = await FollowAsync(client, await ActAsync(client, e, "Remove", nina.Registration.Id));
        Assert.Contains("Cette inscription est déjà annulée ou close.", page);
        Assert.Equal(1, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_the_add_form_When_staff_register_a_person_Then_the_public_rules_apply_consent_is_recorded_and_the_window_does_not_bind_staff()
    {
        var e = await app.EventAsync(capacity: 1);
        await app.WithDbAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationClosesAt, app.Clock.GetUtcNow().AddDays(-1))));
        var client = await app.OrganiserAsync();

        var empty = await PostAsync(client, e, "Add", new() { ["Add.FirstName"] = "", ["Add.LastName"] = "Roux", ["Add.Email"] = "pas-une-adresse" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var text = await empty.TextAsync();
        Assert.Contains("Le formulaire contient des erreurs", text);
        Assert.Contains("href=\"#Add_FirstName\">Indiquez votre prénom.", text);
        var noConsent = await (await PostAsync(client, e, "Add", new() { ["Add.FirstName"] = "Paul", ["Add.LastName"] = "Roux", ["Add.Email"] = "paul.roux@example.org" })).TextAsync();
        Assert.Contains("Cochez la case de consentement", noConsent);
        Assert.Empty(await app.RegistrationsAsync(e.Id));

        var fields = new Dictionary<string, string>
        {
            ["Add.FirstName"] = "Paul", ["Add.LastName"] = "Roux", ["Add.Email"] = "Paul.Roux@example.org", ["Add.Phone"] = "06 12 34 56 78",
            ["Add.PublicStatus"] = "JobSeeker", ["Add.Consent"] = "true",
        };
        var page = await FollowAsync(client, await PostAsync(client, e, "Add", fields));
        Assert.Contains("Paul Roux est inscrit·e, place confirmée.", page);
        var paul = Assert.Single(await app.RegistrationsAsync(e.Id));
        Assert.Equal((RegistrationStatus.Confirmed, RegistrationSource.Organiser, PublicStatus.JobSeeker, "06 12 34 56 78"), (paul.Status, paul.Source, paul.PublicStatus, paul.Person.Phone));
        Assert.Equal(app.Clock.GetUtcNow(), paul.ConsentAt);
        Assert.Equal("agenda.confirmation", (await app.LastMailAsync(paul.Id)).Kind);

        fields["Add.Email"] = "paul.roux@EXAMPLE.org";
        page = await FollowAsync(client, await PostAsync(client, e, "Add", fields));
        Assert.Contains("Paul Roux était déjà inscrit·e avec cette adresse (confirmée) : rien n'est changé.", page);
        Assert.Single(await app.RegistrationsAsync(e.Id));

        // Full, and no waiting list in open mode: refused with the rule's message.
        var open = await app.EventAsync(capacity: 0, mode: RegistrationMode.Open);
        var full = await (await PostAsync(client, open, "Add", new(fields) { ["Add.Email"] = "zoe@example.org" })).TextAsync();
        Assert.Contains("L'action est complète.", full);
        Assert.Empty(await app.RegistrationsAsync(open.Id));
    }

    [Fact]
    public async Task Given_an_event_with_questions_Then_staff_must_answer_required_ones_and_answers_show_on_the_page_the_export_and_the_API()
    {
        var e = await app.EventAsync(capacity: 5);
        var question = await app.QuestionAsync(e, "Métier recherché", required: true);
        var client = await app.OrganiserAsync();
        var fields = new Dictionary<string, string>
        {
            ["Add.FirstName"] = "Yanis", ["Add.LastName"] = "Yildiz", ["Add.Email"] = "yanis@example.org", ["Add.Consent"] = "true",
        };
        var missing = await (await PostAsync(client, e, "Add", fields)).TextAsync();
        Assert.Contains($"href=\"#Add_Answers_{question.Id}_\">Répondez à la question « Métier recherché ».", missing);
        Assert.Empty(await app.RegistrationsAsync(e.Id));

        fields[$"Add.Answers[{question.Id}]"] = "Boulanger";
        var page = await FollowAsync(client, await PostAsync(client, e, "Add", fields));
        Assert.Matches(@"<dt>Métier recherché</dt><dd>Boulanger</dd>", page);

        var rows = SpreadsheetFile.ReadRows(await (await client.GetAsync($"{Url(e)}?format=csv")).Content.ReadAsStreamAsync(), SpreadsheetFormat.Csv);
        Assert.Equal("Métier recherché", rows[0][^1]);
        Assert.Equal("Boulanger", rows[1][^1]);
        var api = await (await app.ApiClientAsync()).GetStringAsync($"/api/v1/events/{e.Id}/registrations");
        Assert.Contains($"\"answers\":{{\"{question.Id}\":\"Boulanger\"}}", api);
    }

    [Fact]
    public async Task Given_a_move_When_the_target_has_room_a_waiting_list_or_neither_Then_one_transaction_moves_the_person_or_nothing_changes()
    {
        var here = await app.EventAsync(capacity: 1);
        var roomy = await app.EventAsync(capacity: 5, startsIn: TimeSpan.FromDays(40));
        var fullWithList = await app.EventAsync(capacity: 1, startsIn: TimeSpan.FromDays(41));
        var fullNoList = await app.EventAsync(capacity: 0, mode: RegistrationMode.Open, startsIn: TimeSpan.FromDays(42));
        await app.RegisterAsync(fullWithList, "Déjà", "Là");
        var quentin = await app.RegisterAsync(here, "Quentin", "Quéré");
        var rose = await app.RegisterAsync(here, "Rose", "Rey");
        var client = await app.OrganiserAsync();

        var refused = await FollowAsync(client, await ActAsync(client, here, "Move", quentin.Registration.Id, new() { ["targetEventId"] = fullNoList.Id.ToString() }));
        Assert.Contains("est complète et sans liste d'attente : rien n'a été changé.", refused);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(quentin.Registration.Id)).Status);
        Assert.Empty(await app.RegistrationsAsync(fullNoList.Id));
        Assert.Equal(1, (await app.ReloadAsync(here.Id)).SeatsTaken);

        var page = await FollowAsync(client, await ActAsync(client, here, "Move", quentin.Registration.Id, new() { ["targetEventId"] = roomy.Id.ToString() }));
        Assert.Contains($"Quentin Quéré est déplacé·e vers « {roomy.Title} »", page);
        Assert.Contains("place confirmée", page);
        var old = await app.ReadAsync(quentin.Registration.Id);
        Assert.Equal((RegistrationStatus.Cancelled, CancelledBy.Organiser), (old.Status, old.CancelledBy));
        var moved = Assert.Single(await app.RegistrationsAsync(roomy.Id));
        Assert.Equal((RegistrationStatus.Confirmed, "quentin", "Quéré"), (moved.Status, moved.Person.FirstName![..7].ToLowerInvariant(), moved.Person.LastName));
        Assert.NotEqual(old.ManageToken, moved.ManageToken);
        var mail = await app.LastMailAsync(moved.Id);
        Assert.Equal("agenda.moved", mail.Kind);
        Assert.Contains(here.Title, mail.TextBody);
        Assert.Contains(moved.ManageToken!, mail.TextBody);
        Assert.Equal("invitation.ics", mail.AttachmentName);
        // Here, Rose takes the freed seat (direct mode).
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(rose.Registration.Id)).Status);
        Assert.Equal(1, (await app.ReloadAsync(here.Id)).SeatsTaken);
        Assert.Equal(1, (await app.ReloadAsync(roomy.Id)).SeatsTaken);

        page = await FollowAsync(client, await ActAsync(client, here, "Move", rose.Registration.Id, new() { ["targetEventId"] = fullWithList.Id.ToString() }));
        Assert.Contains("en position 1 sur la liste d'attente", page);
        var waiting = (await app.RegistrationsAsync(fullWithList.Id)).Single(r => r.Person.FirstName == "Rose");
        Assert.Equal(RegistrationStatus.Waitlisted, waiting.Status);
        Assert.Equal(0, (await app.ReloadAsync(here.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_a_move_to_an_event_of_another_Cite_or_one_not_listed_Then_it_is_refused()
    {
        var here = await app.EventAsync(capacity: 3);
        var marseille = await app.NewEventAsync(app.Clock.GetUtcNow().AddDays(20), citeSlug: "marseille-paca", structureSlug: null);
        var sameEvent = here;
        var person = await app.RegisterAsync(here, "Sami", "Saïd");
        var later = await app.EventAsync(capacity: 3, startsIn: TimeSpan.FromDays(25));
        var client = await app.OrganiserAsync();
        var page = await client.PageTextAsync($"{Url(here)}/{person.Registration.Id}/deplacer");
        Assert.Contains($"<option value=\"{later.Id}\">", page);
        Assert.DoesNotContain(marseille.Title, page);
        Assert.DoesNotContain($"<option value=\"{here.Id}\">", page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Url(later)}/{person.Registration.Id}/deplacer")).StatusCode);
        Assert.Contains($"action=\"{Url(here)}?handler=Move\"", page); // the move page's form posts to this page, with its antiforgery token
        Assert.Contains("__RequestVerificationToken", page);

        foreach (var target in new[] { marseille.Id, sameEvent.Id, 987654 })
        {
            var text = await FollowAsync(client, await ActAsync(client, here, "Move", person.Registration.Id, new() { ["targetEventId"] = target.ToString() }));
            Assert.Contains("Choisissez une action de la liste.", text);
        }
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(person.Registration.Id)).Status);
        Assert.Empty(await app.RegistrationsAsync(marseille.Id));
    }

    [Fact]
    public async Task Given_the_capacity_form_Then_lowering_below_the_seats_taken_names_them_and_raising_promotes()
    {
        var e = await app.EventAsync(capacity: 2);
        for (var i = 0; i < 4; i++) await app.RegisterAsync(e, $"Tom{i}", "Thomas");
        var client = await app.OrganiserAsync();

        var refused = await PostAsync(client, e, "Capacity", new() { ["Capacity.Value"] = "1" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = await refused.TextAsync();
        Assert.Contains("2 places sont déjà prises : la capacité ne peut pas descendre en dessous.", text);
        Assert.Contains("href=\"#Capacity_Value\"", text);
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).Capacity);

        Assert.Contains("Indiquez la capacité en nombre entier", await (await PostAsync(client, e, "Capacity", new() { ["Capacity.Value"] = "-3" })).TextAsync());

        var page = await FollowAsync(client, await PostAsync(client, e, "Capacity", new() { ["Capacity.Value"] = "3" }));
        Assert.Contains("Capacité : 3 places. 1 personne de la liste d'attente confirmée ou invitée", page);
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(3, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(1, regs.Count(r => r.Status == RegistrationStatus.Waitlisted));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("ods")]
    public async Task Given_an_export_Then_the_file_lists_every_registrant_with_status_and_position(string format)
    {
        var e = await app.EventAsync(capacity: 1);
        await app.RegisterAsync(e, "Ugo", "Urban", "ugo@example.org");
        await app.RegisterAsync(e, "Véra", "Vidal", "vera@example.org");
        var response = await (await app.OrganiserAsync()).GetAsync($"{Url(e)}?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"inscrits-{e.Id}-{e.LocalStart:yyyy-MM-dd}.{format}", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True(SpreadsheetFile.TryParseFormat(format, out var f));
        var read = SpreadsheetFile.ReadRows(await response.Content.ReadAsStreamAsync(), f);
        // XLSX and ODS start with a title row (the event, the day of extraction); CSV keeps one heading line.
        if (f != SpreadsheetFormat.Csv) Assert.StartsWith("Inscrits — ", Assert.Single(read[0]));
        var rows = f == SpreadsheetFormat.Csv ? read : read.Skip(1).ToList();
        Assert.Equal(["Statut", "Position", "Nom", "Prénom", "E-mail"], rows[0].Take(5));
        Assert.Equal(["Confirmée", "", "Urban", "Ugo", "ugo@example.org"], rows[1].Take(5));
        Assert.Equal(["En liste d'attente", "1", "Vidal", "Véra", "vera@example.org"], rows[2].Take(5));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task Given_people_outside_the_event_scope_Then_a_reception_agent_gets_403_Marseille_404_and_another_events_registration_404()
    {
        var e = await app.EventAsync(capacity: 2);
        var other = await app.EventAsync(capacity: 2);
        var stranger = await app.RegisterAsync(other, "Xavier", "Xu");

        var agent = await app.OrganiserAsync(StaffRole.ReceptionAgent);
        AssertDenied(await agent.GetAsync(Url(e)));
        Assert.DoesNotContain("/inscrits", await agent.PageTextAsync($"/gestion/agenda/{e.Id}/emargement")); // no link the agent could not follow
        Assert.Contains($"/gestion/agenda/{e.Id}/inscrits", await (await app.OrganiserAsync()).PageTextAsync($"/gestion/agenda/{e.Id}/emargement"));
        var marseille = await app.OrganiserAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync(Url(e))).StatusCode);
        var otherStructure = await app.OrganiserAsync(StaffRole.EventOrganiser, "structure:grand-geneve/saint-julien-en-genevois");
        AssertDenied(await otherStructure.GetAsync(Url(e)));
        var coordinator = await app.OrganiserAsync(StaffRole.Coordinator, "cite:grand-geneve");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(Url(e))).StatusCode);

        var organiser = await app.OrganiserAsync();
        var response = await ActAsync(organiser, e, "Remove", stranger.Registration.Id);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(stranger.Registration.Id)).Status);
        var anonymous = await app.Browser().GetAsync(Url(e));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/gestion/connexion", anonymous.Headers.Location!.ToString());
    }

    /// <summary>Pages answer a refusal with the "access denied" page (a redirect), not the list.</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("acces-refuse", response.Headers.Location!.ToString());
    }
}
