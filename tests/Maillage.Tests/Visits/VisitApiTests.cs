using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using static Maillage.Tests.Visits.VisitsTestData;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Visits;

public sealed class VisitApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<(HttpClient Client, Structure SaintJulien)> ReceptionAsync()
    {
        var saintJulien = await app.StructureAsync("grand-geneve", "saint-julien-en-genevois");
        var agent = await app.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{saintJulien.Id}");
        return (await TokenClientAsync(agent), saintJulien);
    }

    private Task<HttpClient> TokenClientAsync(StaffUser user) => app.TokenClientAsync(user);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<int> CountAsync(int structureId) => app.VisitsAtAsync(structureId);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Given_a_reception_agent_of_Saint_Julien_When_posting_one_visit_Then_it_is_recorded_once_with_its_time_rounded_to_the_quarter_hour()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var id = Guid.NewGuid();
        var visit = AVisit(saintJulien.Id, id, app.Clock.GetUtcNow().AddMinutes(-20).AddSeconds(-7)); // 08:39:53 UTC
        visit["residence"] = "outsideSwitzerland";
        visit["firstVisit"] = true;
        visit["diplomaLevel"] = "bacPlus2";

        var first = await client.PostAsJsonAsync("/api/v1/visits", visit);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32());

        var again = await client.PostAsJsonAsync("/api/v1/visits", visit);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32());

        var visitId = await app.WithDbAsync(db => db.VisitReceipts.IgnoreQueryFilters().Where(r => r.ClientId == id).Select(r => r.VisitId).SingleAsync());
        var stored = await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().SingleAsync(v => v.Id == visitId));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero), stored.OccurredAt);
        Assert.Equal(saintJulien.CiteId, stored.CiteId);
        Assert.Equal(PublicStatus.JobSeeker, stored.PublicStatus);
        Assert.Equal(AgeBracket.From26To44, stored.AgeBracket);
        Assert.Equal(Residence.OutsideSwitzerland, stored.ResidenceId);
        Assert.True(stored.FirstVisit);
        Assert.Equal(DiplomaLevel.BacPlus2, stored.Diploma);
        Assert.Equal(EntrySource.Api, stored.Source);
        Assert.Equal(Needs.JobSearch, stored.Needs);
        Assert.Equal(1, await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().CountAsync(v => v.StructureId == saintJulien.Id && v.Id >= visitId)));
    }

    [Fact]
    public async Task Given_a_batch_partly_already_received_Then_only_the_new_visits_are_counted()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var before = await CountAsync(saintJulien.Id);
        var earlier = AVisit(saintJulien.Id);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/visits", earlier)).StatusCode);

        var batch = new[] { earlier, AVisit(saintJulien.Id), AVisit(saintJulien.Id), AVisit(saintJulien.Id) };
        var response = await client.PostAsJsonAsync("/api/v1/visits", batch);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("recorded").GetInt32());
        Assert.Equal(4, body.GetProperty("received").GetInt32());
        Assert.Equal(before + 4, await CountAsync(saintJulien.Id));
    }

    [Fact]
    public async Task Given_the_same_entry_resent_concurrently_Then_it_is_recorded_exactly_once()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var before = await CountAsync(saintJulien.Id);
        var visit = AVisit(saintJulien.Id);
        var other = AVisit(saintJulien.Id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.PostAsJsonAsync("/api/v1/visits", i % 2 == 0 ? new[] { visit } : new[] { visit, other })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var recorded = 0;
        foreach (var r in responses) recorded += (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32();
        Assert.Equal(2, recorded);
        Assert.Equal(before + 2, await CountAsync(saintJulien.Id));
    }

    [Fact]
    public async Task Given_a_personal_field_When_posting_Then_400_names_the_unknown_property_and_nothing_is_saved()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var before = await CountAsync(saintJulien.Id);
        var visit = AVisit(saintJulien.Id);
        visit["email"] = "jeanne.dupont@example.org";
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", new[] { AVisit(saintJulien.Id), visit }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("[1].email", out _), problem.ToString());
        Assert.Equal("Visite à l'index 1 : propriété inconnue « email ». Une visite ne contient que des catégories : " +
                     "ageBracket, channel, clientId, diplomaLevel, durationBracket, firstVisit, gender, kind, needs, occurredAt, partnerId, " +
                     "publicStatus, referral, residence, services, structureId.", problem.GetProperty("title").GetString());
        Assert.Equal(before, await CountAsync(saintJulien.Id));
    }

    [Theory]
    [InlineData("fr", "publicStatus", "\"astronaut\"", false, "publicStatus",
        "Valeur invalide pour publicStatus. Valeurs admises : pupil, student, apprentice, jobSeeker, employee, selfEmployed, senior, parent, professional, other.")]
    [InlineData("en", "publicStatus", "\"astronaut\"", true, "[0].publicStatus",
        "Visit at index 0: invalid value for publicStatus. Allowed values: pupil, student, apprentice, jobSeeker, employee, selfEmployed, senior, parent, professional, other.")]
    [InlineData("fr", "publicStatus", "3", false, "publicStatus", // numbers are not categories: 3 would have been read as jobSeeker
        "Valeur invalide pour publicStatus. Valeurs admises : pupil, student, apprentice, jobSeeker, employee, selfEmployed, senior, parent, professional, other.")]
    [InlineData("fr", "needs", "[\"orientation\", \"astronaut\"]", true, "[0].needs[1]",
        "Visite à l'index 0 : valeur invalide pour needs[1] : une liste de valeurs parmi orientation, jobSearch, trainingCareerChange, businessCreation, internshipApprenticeship, other.")]
    public async Task Given_a_value_that_is_no_category_When_posting_Then_422_names_the_field_and_lists_the_values_it_takes(
        string language, string property, string json, bool batch, string field, string title)
    {
        var (client, saintJulien) = await ReceptionAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var visit = AVisit(saintJulien.Id);
        visit[property] = JsonDocument.Parse(json).RootElement;
        object body = batch ? new[] { visit } : visit;
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", body), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Given_one_bad_record_in_a_batch_Then_the_batch_is_refused_whole_naming_the_index()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var before = await CountAsync(saintJulien.Id);
        var bad = AVisit(saintJulien.Id);
        bad["ageBracket"] = "27-43";
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", new[] { AVisit(saintJulien.Id), AVisit(saintJulien.Id), bad }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("[2].ageBracket", out _), problem.ToString());
        Assert.Contains("index 2", problem.GetProperty("title").GetString());

        var unknownNeed = AVisit(saintJulien.Id);
        unknownNeed["needs"] = new[] { "astrology" };
        problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", new[] { unknownNeed }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("[0].needs[0]", out _) || problem.GetProperty("errors").TryGetProperty("[0].needs", out _), problem.ToString());

        var missing = AVisit(saintJulien.Id);
        missing.Remove("gender");
        problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", missing), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("gender", out _), problem.ToString());

        var durationOnAVisit = AVisit(saintJulien.Id);
        durationOnAVisit["durationBracket"] = "15-30";
        problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", durationOnAVisit), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("durationBracket", out _), problem.ToString());
        Assert.Equal(before, await CountAsync(saintJulien.Id));
    }

    [Fact]
    public async Task Given_dates_out_of_range_duplicates_or_too_many_Then_clear_problems_and_nothing_saved()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var before = await CountAsync(saintJulien.Id);
        var now = app.Clock.GetUtcNow();

        var future = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", AVisit(saintJulien.Id, at: now.AddHours(2))), HttpStatusCode.UnprocessableEntity);
        Assert.True(future.GetProperty("errors").TryGetProperty("occurredAt", out _));
        var old = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", new[] { AVisit(saintJulien.Id), AVisit(saintJulien.Id, at: now.AddYears(-2)) }), HttpStatusCode.UnprocessableEntity);
        Assert.True(old.GetProperty("errors").TryGetProperty("[1].occurredAt", out _));

        var id = Guid.NewGuid();
        var duplicated = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", new[] { AVisit(saintJulien.Id, id), AVisit(saintJulien.Id), AVisit(saintJulien.Id, id) }), HttpStatusCode.UnprocessableEntity);
        Assert.True(duplicated.GetProperty("errors").TryGetProperty("[2].clientId", out _), duplicated.ToString());

        var tooMany = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", Enumerable.Range(0, 1001).Select(_ => AVisit(saintJulien.Id)).ToArray()), HttpStatusCode.UnprocessableEntity);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("visits", out _));

        var malformed = await ProblemAsync(await client.PostAsync("/api/v1/visits", Json("[{\"clientId\": ")), HttpStatusCode.BadRequest);
        Assert.Contains("JSON", malformed.GetProperty("title").GetString());
        await ProblemAsync(await client.PostAsync("/api/v1/visits", Json("42")), HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountAsync(saintJulien.Id));
    }

    [Fact]
    public async Task Given_a_full_batch_of_1000_Then_all_are_recorded()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var before = await CountAsync(saintJulien.Id);
        var batch = Enumerable.Range(0, 1000).Select(i => AVisit(saintJulien.Id, at: app.Clock.GetUtcNow().AddMinutes(-i))).ToArray();
        var response = await client.PostAsJsonAsync("/api/v1/visits", batch);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32());
        Assert.Equal(before + 1000, await CountAsync(saintJulien.Id));
    }

    [Fact]
    public async Task Given_a_structure_outside_the_scope_Then_403_within_the_Cite_and_404_across_Cites()
    {
        var (client, saintJulien) = await ReceptionAsync();
        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", AVisit(geneve.Id)), HttpStatusCode.Forbidden);
        Assert.True(problem.GetProperty("errors").TryGetProperty("structureId", out _));

        var marseille = await TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));
        await ProblemAsync(await marseille.PostAsJsonAsync("/api/v1/visits", AVisit(saintJulien.Id)), HttpStatusCode.NotFound);

        var funder = await TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        await ProblemAsync(await funder.PostAsJsonAsync("/api/v1/visits", AVisit(saintJulien.Id)), HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountAsync(geneve.Id));

        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/v1/visits", AVisit(saintJulien.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Given_a_relay_moved_away_from_its_centre_Then_the_centre_s_coordinator_may_no_longer_log_there_from_the_next_entry()
    {
        // The reception reads structures from memory (StructureRefs): a structure saved through EF Core is read again at once.
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var saintJulien = await app.StructureAsync("grand-geneve", "saint-julien-en-genevois");
        Assert.Equal(annemasse.Id, saintJulien.ParentId);
        var client = await TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, $"structure:{annemasse.Id}"));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/visits", AVisit(saintJulien.Id))).StatusCode);

        Task<int> MoveAsync(int? parent) => app.WithDbAsync(async db =>
        {
            (await db.Structures.IgnoreQueryFilters().SingleAsync(s => s.Id == saintJulien.Id)).ParentId = parent;
            return await db.SaveChangesAsync();
        });
        await MoveAsync(null);
        try
        {
            var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", AVisit(saintJulien.Id)), HttpStatusCode.Forbidden);
            Assert.True(problem.GetProperty("errors").TryGetProperty("structureId", out _));
        }
        finally
        {
            await MoveAsync(annemasse.Id);
        }
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/visits", AVisit(saintJulien.Id))).StatusCode);
    }

    [Fact]
    public async Task Given_a_counsellor_of_Annemasse_When_logging_an_interview_Then_partner_duration_and_territory_are_kept_and_checked()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var client = await TokenClientAsync(await app.CreateStaffAsync(StaffRole.Counsellor, $"structure:{annemasse.Id}"));
        var (partner, commune, marseillePartner) = await app.WithDbAsync(async db => (
            await db.Partners.IgnoreQueryFilters().FirstAsync(p => p.CiteId == annemasse.CiteId),
            await db.Territories.IgnoreQueryFilters().FirstAsync(t => t.CiteId == annemasse.CiteId && t.Kind == TerritoryKind.Commune),
            await db.Partners.IgnoreQueryFilters().FirstAsync(p => p.CiteId != annemasse.CiteId)));

        var interview = AVisit(annemasse.Id);
        interview["kind"] = "interview";
        interview["needs"] = new[] { "businessCreation", "trainingCareerChange" };
        interview["services"] = new[] { "adviceInterview", "documentation" };
        interview["partnerId"] = partner.Id;
        interview["durationBracket"] = "30-60";
        interview["referral"] = "chambreConsulaire";
        interview["residence"] = $"territory:{commune.Id}";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/visits", interview)).StatusCode);
        var stored = await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().SingleAsync(v => v.StructureId == annemasse.Id && v.Kind == VisitKind.Interview));
        Assert.Equal(partner.Id, stored.PartnerId);
        Assert.Equal(DurationBracket.From30To60, stored.Duration);
        Assert.Equal(PartnerType.ChambreConsulaire, stored.Referral);
        Assert.Equal(commune.Id, stored.ResidenceId);
        Assert.Equal(Needs.BusinessCreation | Needs.TrainingCareerChange, stored.Needs);
        Assert.Equal(Services.AdviceInterview | Services.Documentation, stored.Services);

        var foreign = AVisit(annemasse.Id);
        foreign["partnerId"] = marseillePartner.Id;
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", foreign), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("partnerId", out _));
        var badResidence = AVisit(annemasse.Id);
        badResidence["residence"] = "Annemasse, 12 rue des Lilas";
        problem = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/visits", badResidence), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("residence", out _));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_categories_of_a_visit()
    {
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var name in new[] { "/api/v1/visits", "jobSeeker", "16-25", "55plus", "walkIn", "outreach", "notSaid", "interview",
                     "businessCreation", "internshipApprenticeship", "adviceInterview", "multimediaKiosk", "informationOnly", "60plus" })
            Assert.Contains($"\"{name}\"", doc);
    }
}

