using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Platform.Indicators;
using Maillage.Roster;
using Maillage.Tests.Agenda.Operations;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;
using Maillage.Tests.Roster;
using Maillage.Tests.Visits;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgendaPublic = Maillage.Agenda.PublicStatus;
using VisitPublic = Maillage.Visits.Categories.PublicStatus;

namespace Maillage.Tests.Platform.Indicators;

/// <summary>
/// An application where funders whose address starts with "ccg." are granted the indicators of the Communauté de Communes
/// du Genevois (what the Funding module's audience will do for a convention's territory); every other funder is granted nothing.
/// </summary>
public sealed class IndicatorApp : MaillageApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<IIndicatorAudience, CcgFunders>());
    }

    private sealed class CcgFunders(Maillage.Platform.Data.MaillageDb db) : IIndicatorAudience
    {
        public async Task<IndicatorGrant?> GrantAsync(ClaimsPrincipal user, int citeId, CancellationToken ct)
        {
            if (user.FindFirstValue(ClaimTypes.Name)?.StartsWith("ccg.", StringComparison.Ordinal) != true) return null;
            var ccg = await db.Territories.IgnoreQueryFilters().Where(t => t.CiteId == citeId && t.Name == "Communauté de Communes du Genevois").Select(t => t.Id).ToListAsync(ct);
            return ccg.Count == 0 ? null : new IndicatorGrant(ccg.ToHashSet());
        }
    }
}

/// <summary>
/// Every indicator on a small data set whose figures are known (docs/indicators.md), asked for the CCG (an EPCI: its
/// communes and their QPVs count), with an event and visits outside it, a cancelled event; the API's access rules and
/// problems; the staff page and its exports; the catalogue against the documentation. Each test reads its own year.
/// </summary>
public sealed class IndicatorTests(IndicatorApp app) : IClassFixture<IndicatorApp>
{
    private sealed record Places(int Ccg, int AnnemasseAgglo, int SaintJulien, int SaintGeorgesQpv, int Annemasse, Structure SaintJulienRelay, Structure AnnemasseCentre);

    private Task<Places> PlacesAsync() => app.WithDbAsync(async db =>
    {
        var cite = await db.Cites.Where(c => c.Slug == "grand-geneve").Select(c => c.Id).SingleAsync();
        var t = await db.Territories.IgnoreQueryFilters().Where(x => x.CiteId == cite).ToDictionaryAsync(x => x.Name, x => x.Id);
        var relay = await db.Structures.IgnoreQueryFilters().SingleAsync(s => s.Cite.Slug == "grand-geneve" && s.Slug == "saint-julien-en-genevois");
        var centre = await db.Structures.IgnoreQueryFilters().SingleAsync(s => s.Cite.Slug == "grand-geneve" && s.Slug == "annemasse");
        return new Places(t["Communauté de Communes du Genevois"], t["Annemasse Agglomération"], t["Saint-Julien-en-Genevois"],
            t["Saint-Georges – Route de Thairy"], t["Annemasse"], relay, centre);
    });

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 2024's events: in the CCG an information day at the Saint-Julien relay (2 registrants, one present one absent, 2
    /// anonymous walk-ins), a workshop in the QPV Saint-Georges (1 present) and a forum in Saint-Julien; outside it a workshop
    /// at Annemasse (1 present); a cancelled forum at Saint-Julien and a draft, which never count.
    /// </summary>
    private async Task Agenda2024Async(Places p)
    {
        var day = await app.NewEventAsync(Utc(2024, 3, 12), structureSlug: "saint-julien-en-genevois", type: EventType.InformationDay);
        await app.RegisterAsync(day, "Ana", "Test", attendance: AttendanceStatus.Present, publicStatus: AgendaPublic.Student);
        await app.RegisterAsync(day, "Ben", "Test", attendance: AttendanceStatus.Absent);
        await app.WithDbAsync(db => { db.EventWalkIns.Add(new EventWalkIn { CiteId = day.CiteId, EventId = day.Id, PublicStatus = AgendaPublic.Parent, Count = 2 }); return db.SaveChangesAsync(); });
        var qpv = await app.NewEventAsync(Utc(2024, 4, 2), structureSlug: null, type: EventType.Workshop, configure: e => e.VenueTerritoryId = p.SaintGeorgesQpv);
        await app.RegisterAsync(qpv, "Cléo", "Test", attendance: AttendanceStatus.Present);
        await app.NewEventAsync(Utc(2024, 5, 14), structureSlug: null, type: EventType.Forum, configure: e => e.VenueTerritoryId = p.SaintJulien);
        var outside = await app.NewEventAsync(Utc(2024, 6, 4), structureSlug: "annemasse", type: EventType.Workshop);
        await app.RegisterAsync(outside, "Dan", "Test", attendance: AttendanceStatus.Present);
        await app.NewEventAsync(Utc(2024, 9, 10), structureSlug: "saint-julien-en-genevois", type: EventType.Forum, configure: e => e.Status = EventStatus.Cancelled);
        await app.NewEventAsync(Utc(2024, 9, 11), structureSlug: "saint-julien-en-genevois", type: EventType.Workshop, configure: e => e.Status = EventStatus.Draft);
    }

