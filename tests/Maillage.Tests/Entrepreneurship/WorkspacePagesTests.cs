using System.Net;
using AngleSharp.Html.Parser;
using Maillage.Entrepreneurship;
using Maillage.Platform.Audit;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// The coach's workspace pages (issue 23 item 3), without JavaScript: the creation form with consent, the anonymous
/// count, the quick entry of an interview, the timeline with its corrections, the board by stage, and who may open them.
/// </summary>
public sealed class WorkspacePagesTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Today = "2026-11-23"; // MaillageApp.DefaultNow

    private static Dictionary<string, string> NewHolder(string first, string last, bool consent = true) => new()
    {
        ["Input.FirstName"] = first, ["Input.LastName"] = last, ["Input.Email"] = $"{first.ToLowerInvariant()}@exemple.invalid",
        ["Input.ConsentGiven"] = consent ? "true" : "false", ["Input.ConsentDate"] = "2026-11-02", ["Input.ConsentTextVersion"] = ConsentText.Version,
        ["Input.Covers"] = "Coaching", ["Input.Prescriber"] = "AgendaEvent", ["Input.Activity"] = "Couture",
    };

    private static Dictionary<string, string> Interview(string date, string kind = "Received", string? duration = "45", string? next = null, string? nextOn = null) => new()
    {
        ["Input.Date"] = date, ["Input.Kind"] = kind, ["Input.DurationMinutes"] = duration ?? "", ["Input.Note"] = "Premier entretien à la permanence",
        ["Input.NextAction"] = next ?? "", ["Input.NextActionOn"] = nextOn ?? "",
    };

    private static void AssertRefused(HttpResponseMessage refused) =>
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true,
            $"{refused.StatusCode} {refused.Headers.Location}");

    private async Task<int> CreateAsync(HttpClient coach, string first, string last)
    {
        var created = await coach.PostFormAsync("/gestion/citeslab/nouveau", NewHolder(first, last));
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"{created.StatusCode}: {await created.TextAsync()}");
        return int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
    }

    [Fact]
    public async Task Given_a_coach_Then_she_creates_a_holder_with_consent_logs_an_interview_in_one_form_and_reads_the_timeline()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var id = await CreateAsync(coach, "Nadia", "Atelier");
        var holder = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().SingleAsync(h => h.Id == id));
        Assert.Equal(ConsentText.Version, holder.Consent.TextVersion);
        Assert.Equal(new DateOnly(2026, 11, 2), holder.Consent.GivenOn);
        Assert.Equal(Prescriber.AgendaEvent, holder.Prescriber);

        var logged = await coach.PostFormAsync($"/gestion/citeslab/porteurs/{id}", Interview("2026-11-16", next: "Rendez-vous business plan", nextOn: Today));
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var programme = await app.WithDbAsync(db => db.Set<Programme>().IgnoreQueryFilters().SingleAsync(p => p.Name == ReferenceProgramme.Name));
        var step = await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().SingleAsync(s => s.HolderId == id));
        Assert.Equal((StepKind.Received, new DateOnly(2026, 11, 16), 45, programme.StructureId), (step.Kind, step.Date, step.DurationMinutes!.Value, step.StructureId));
        Assert.Equal("Premier entretien à la permanence", step.Note);

        var page = await coach.PageTextAsync($"/gestion/citeslab/porteurs/{id}");
        Assert.Contains("Entretien du 16 novembre 2026 enregistré.", page);
        Assert.Contains("Reçu·e en individuel", page);
        Assert.Contains("Rendez-vous business plan", page);
        // Each opening of the record is written to the audit trail.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Read")) >= 1);

        // The board: the day's appointment, the holder in the column of her stage, the stage selector.
        var board = new HtmlParser().ParseDocument(await coach.GetStringAsync("/gestion/citeslab"));
        Assert.Contains(board.QuerySelectorAll("section[aria-labelledby=appointments-title] a"), a => a.GetAttribute("href") == $"/gestion/citeslab/porteurs/{id}");
        Assert.Contains(board.QuerySelectorAll("section[aria-labelledby=stage-received] a"), a => a.GetAttribute("href") == $"/gestion/citeslab/porteurs/{id}");
        var sensitised = new HtmlParser().ParseDocument(await coach.GetStringAsync("/gestion/citeslab?etape=sensitised"));
        Assert.Single(sensitised.QuerySelectorAll(".holder-column"));
        Assert.DoesNotContain(sensitised.QuerySelectorAll(".holder-column a"), a => a.GetAttribute("href") == $"/gestion/citeslab/porteurs/{id}");

        // The appointment held (an interview on its day, no new action): the action is done, gone from the record and the
        // board — not left there undated for months.
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync($"/gestion/citeslab/porteurs/{id}", Interview(Today, kind: "Amorcage"))).StatusCode);
        var done = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().SingleAsync(h => h.Id == id));
        Assert.Equal((null, null), (done.NextAction, done.NextActionOn));
        Assert.DoesNotContain("Rendez-vous business plan", await coach.PageTextAsync($"/gestion/citeslab/porteurs/{id}"));
        Assert.DoesNotContain("Rendez-vous business plan", await coach.PageTextAsync("/gestion/citeslab"));
    }

    [Fact]
    public async Task Given_a_step_corrected_Then_the_audit_trail_keeps_the_values_before_and_the_timeline_shows_them_and_a_correction_out_of_order_is_refused()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var id = await CreateAsync(coach, "Yasmina", "Correction");
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync($"/gestion/citeslab/porteurs/{id}", Interview("2026-11-03", "Sensitised", duration: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync($"/gestion/citeslab/porteurs/{id}", Interview("2026-11-10"))).StatusCode);
        var steps = await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == id).OrderBy(s => s.Date).ToListAsync());

        var url = $"/gestion/citeslab/porteurs/{id}/etape/{steps[1].Id}";
        var corrected = await coach.PostFormAsync(url, new() { ["Input.Kind"] = "Received", ["Input.Date"] = "2026-11-12", ["Input.DurationMinutes"] = "60", ["Input.Note"] = "Durée corrigée" });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(PipelineStep) && a.EntityId == steps[1].Id.ToString() && a.Action == "Modified").SingleAsync());
        Assert.Contains("2026-11-10", audit.Before);
        Assert.Contains("2026-11-12", audit.After);
        var page = await coach.PageTextAsync($"/gestion/citeslab/porteurs/{id}");
        Assert.Contains("Corrigé le 23 novembre 2026", page);
        Assert.Contains("10 novembre 2026", page); // the date before, struck through
        Assert.Contains("12 novembre 2026", page);

        // A correction that would put the reception before the sensitisation is refused; nothing changes.
        Assert.Equal(["Input_Date"], await InvalidFieldsAsync(await coach.PostFormAsync(url, new() { ["Input.Kind"] = "Received", ["Input.Date"] = "2026-11-01", ["Input.DurationMinutes"] = "60" })));
        Assert.Equal(new DateOnly(2026, 11, 12), await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.Id == steps[1].Id).Select(s => s.Date).SingleAsync()));
    }

    [Fact]
    public async Task Given_bad_input_Then_the_forms_name_each_field_and_nothing_is_half_saved()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var before = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync());
        // No consent, no record: the message points to the anonymous count.
        var refused = await coach.PostFormAsync("/gestion/citeslab/nouveau", NewHolder("Sans", "Consentement", consent: false));
        Assert.Equal(["Input_ConsentGiven"], await InvalidFieldsAsync(refused));
        Assert.Contains("comptez la personne de façon anonyme", await refused.TextAsync());
        var missing = NewHolder("", "");
        missing.Remove("Input.Prescriber");
        missing["Input.Email"] = "";
        missing["Input.Covers"] = "FollowUpContact";
        Assert.Equal(["Input_Covers", "Input_FirstName", "Input_LastName", "Input_Prescriber"], await InvalidFieldsAsync(await coach.PostFormAsync("/gestion/citeslab/nouveau", missing)));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync()));

        var id = await CreateAsync(coach, "Bad", "Interview");
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync($"/gestion/citeslab/porteurs/{id}", Interview("2026-11-10"))).StatusCode);
        var holderUrl = $"/gestion/citeslab/porteurs/{id}";
        Assert.Equal(["Input_Date"], await InvalidFieldsAsync(await coach.PostFormAsync(holderUrl, Interview("2026-11-24")))); // in the future
        Assert.Equal(["Input_Date"], await InvalidFieldsAsync(await coach.PostFormAsync(holderUrl, Interview("2026-11-09")))); // before the previous step
        Assert.Equal(["Input_Date"], await InvalidFieldsAsync(await coach.PostFormAsync(holderUrl, Interview("le 12")))); // not a date
        Assert.Equal(["Input_NextActionOn"], await InvalidFieldsAsync(await coach.PostFormAsync(holderUrl, Interview("2026-11-20", next: "Rappeler", nextOn: "2026-11-19"))));
        Assert.Equal(["Input_DurationMinutes"], await InvalidFieldsAsync(await coach.PostFormAsync(holderUrl, Interview("2026-11-20", duration: "900"))));
        Assert.Equal(["Input_Kind"], await InvalidFieldsAsync(await coach.PostFormAsync(holderUrl, Interview("2026-11-20", "FollowUp")))); // no creation yet
        var stored = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().Include(h => h.Steps).SingleAsync(h => h.Id == id));
        Assert.Single(stored.Steps);
        Assert.Null(stored.NextAction);

        // The step form: a wrong SIRET key, a referral without its partner.
        var stepUrl = $"/gestion/citeslab/porteurs/{id}/etape";
        Assert.Equal(["Input_Siret"], await InvalidFieldsAsync(await coach.PostFormAsync(stepUrl, new() { ["Input.Kind"] = "Created", ["Input.Date"] = "2026-11-20", ["Input.LegalForm"] = "SAS", ["Input.Siret"] = "73282932000075" })));
        Assert.Equal(["Input_Partner"], await InvalidFieldsAsync(await coach.PostFormAsync(stepUrl, new() { ["Input.Kind"] = "Referred", ["Input.Date"] = "2026-11-20", ["Input.Partner"] = "" })));
        Assert.Single(await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == id).ToListAsync()));
        // The referral to ADIE with its answer, then the creation with a right key.
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync(stepUrl, new() { ["Input.Kind"] = "Referred", ["Input.Date"] = "2026-11-16", ["Input.Partner"] = "adie", ["Input.Answer"] = "TakenOn", ["Input.AnsweredOn"] = "2026-11-18" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync(stepUrl, new() { ["Input.Kind"] = "Created", ["Input.Date"] = "2026-11-20", ["Input.LegalForm"] = "Micro-entreprise", ["Input.Siret"] = "732 829 320 00074", ["Input.CreatedInQpv"] = "true" })).StatusCode);
        var page = await coach.PageTextAsync(holderUrl);
        Assert.Contains("Vers ADIE", page);
        Assert.Contains("SIRET 73282932000074", page);
    }

    [Fact]
    public async Task Given_a_person_who_refuses_consent_Then_she_is_counted_without_a_record()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var (qpv, _, _) = await app.TerritoriesAsync();
        var holders = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync());
        async Task<int> CountedAsync() => await app.WithDbAsync(db => db.Set<AnonymousCount>().IgnoreQueryFilters().Where(c => c.Kind == StepKind.Sensitised && c.QpvId == qpv && c.Month == new DateOnly(2026, 11, 1)).SumAsync(c => c.Count));
        var counted = await CountedAsync();
        var done = await coach.PostFormAsync("/gestion/citeslab/nouveau?handler=Anonymous",
            new() { ["Anonymous.Kind"] = "Sensitised", ["Anonymous.Date"] = "2026-11-05", ["Anonymous.Count"] = "3", ["Anonymous.QpvId"] = qpv.ToString() }, "/gestion/citeslab/nouveau");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(counted + 3, await CountedAsync());
        Assert.Contains("3 personnes comptées sans fiche : ", await coach.PageTextAsync("/gestion/citeslab"));
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync("/gestion/citeslab/nouveau?handler=Anonymous",
            new() { ["Anonymous.Kind"] = "Received", ["Anonymous.Date"] = "2026-11-05", ["Anonymous.Count"] = "1" }, "/gestion/citeslab/nouveau")).StatusCode);
        Assert.Contains("1 personne comptée sans fiche : ", await coach.PageTextAsync("/gestion/citeslab")); // never « personne(s) »
        Assert.Equal(holders, await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync()));
        Assert.Equal(["Anonymous_Count"], await InvalidFieldsAsync(await coach.PostFormAsync("/gestion/citeslab/nouveau?handler=Anonymous",
            new() { ["Anonymous.Kind"] = "Sensitised", ["Anonymous.Date"] = "2026-11-05", ["Anonymous.Count"] = "0" }, "/gestion/citeslab/nouveau")));
    }

    [Fact]
    public async Task Given_people_outside_the_programme_Then_the_administrator_and_the_funder_are_refused_and_another_Cites_coach_gets_404()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var id = await CreateAsync(coach, "Privee", "Workspace");
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync($"/gestion/citeslab/porteurs/{id}", Interview("2026-11-10"))).StatusCode);
        var stepId = await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == id).Select(s => s.Id).SingleAsync());
        foreach (var (role, scope) in new[] { (StaffRole.Administrator, "cite:grand-geneve"), (StaffRole.Funder, "cite:grand-geneve"), (StaffRole.Coordinator, "cite:grand-geneve") })
        {
            var other = await app.SignedInAsAsync(role, scope);
            foreach (var url in new[] { "/gestion/citeslab", "/gestion/citeslab/nouveau", $"/gestion/citeslab/porteurs/{id}", $"/gestion/citeslab/porteurs/{id}/etape/{stepId}" })
                AssertRefused(await other.GetAsync(url));
            Assert.DoesNotContain("/gestion/citeslab", await other.GetStringAsync("/gestion"));
        }
        var marseille = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/gestion/citeslab/porteurs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/gestion/citeslab/porteurs/{id}/etape/{stepId}")).StatusCode);
        Assert.DoesNotContain("Privee Workspace", await marseille.PageTextAsync("/gestion/citeslab"));
        // Her own form's token, posted to the other programme's holder: 404, nothing added.
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.PostFormAsync($"/gestion/citeslab/porteurs/{id}", Interview("2026-11-20"), "/gestion/citeslab/nouveau")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().CountAsync(s => s.HolderId == id)));
        // Without the form's antiforgery token, a post is refused.
        var forged = await coach.PostAsync($"/gestion/citeslab/porteurs/{id}", new FormUrlEncodedContent(Interview("2026-11-20")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Given_the_programme_manager_Then_her_board_shows_every_coachs_holders_with_a_choice_of_her_own_and_a_coach_sees_only_hers()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var id = await CreateAsync(coach, "Salima", "Suivie");
        var manager = await app.SignedInAsAsync(StaffRole.EntrepreneurshipManager, "partner:grand-geneve/Maison de l'Economie Développement");
        var board = await manager.PageTextAsync("/gestion/citeslab");
        Assert.Contains("Salima Suivie", board);
        Assert.Contains("Tout le programme", board);
        Assert.DoesNotContain("Salima Suivie", await manager.PageTextAsync("/gestion/citeslab?vue=mes"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/gestion/citeslab/porteurs/{id}")).StatusCode);

        var colleague = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var hers = await colleague.PageTextAsync("/gestion/citeslab");
        Assert.DoesNotContain("Salima Suivie", hers);
        Assert.DoesNotContain("Tout le programme", hers);
        Assert.DoesNotContain("Salima Suivie", await colleague.PageTextAsync("/gestion/citeslab?vue=programme"));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/gestion/citeslab/porteurs/{id}")).StatusCode);
    }

    [Fact]
    public async Task Given_a_coach_Then_the_menu_offers_the_workspace_and_she_lands_on_it()
    {
        var user = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var client = await app.SignedInAsync(user);
        var menu = new HtmlParser().ParseDocument(await client.GetStringAsync("/gestion")).QuerySelectorAll("nav.main-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/gestion/citeslab", menu);
        var start = await client.GetAsync("/gestion/depart");
        Assert.Equal("/gestion/citeslab", start.Headers.Location?.OriginalString);
    }
}