/// <summary>Group commit of small requests (decision 0007): one request's failure is never another's.</summary>
public sealed class VisitCommitGroupTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_requests_queued_together_with_one_that_the_database_refuses_Then_the_others_are_recorded_and_only_that_one_fails()
    {
        var saintJulien = await app.StructureAsync("grand-geneve", "saint-julien-en-genevois");
        Visit Entry(int structureId) => new()
        {
            Quarter = QuarterHour.Of(app.Clock.GetUtcNow()), StructureId = structureId, CiteId = saintJulien.CiteId,
            Kind = VisitKind.Visit, Channel = Channel.WalkIn, PublicStatus = PublicStatus.JobSeeker, AgeBracket = AgeBracket.From26To44,
            Gender = Gender.Female, Needs = Needs.JobSearch, Services = Services.InformationOnly,
        };
        var before = await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().CountAsync(v => v.StructureId == saintJulien.Id));
        var groups = app.Services.GetRequiredService<VisitCommitGroups>();
        var tasks = new List<Task<int>>();
        for (var i = 0; i < 30; i++)
        {
            // The 13th names a structure that does not exist: validation would stop it, the foreign key does here.
            var structure = i == 12 ? int.MaxValue : saintJulien.Id;
            tasks.Add(groups.RecordAsync([new VisitToRecord(Guid.NewGuid(), Entry(structure))], CancellationToken.None));
        }
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { })));
        Assert.True(tasks[12].IsFaulted);
        Assert.All(tasks.Where((_, i) => i != 12), t => Assert.Equal(1, t.Result));
        Assert.Equal(before + 29, await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().CountAsync(v => v.StructureId == saintJulien.Id)));
    }
}