    private static Visit AVisit(Structure s, DateTimeOffset at, VisitKind kind, VisitPublic status, int residence) => new()
    {
        Quarter = QuarterHour.Of(at), StructureId = s.Id, CiteId = s.CiteId, ResidenceId = residence, Kind = kind, PublicStatus = status,
        Needs = Needs.JobSearch, Services = (Services)1, Channel = Channel.WalkIn, AgeBracket = AgeBracket.From26To44, Gender = Gender.Female,
        Extra = VisitExtra.Pack(null, DurationBracket.None, null, DiplomaLevel.NotSaid, EntrySource.Api),
    };

    /// <summary>
    /// 2023's visits: at the Saint-Julien relay (in the CCG) 3 visits of job seekers living in the QPV Saint-Georges and 1
    /// interview of a student living in Annemasse; at Annemasse (outside) 2 visits from Saint-Julien residents and 1 from Annemasse.
    /// </summary>
    private Task Visits2023Async(Places p) => app.RecordAsync(
    [
        AVisit(p.SaintJulienRelay, Utc(2023, 3, 7), VisitKind.Visit, VisitPublic.JobSeeker, p.SaintGeorgesQpv),
        AVisit(p.SaintJulienRelay, Utc(2023, 3, 8), VisitKind.Visit, VisitPublic.JobSeeker, p.SaintGeorgesQpv),
        AVisit(p.SaintJulienRelay, Utc(2023, 7, 20), VisitKind.Visit, VisitPublic.JobSeeker, p.SaintGeorgesQpv),
        AVisit(p.SaintJulienRelay, Utc(2023, 7, 21), VisitKind.Interview, VisitPublic.Student, p.Annemasse),
        AVisit(p.AnnemasseCentre, Utc(2023, 5, 2), VisitKind.Visit, VisitPublic.Employee, p.SaintJulien),
        AVisit(p.AnnemasseCentre, Utc(2023, 5, 3), VisitKind.Visit, VisitPublic.Employee, p.SaintJulien),
        AVisit(p.AnnemasseCentre, Utc(2023, 5, 4), VisitKind.Visit, VisitPublic.Employee, p.Annemasse),
    ]);

