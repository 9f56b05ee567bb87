using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Maillage.Agenda;
using Maillage.Entrepreneurship;
using Maillage.Entrepreneurship.Prospects;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// Prospects (issue 23 item 2): registrants of the programme's awareness meetings offered to its coaches, never
/// recorded without the consent the coach asks for; a prospect turned into a holder or dismissed is not offered again.
/// </summary>
public sealed class ProspectTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    /// <summary>A published event that took place <paramref name="daysAgo"/> days ago (negative: to come).</summary>
    private async Task<AgendaEvent> MeetingAsync(int daysAgo, string structure = "citeslab-saint-georges", EventType type = EventType.AwarenessMeeting)
    {
        var s = await app.StructureAsync("grand-geneve", structure);
        return await app.WithDbAsync(async db =>
        {
            var start = app.Clock.GetUtcNow().AddDays(-daysAgo);
            var e = new AgendaEvent
            {
                CiteId = s.CiteId, StructureId = s.Id, Title = $"Créer son activité {Guid.NewGuid():N}"[..28], Type = type,
                Theme = type == EventType.Workshop ? EventTheme.BusinessCreation : null,
                StartsAt = start, EndsAt = start.AddHours(2), Capacity = 30, RegistrationMode = RegistrationMode.Open,
                Status = EventStatus.Published, CreatedAt = start.AddDays(-30), PublishedAt = start.AddDays(-30),
            };
            db.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
    }

    private Task<long> RegistrantAsync(AgendaEvent e, string first, string last, RegistrationStatus status = RegistrationStatus.Confirmed,
        AttendanceStatus attendance = AttendanceStatus.Unknown, string? email = null) => app.WithDbAsync(async db =>
    {
        email ??= $"{first}.{last}.{Guid.NewGuid():N}@exemple.invalid".ToLowerInvariant();
        var r = new Registration
        {
            CiteId = e.CiteId, EventId = e.Id, Status = status, ManageToken = Registration.NewToken(), EmailKey = email,
            Person = new RegistrantDetails { FirstName = first, LastName = last, Email = email, Phone = "+33 6 11 22 33 44" },
            CreatedAt = e.StartsAt.AddDays(-5), ConfirmedAt = e.StartsAt.AddDays(-5), ConsentAt = e.StartsAt.AddDays(-5), Attendance = attendance,
        };
        db.Add(r);
        await db.SaveChangesAsync();
        return r.Id;
    });

    private static async Task<long[]> OfferedAsync(HttpClient api)
    {
        var response = await api.GetAsync("/api/v1/entrepreneurship/prospects");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetInt64())];
    }

    private static string[] BoardLinks(string html) =>
        [.. new HtmlParser().ParseDocument(html).QuerySelectorAll("section[aria-labelledby=prospects-title] a").Select(a => a.GetAttribute("href")!)];

    [Fact]
    public async Task Given_registrants_of_an_awareness_meeting_held_Then_the_coach_sees_them_as_prospects_and_records_one_with_consent_and_its_sensitised_step()
    {
        var meeting = await MeetingAsync(daysAgo: 6);
        var nadia = await RegistrantAsync(meeting, "Nadia", "Prospecte");
        var present = await RegistrantAsync(meeting, "Paul", "Present", attendance: AttendanceStatus.Present);
        // Not offered: the absent, the cancelled, the waiting list; a meeting to come; another kind of event; a meeting elsewhere.
        var absent = await RegistrantAsync(meeting, "Agathe", "Absente", attendance: AttendanceStatus.Absent);
        var cancelled = await RegistrantAsync(meeting, "Cyril", "Annule", RegistrationStatus.Cancelled);
        var waiting = await RegistrantAsync(meeting, "Wanda", "Attente", RegistrationStatus.Waitlisted);
        var future = await RegistrantAsync(await MeetingAsync(daysAgo: -3), "Futur", "Inscrit");
        var workshop = await RegistrantAsync(await MeetingAsync(daysAgo: 6, type: EventType.Workshop), "Walter", "Atelier");
        var elsewhere = await RegistrantAsync(await MeetingAsync(daysAgo: 6, structure: "annemasse"), "Elsa", "Ailleurs");
        var old = await RegistrantAsync(await MeetingAsync(daysAgo: 400), "Olga", "Ancienne");

        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var links = BoardLinks(await coach.GetStringAsync("/gestion/citeslab"));
        Assert.Contains($"/gestion/citeslab/nouveau?prospect={nadia}", links);
        Assert.Contains($"/gestion/citeslab/nouveau?prospect={present}", links);
        foreach (var id in new[] { absent, cancelled, waiting, future, workshop, elsewhere, old })
            Assert.DoesNotContain($"/gestion/citeslab/nouveau?prospect={id}", links);
        var item = new HtmlParser().ParseDocument(await coach.GetStringAsync("/gestion/citeslab"))
            .QuerySelectorAll("section[aria-labelledby=prospects-title] li").Single(li => li.InnerHtml.Contains($"prospect={nadia}\""));
        Assert.Equal($"Nadia Prospecte — {meeting.Title}, 17 novembre 2026", item.TextContent.Trim());

        // Opened: the consent text to read, the form prefilled with what the person gave the agenda.
        var form = new HtmlParser().ParseDocument(await coach.GetStringAsync($"/gestion/citeslab/nouveau?prospect={nadia}"));
        Assert.Contains("Prospect : Nadia Prospecte", form.QuerySelector("#prospect-title")!.TextContent);
        Assert.NotNull(form.QuerySelector("#consent-text"));
        Assert.Equal("Nadia", form.QuerySelector("#Input_FirstName")!.GetAttribute("value"));
        Assert.Equal("Prospecte", form.QuerySelector("#Input_LastName")!.GetAttribute("value"));
        Assert.StartsWith("nadia.prospecte.", form.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("+33 6 11 22 33 44", form.QuerySelector("#Input_Phone")!.GetAttribute("value"));
        Assert.Equal("AgendaEvent", form.QuerySelector("#Input_Prescriber option[selected]")!.GetAttribute("value"));
        Assert.False(form.QuerySelector("#Input_ConsentGiven")!.HasAttribute("checked"));

        var fields = new Dictionary<string, string>
        {
            ["prospect"] = nadia.ToString(), ["Input.FirstName"] = "Nadia", ["Input.LastName"] = "Prospecte", ["Input.Email"] = "nadia@exemple.invalid",
            ["Input.ConsentDate"] = "2026-11-23", ["Input.ConsentTextVersion"] = ConsentText.Version, ["Input.Covers"] = "Coaching",
            ["Input.Prescriber"] = "AgendaEvent", ["Input.PrescriberDetail"] = meeting.Title,
        };
        // Consent not ticked: nothing is recorded, the prospect stays offered.
        var refused = await coach.PostFormAsync("/gestion/citeslab/nouveau", new(fields), $"/gestion/citeslab/nouveau?prospect={nadia}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Sans consentement, aucune fiche n'est créée", await refused.TextAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().AnyAsync(h => h.LastName == "Prospecte")));
        Assert.Contains($"/gestion/citeslab/nouveau?prospect={nadia}", BoardLinks(await coach.GetStringAsync("/gestion/citeslab")));

        fields["Input.ConsentGiven"] = "true";
        var created = await coach.PostFormAsync("/gestion/citeslab/nouveau", new(fields), $"/gestion/citeslab/nouveau?prospect={nadia}");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"{created.StatusCode}: {await created.TextAsync()}");
        var holderId = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var holder = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().Include(h => h.Steps).SingleAsync(h => h.Id == holderId));
        Assert.Equal((Prescriber.AgendaEvent, new DateOnly(2026, 11, 23)), (holder.Prescriber, holder.Consent.GivenOn));
        var step = Assert.Single(holder.Steps);
        Assert.Equal((StepKind.Sensitised, new DateOnly(2026, 11, 17), (int?)meeting.Id), (step.Kind, step.Date, step.AgendaEventId));
        var decision = await app.WithDbAsync(db => db.Set<ProspectDecision>().IgnoreQueryFilters().SingleAsync(d => d.RegistrationId == nadia));
        Assert.Equal(ProspectOutcome.Converted, decision.Outcome);

        // Not offered again: not on the board, not in the API, and its page is a 404.
        Assert.DoesNotContain($"/gestion/citeslab/nouveau?prospect={nadia}", BoardLinks(await coach.GetStringAsync("/gestion/citeslab")));
        Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/gestion/citeslab/nouveau?prospect={nadia}")).StatusCode);
        var api = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope));
        var offered = await OfferedAsync(api);
        Assert.Contains(present, offered);
        Assert.DoesNotContain(nadia, offered);
    }

    [Fact]
    public async Task Given_a_prospect_dismissed_or_recorded_through_the_API_Then_it_is_not_offered_again_and_a_second_decision_is_refused()
    {
        var meeting = await MeetingAsync(daysAgo: 3);
        var dismissed = await RegistrantAsync(meeting, "Denis", "Ecarte");
        var viaApi = await RegistrantAsync(meeting, "Anna", "Api");
        var onPage = await RegistrantAsync(meeting, "Pia", "Page");
        var api = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope));

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/entrepreneurship/prospects/{dismissed}/dismiss", null)).StatusCode);
        Assert.DoesNotContain(dismissed, await OfferedAsync(api));
        await ProblemAsync(await api.PostAsync($"/api/v1/entrepreneurship/prospects/{dismissed}/dismiss", null), HttpStatusCode.NotFound);

        // The API's holder made from a prospect: consent first, then the sensitised step and the decision, all together.
        var body = JsonSerializer.SerializeToNode(Body("Anna", "Api"))!.AsObject();
        body["prospect"] = viaApi;
        body["consent"]!["given"] = false;
        var refused = await ProblemAsync(await api.PostAsJsonAsync("/api/v1/entrepreneurship/holders", body), HttpStatusCode.UnprocessableEntity);
        Assert.True(refused.GetProperty("errors").TryGetProperty("consent.given", out _));
        Assert.Contains(viaApi, await OfferedAsync(api));
        body["consent"]!["given"] = true;
        body["consent"]!["date"] = "2026-11-23";
        var id = await api.CreateHolderAsync(body);
        var steps = await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == id).ToListAsync());
        Assert.Equal([(StepKind.Sensitised, new DateOnly(2026, 11, 20), (int?)meeting.Id)], steps.Select(s => (s.Kind, s.Date, s.AgendaEventId)));
        Assert.DoesNotContain(viaApi, await OfferedAsync(api));
        var again = await ProblemAsync(await api.PostAsJsonAsync("/api/v1/entrepreneurship/holders", body), HttpStatusCode.UnprocessableEntity);
        Assert.True(again.GetProperty("errors").TryGetProperty("prospect", out _));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync(h => h.LastName == "Api")));

        // The page's dismissal.
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var gone = await coach.PostFormAsync("/gestion/citeslab/nouveau?handler=Dismiss", new() { ["prospect"] = onPage.ToString() }, $"/gestion/citeslab/nouveau?prospect={onPage}");
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.Contains("Pia Page ne sera plus proposé·e comme prospect.", await coach.PageTextAsync("/gestion/citeslab"));
        Assert.DoesNotContain($"/gestion/citeslab/nouveau?prospect={onPage}", BoardLinks(await coach.GetStringAsync("/gestion/citeslab")));
        Assert.Equal(ProspectOutcome.Dismissed, await app.WithDbAsync(db => db.Set<ProspectDecision>().IgnoreQueryFilters().Where(d => d.RegistrationId == onPage).Select(d => d.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task Given_someone_outside_the_programme_Then_no_prospect_is_shown_to_them()
    {
        var meeting = await MeetingAsync(daysAgo: 2);
        var registrant = await RegistrantAsync(meeting, "Zoe", "Confidentielle");
        // A coach of another place (Marseille) sees none of them; the Cité's administrator without the role is refused.
        var other = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "cite:marseille-paca"));
        Assert.DoesNotContain(registrant, await OfferedAsync(other));
        await ProblemAsync(await other.PostAsync($"/api/v1/entrepreneurship/prospects/{registrant}/dismiss", null), HttpStatusCode.NotFound);
        var admin = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/v1/entrepreneurship/prospects")).StatusCode);
        // Once the agenda has anonymised the registrant (its retention), the prospect is gone.
        await app.WithDbAsync(async db =>
        {
            var r = await db.Set<Registration>().IgnoreQueryFilters().SingleAsync(x => x.Id == registrant);
            r.Anonymise(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var coach = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope));
        Assert.DoesNotContain(registrant, await OfferedAsync(coach));
    }

    [Fact]
    public async Task Given_a_registrant_whose_email_is_a_holders_Then_only_her_coach_sees_it_as_already_followed_and_adds_the_sensitised_step_in_one_click()
    {
        var meeting = await MeetingAsync(daysAgo: 6);
        var day = DateOnly.FromDateTime(meeting.StartsAt.UtcDateTime);
        var coachUser = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var api = await app.ClientAsync(coachUser);
        var maya = await api.CreateHolderAsync(Body("Maya", "Dejasuivie", email: "Maya.Dejasuivie@Exemple.invalid"));
        var remi = await api.CreateHolderAsync(Body("Remi", "Dejareçu", email: "remi.dejarecu@exemple.invalid"));
        await api.StepAsync(remi, new { kind = "received", date = day.AddDays(-3).ToString("yyyy-MM-dd"), durationMinutes = 45 });
        // Case and spaces do not matter.
        var mayaProspect = await RegistrantAsync(meeting, "Maya", "Dejasuivie", email: " maya.dejasuivie@EXEMPLE.invalid ");
        var remiProspect = await RegistrantAsync(meeting, "Rémi", "Dejareçu", email: "REMI.dejarecu@exemple.invalid");
        var fresh = await RegistrantAsync(meeting, "Nouvelle", "Personne");

        // Another coach of the programme: the two are simply not offered (nothing tells her they are followed).
        var otherApi = await app.CoachAsync();
        var otherOffered = await OfferedAsync(otherApi);
        Assert.Contains(fresh, otherOffered);
        Assert.DoesNotContain(mayaProspect, otherOffered);
        Assert.DoesNotContain(remiProspect, otherOffered);
        var otherBoard = await (await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope)).PageTextAsync("/gestion/citeslab");
        Assert.DoesNotContain("Dejasuivie", otherBoard);
        Assert.DoesNotContain("déjà suivi", otherBoard);

        // Her coach: not offered as new (neither the list nor the new-holder form), shown as already followed.
        var offered = await OfferedAsync(api);
        Assert.DoesNotContain(mayaProspect, offered);
        var coach = await app.SignedInAsync(coachUser);
        Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/gestion/citeslab/nouveau?prospect={mayaProspect}")).StatusCode);
        var board = await coach.PageTextAsync("/gestion/citeslab");
        Assert.Contains($"déjà suivi·e : <a href=\"/gestion/citeslab/porteurs/{maya}\">Maya Dejasuivie</a>", board);
        Assert.Contains($"déjà suivi·e : <a href=\"/gestion/citeslab/porteurs/{remi}\">Remi Dejareçu</a>", board);
        // The two buttons' forms post to the board's handlers with their own antiforgery token (a browser got 400 without).
        Assert.Empty(PostForms.WithoutAntiforgeryToken(board));

        var added = await coach.PostFormAsync("/gestion/citeslab?handler=match", new() { ["prospect"] = mayaProspect.ToString() }, "/gestion/citeslab");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var step = Assert.Single(await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == maya).ToListAsync()));
        Assert.Equal((StepKind.Sensitised, day, (int?)meeting.Id), (step.Kind, step.Date, step.AgendaEventId));
        Assert.Equal(ProspectOutcome.Matched, await app.WithDbAsync(db => db.Set<ProspectDecision>().IgnoreQueryFilters().Where(d => d.RegistrationId == mayaProspect).Select(d => d.Outcome).SingleAsync()));

        // The step would be refused (a sensitisation after a reception): the board says why, nothing is saved.
        var refused = await coach.PostFormAsync("/gestion/citeslab?handler=match", new() { ["prospect"] = remiProspect.ToString() }, "/gestion/citeslab");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        board = await coach.PageTextAsync("/gestion/citeslab");
        Assert.Contains("La sensibilisation n'est pas ajoutée : Étape « Sensibilisé·e » impossible après « Reçu·e en individuel »", board);
        Assert.DoesNotContain($"déjà suivi·e : <a href=\"/gestion/citeslab/porteurs/{maya}\">", board);
        Assert.Contains($"déjà suivi·e : <a href=\"/gestion/citeslab/porteurs/{remi}\">Remi Dejareçu</a>", board);
        Assert.Single(await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == remi).ToListAsync()));
        Assert.False(await app.WithDbAsync(db => db.Set<ProspectDecision>().IgnoreQueryFilters().AnyAsync(d => d.RegistrationId == remiProspect)));

        // The other coach cannot act on it either.
        var otherBrowser = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.PostFormAsync("/gestion/citeslab?handler=match", new() { ["prospect"] = remiProspect.ToString() }, "/gestion/citeslab")).StatusCode);
    }
}