    private async Task<Dictionary<string, JsonElement>> ReadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/indicators?cite=grand-geneve&" + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.Clone());
    }

    private static decimal Value(Dictionary<string, JsonElement> figures, string name) => figures[name].GetProperty("value").GetDecimal();

    private static decimal Part(Dictionary<string, JsonElement> figures, string name, string key) =>
        figures[name].GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key).GetProperty("value").GetDecimal();

    private Task<HttpClient> CoordinatorAsync() => app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve").ContinueWith(t => app.TokenClientAsync(t.Result)).Unwrap();

    [Fact]
    public async Task Given_2024s_events_When_asking_the_CCG_Then_the_events_held_on_its_communes_and_QPVs_count_and_no_other()
    {
        var p = await PlacesAsync();
        await Agenda2024Async(p);
        var client = await CoordinatorAsync();

        var ccg = await ReadAsync(client, $"territory={p.Ccg}&from=2024-01-01&to=2024-12-31&names=agenda.actions-held,agenda.information-days,agenda.workshops,agenda.information-days-and-workshops,agenda.forums,agenda.participants,agenda.registrations,agenda.no-shows,agenda.walk-ins");
        Assert.Equal(3, Value(ccg, "agenda.actions-held"));
        Assert.Equal(1, Part(ccg, "agenda.actions-held", "informationDay"));
        Assert.Equal(1, Part(ccg, "agenda.actions-held", "workshop"));
        Assert.Equal(1, Part(ccg, "agenda.actions-held", "forum"));
        Assert.Equal(1, Value(ccg, "agenda.information-days"));
        Assert.Equal(1, Value(ccg, "agenda.workshops"));
        Assert.Equal(2, Value(ccg, "agenda.information-days-and-workshops"));
        Assert.Equal(1, Value(ccg, "agenda.forums"));
        Assert.Equal(4, Value(ccg, "agenda.participants")); // Ana, 2 walk-ins, Cléo
        Assert.Equal(2, Part(ccg, "agenda.participants", "parent"));
        Assert.Equal(3, Value(ccg, "agenda.registrations"));
        Assert.Equal(1, Value(ccg, "agenda.no-shows"));
        Assert.Equal(2, Value(ccg, "agenda.walk-ins"));
        Assert.Equal("count", ccg["agenda.forums"].GetProperty("unit").GetString());

        var whole = await ReadAsync(client, "from=2024-01-01&to=2024-12-31&names=agenda.actions-held,agenda.workshops");
        Assert.Equal(4, Value(whole, "agenda.actions-held"));
        Assert.Equal(2, Value(whole, "agenda.workshops"));
        var aa = await ReadAsync(client, $"scope=territory&territory={p.AnnemasseAgglo}&from=2024-01-01&to=2024-12-31&names=agenda.actions-held");
        Assert.Equal(1, Value(aa, "agenda.actions-held"));
        var both = await ReadAsync(client, $"territory={p.AnnemasseAgglo},{p.Ccg}&from=2024-01-01&to=2024-12-31&names=agenda.actions-held");
        Assert.Equal(4, Value(both, "agenda.actions-held"));
        var relay = await ReadAsync(client, $"structure={p.SaintJulienRelay.Id}&from=2024-01-01&to=2024-12-31&names=agenda.actions-held");
        Assert.Equal(1, Value(relay, "agenda.actions-held"));

        // Not yet over: an information day of the same year does not count until it ends.
        app.Clock.SetUtcNow(Utc(2024, 3, 12, 9));
        try
        {
            var before = await ReadAsync(client, $"territory={p.Ccg}&from=2024-01-01&to=2024-12-31&names=agenda.information-days");
            Assert.Equal(0, Value(before, "agenda.information-days"));
        }
        finally { app.Clock.SetUtcNow(MaillageApp.DefaultNow); }
    }

    [Fact]
    public async Task Given_2023s_visits_When_asking_the_CCG_Then_visits_count_at_its_structures_and_residents_by_residence_from_rollups_and_days_alike()
    {
        var p = await PlacesAsync();
        await Visits2023Async(p);
        var client = await CoordinatorAsync();
        const string names = "names=visits.visits,visits.interviews,visits.publics,visits.residents";

        foreach (var period in new[] { "from=2023-01-01&to=2023-12-31", "from=2023-03-05&to=2023-07-25" }) // rollups; then edge days read on the visits
        {
            var ccg = await ReadAsync(client, $"territory={p.Ccg}&{period}&{names}");
            Assert.Equal(3, Value(ccg, "visits.visits"));
            Assert.Equal(1, Value(ccg, "visits.interviews"));
            Assert.Equal(4, Value(ccg, "visits.publics"));
            Assert.Equal(3, Part(ccg, "visits.publics", "jobSeeker"));
            Assert.Equal(1, Part(ccg, "visits.publics", "student"));
            Assert.Equal(5, Value(ccg, "visits.residents")); // 3 from its QPV at Saint-Julien, 2 from Saint-Julien at Annemasse

            var aa = await ReadAsync(client, $"territory={p.AnnemasseAgglo}&{period}&{names}");
            Assert.Equal(3, Value(aa, "visits.visits"));
            Assert.Equal(0, Value(aa, "visits.interviews"));
            Assert.Equal(2, Value(aa, "visits.residents"));

            var whole = await ReadAsync(client, $"{period}&{names}");
            Assert.Equal(6, Value(whole, "visits.visits"));
            Assert.Equal(7, Value(whole, "visits.residents")); // every residence here is a territory of the Cité
        }
        var march = await ReadAsync(client, $"territory={p.Ccg}&from=2023-03-08&to=2023-03-31&{names}");
        Assert.Equal(1, Value(march, "visits.visits"));
    }

    [Fact]
    public async Task Given_duties_held_in_2022_Then_half_days_and_hours_per_partner_are_the_valuations_and_placed_at_the_structure()
    {
        var p = await PlacesAsync();
        var place = await app.RosterStructureAsync(poles: 1);
        await app.WithDbAsync(db => db.Structures.Where(s => s.Id == place.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CommuneId, p.SaintJulien)));
        var pole = await app.WithDbAsync(db => db.Poles.Where(x => x.StructureId == place.Id).Select(x => x.Id).SingleAsync());
        var tag = Guid.NewGuid().ToString("N")[..6];
        var first = await app.NewPartnerAsync("grand-geneve", $"Premier {tag}");
        var second = await app.NewPartnerAsync("grand-geneve", $"Second {tag}");
        DutySlot Slot(Partner partner, DateOnly day, DutyStatus status = DutyStatus.Planned) => new()
        {
            CiteId = place.CiteId, StructureId = place.Id, PoleId = pole, PartnerId = partner.Id, Status = status, CreatedAt = MaillageApp.DefaultNow,
            StartsAt = PresenceTestData.Local(day, 13, 30).ToUniversalTime(), EndsAt = PresenceTestData.Local(day, 17, 0).ToUniversalTime(),
        };
        await app.WithDbAsync(db =>
        {
            db.Set<DutySlot>().AddRange(
                Slot(first, new(2022, 2, 7)), Slot(first, new(2022, 2, 14)), Slot(first, new(2022, 2, 21)),
                Slot(second, new(2022, 3, 7)), Slot(second, new(2022, 3, 14), DutyStatus.Absent), Slot(second, new(2022, 3, 21), DutyStatus.Cancelled));
            return db.SaveChangesAsync();
        });
        var client = await CoordinatorAsync();

        var atPlace = await ReadAsync(client, $"structure={place.Id}&from=2022-01-01&to=2022-12-31&names=roster.half-days,roster.hours");
        Assert.Equal(4, Value(atPlace, "roster.half-days"));
        Assert.Equal(14, Value(atPlace, "roster.hours"));
        Assert.Equal(3, Part(atPlace, "roster.half-days", first.Id.ToString()));
        Assert.Equal(1, Part(atPlace, "roster.half-days", second.Id.ToString()));
        Assert.Equal(first.Name, atPlace["roster.half-days"].GetProperty("parts").EnumerateArray().Single(x => x.GetProperty("key").GetString() == first.Id.ToString()).GetProperty("label").GetString());
        Assert.Equal(10.5m, Part(atPlace, "roster.hours", first.Id.ToString()));

        var ccg = await ReadAsync(client, $"territory={p.Ccg}&from=2022-01-01&to=2022-12-31&names=roster.half-days");
        Assert.Equal(4, Value(ccg, "roster.half-days"));
        var aa = await ReadAsync(client, $"territory={p.AnnemasseAgglo}&structure={place.Id}&from=2022-01-01&to=2022-12-31&names=roster.half-days");
        Assert.Equal(0, Value(aa, "roster.half-days"));
    }

    [Fact]
    public async Task Given_bad_queries_Then_each_gets_a_problem_naming_its_field()
    {
        var p = await PlacesAsync();
        var client = await CoordinatorAsync();
        var marseilleTerritory = await app.WithDbAsync(db => db.Territories.IgnoreQueryFilters().Where(t => t.Name == "Marseille").Select(t => t.Id).SingleAsync());
        foreach (var (query, status, field) in new[]
        {
            ("cite=grand-geneve&names=agenda.nothing", 422, "names"),
            ("cite=grand-geneve&from=2024-12-31&to=2024-01-01", 422, "to"),
            ($"cite=grand-geneve&territory={marseilleTerritory}", 422, "territory"),
            ("cite=grand-geneve&territory=3.5", 400, "territory"),
            ("cite=grand-geneve&structure=abc", 400, "structure"),
            ("cite=grand-geneve&from=2024-02-30", 400, "from"),
            ("cite=grand-geneve&from=2000-01-01&to=2020-01-01", 422, "to"),
            ("cite=grand-geneve&scope=planet", 400, "scope"),
            ($"cite=grand-geneve&scope=cite&territory={p.Ccg}", 400, "scope"),
            ("cite=marseille-paca", 403, "cite"),
            ("cite=nowhere", 403, "cite"),
        })
        {
            var response = await client.GetAsync("/api/v1/indicators?" + query);
            Assert.True((int)response.StatusCode == status, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains($"\"{field}\"", body);
        }
    }

    [Fact]
    public async Task Given_readers_Then_coordinators_read_their_Cite_a_granted_funder_its_territory_under_disclosure_control_and_others_nothing()
    {
        var p = await PlacesAsync();
        // 2021: 2 visits at Saint-Julien (a small count), 6 at Annemasse from Saint-Julien residents.
        await app.RecordAsync([
            AVisit(p.SaintJulienRelay, Utc(2021, 4, 1), VisitKind.Visit, VisitPublic.JobSeeker, p.SaintJulien),
            AVisit(p.SaintJulienRelay, Utc(2021, 4, 2), VisitKind.Visit, VisitPublic.Student, p.SaintJulien),
            .. Enumerable.Range(0, 6).Select(i => AVisit(p.AnnemasseCentre, Utc(2021, 5, 3 + i), VisitKind.Visit, VisitPublic.Employee, p.SaintJulien)),
        ]);
        var period = "from=2021-01-01&to=2021-12-31";

        var funder = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve", $"ccg.{Guid.NewGuid():N}@example.org"));
        var granted = await ReadAsync(funder, $"{period}&names=visits.visits,visits.publics,visits.residents");
        Assert.True(granted["visits.visits"].GetProperty("suppressed").GetBoolean()); // 2 < 5
        Assert.Equal(JsonValueKind.Null, granted["visits.visits"].GetProperty("value").ValueKind);
        Assert.True(granted["visits.publics"].GetProperty("suppressed").GetBoolean());
        Assert.Equal(8, Value(granted, "visits.residents")); // its territory by default, exact once at least 5
        Assert.Equal(8, Value(await ReadAsync(funder, $"territory={p.SaintJulien}&{period}&names=visits.residents"), "visits.residents"));
        var outside = await funder.GetAsync($"/api/v1/indicators?cite=grand-geneve&territory={p.AnnemasseAgglo}&{period}");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("\"territory\"", await outside.Content.ReadAsStringAsync());
        var days = await funder.GetAsync($"/api/v1/indicators?cite=grand-geneve&from=2021-01-05&to=2021-12-31&names=visits.visits");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, days.StatusCode);

        var coordinator = await CoordinatorAsync();
        var exact = await ReadAsync(coordinator, $"territory={p.Ccg}&{period}&names=visits.visits");
        Assert.Equal(2, Value(exact, "visits.visits"));
        Assert.False(exact["visits.visits"].GetProperty("suppressed").GetBoolean());

        var otherFunder = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherFunder.GetAsync($"/api/v1/indicators?cite=grand-geneve&{period}")).StatusCode);
        var agent = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/annemasse"));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/indicators?cite=grand-geneve&{period}")).StatusCode);
        var marseille = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));
        Assert.Equal(HttpStatusCode.Forbidden, (await marseille.GetAsync($"/api/v1/indicators?cite=grand-geneve&{period}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/indicators?cite=grand-geneve")).StatusCode);

        // A coordinator of one structure reads that structure (and its relays) only.
        var local = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "structure:grand-geneve/saint-julien-en-genevois"));
        Assert.Equal(2, Value(await ReadAsync(local, $"{period}&names=visits.visits"), "visits.visits"));
        Assert.Equal(HttpStatusCode.Forbidden, (await local.GetAsync($"/api/v1/indicators?cite=grand-geneve&structure={p.AnnemasseCentre.Id}&{period}")).StatusCode);
    }

    [Fact]
    public async Task The_catalogue_lists_every_indicator_documented_in_docs_indicators_md_and_the_API_is_in_the_OpenAPI_document()
    {
        var client = await CoordinatorAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/catalogue"));
        var names = json.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Contains("agenda.forums", names);
        Assert.Contains("visits.residents", names);
        Assert.Contains("roster.half-days", names);
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("definition").GetString())));
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "indicators.md"));
        Assert.All(names, n => Assert.Contains($"`{n}`", doc));

        var openApi = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/indicators\"", openApi);
        Assert.Contains("\"/api/v1/indicators/catalogue\"", openApi);
    }

    [Fact]
    public async Task Given_a_coordinator_When_opening_the_page_Then_the_figures_show_with_their_definitions_and_export_as_CSV_XLSX_and_ODS()
    {
        var p = await PlacesAsync();
        await app.NewEventAsync(Utc(2020, 3, 12), structureSlug: "saint-julien-en-genevois", type: EventType.Forum);
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var html = await client.GetStringAsync($"/gestion/indicateurs?from=2020-01-01&to=2020-12-31&territory={p.Ccg}");
        Assert.Contains("Forums tenus", html);
        var select = html[html.IndexOf("<select", StringComparison.Ordinal)..(html.IndexOf("</select>", StringComparison.Ordinal) + 9)];
        Assert.True(select.Contains($"<option value=\"{p.Ccg}\" selected=\"selected\">Communaut"), select);
        Assert.Contains($"<option value=\"{p.SaintGeorgesQpv}\">", html);
        Assert.Contains("<details class=\"indicator-definition\">", html);
        Assert.Contains("agenda.forums", html);
        var csv = await client.GetAsync($"/gestion/indicateurs?from=2020-01-01&to=2020-12-31&territory={p.Ccg}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("agenda.forums;Total;1", text);
        foreach (var format in new[] { "xlsx", "ods" })
            Assert.True((await client.GetAsync($"/gestion/indicateurs?from=2020-01-01&to=2020-12-31&format={format}")).IsSuccessStatusCode);

        var bad = WebUtility.HtmlDecode(await client.GetStringAsync("/gestion/indicateurs?from=2020-12-31&to=2020-01-01"));
        Assert.Contains("La fin de la période précède son début.", bad);
        var funder = await app.SignedInAsAsync(StaffRole.Funder, "cite:grand-geneve");
        var denied = await funder.GetAsync("/gestion/indicateurs");
        Assert.Contains("/gestion/acces-refuse", denied.Headers.Location?.OriginalString);
    }
}
