using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network.Admin;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Operations;

/// <summary>Each test counts its own year, so that the events of one do not change the figures of another.</summary>
public sealed class ReportTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private async Task<HttpClient> ApiAsync(StaffRole role, string scope)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(role, scope)));
        return client;
    }

    private static DateTimeOffset Paris(int year, int month, int day, int hour) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero).AddHours(month is >= 4 and <= 10 ? -2 : -1);

    /// <summary>First half of 2025: one Zoom métier at Annemasse with every kind of registrant, one workshop at Saint-Julien, plus a draft and a cancelled event.</summary>
    private async Task<(AgendaEvent Zoom, AgendaEvent Workshop)> Year2025Async()
    {
        var missionLocale = await app.WithDbAsync(db => db.Partners.Where(p => p.Name == "Mission locale du Genevois").Select(p => p.Id).SingleAsync());
        var zoom = await app.NewEventAsync(Paris(2025, 3, 10, 14), title: "Zoom métier BTP 2025",
            configure: e => e.Organisers.Add(new EventOrganiser { CiteId = e.CiteId, PartnerId = missionLocale }));
        await app.RegisterAsync(zoom, "Zoé", "Dupont", attendance: AttendanceStatus.Present);
        await app.RegisterAsync(zoom, "Marc", "Durand", attendance: AttendanceStatus.Present);
        await app.RegisterAsync(zoom, "Lou", "Petit", attendance: AttendanceStatus.Absent);
        await app.RegisterAsync(zoom, "Eva", "Roux");
        await app.RegisterAsync(zoom, "Lina", "Martin", attendance: AttendanceStatus.Excused);
        await app.RegisterAsync(zoom, "Noé", "Garcia", status: RegistrationStatus.Waitlisted);
        await app.RegisterAsync(zoom, "Jade", "Blanc", status: RegistrationStatus.Cancelled);
        await app.RegisterAsync(zoom, "Karim", "Haddad", attendance: AttendanceStatus.Present, publicStatus: PublicStatus.Student, source: RegistrationSource.WalkIn);
        await app.WithDbAsync(async db =>
        {
            db.EventWalkIns.Add(new EventWalkIn { CiteId = zoom.CiteId, EventId = zoom.Id, PublicStatus = PublicStatus.Parent, Count = 3 });
            db.SurveyResponses.AddRange(
                new SurveyResponse { CiteId = zoom.CiteId, EventId = zoom.Id, Score = 4, SubmittedAt = Paris(2025, 3, 11, 0) },
                new SurveyResponse { CiteId = zoom.CiteId, EventId = zoom.Id, Score = 5, SubmittedAt = Paris(2025, 3, 11, 0) });
            return await db.SaveChangesAsync();
        });
        var workshop = await app.NewEventAsync(Paris(2025, 6, 5, 9), structureSlug: "saint-julien-en-genevois", type: EventType.Workshop, title: "Atelier CV 2025",
            configure: e => e.Theme = EventTheme.JobPreparation);
        await app.RegisterAsync(workshop, "Tom", "Leroy", attendance: AttendanceStatus.Present, publicStatus: PublicStatus.Pupil);
        var draft = await app.NewEventAsync(Paris(2025, 5, 1, 10), title: "Brouillon 2025", configure: e => e.Status = EventStatus.Draft);
        await app.RegisterAsync(draft, "Ne", "Compte", attendance: AttendanceStatus.Present);
        await app.NewEventAsync(Paris(2025, 5, 2, 10), title: "Annulée 2025", configure: e => e.Status = EventStatus.Cancelled);
        return (zoom, workshop);
    }

    [Fact]
    public async Task Given_a_year_of_events_When_reporting_Then_every_figure_of_item_7_is_counted_as_defined()
    {
        var (zoom, _) = await Year2025Async();
        var client = await ApiAsync(StaffRole.Coordinator, "cite:grand-geneve");

        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2025-01-01&to=2025-06-30");
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(2, groups.Count);
        var z = groups.Single(g => g.GetProperty("key").GetString() == $"event:{zoom.Id}").GetProperty("figures");
        Assert.Equal(1, z.GetProperty("events").GetInt32());
        Assert.Equal(7, z.GetProperty("registrations").GetInt32());
        Assert.Equal(5, z.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, z.GetProperty("waiting").GetInt32());
        Assert.Equal(1, z.GetProperty("cancellations").GetInt32());
        Assert.Equal(6, z.GetProperty("attendees").GetInt32());
        Assert.Equal(4, z.GetProperty("walkIns").GetInt32());
        Assert.Equal(1, z.GetProperty("excused").GetInt32());
        Assert.Equal(2, z.GetProperty("noShows").GetInt32());
        Assert.Equal(0.4, z.GetProperty("noShowRate").GetDouble());
        Assert.Equal(2, z.GetProperty("surveyAnswers").GetInt32());
        Assert.Equal(4.5, z.GetProperty("averageScore").GetDouble());
        Assert.Equal(2, z.GetProperty("publics").GetProperty("jobSeeker").GetInt32());
        Assert.Equal(1, z.GetProperty("publics").GetProperty("student").GetInt32());
        Assert.Equal(3, z.GetProperty("publics").GetProperty("parent").GetInt32());
        var total = report.GetProperty("total");
        Assert.Equal(2, total.GetProperty("events").GetInt32());
        Assert.Equal(7, total.GetProperty("attendees").GetInt32());

        var byType = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2025-01-01&to=2025-06-30&groupBy=type");
        Assert.Equal(["Atelier", "Zoom métier"], byType.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("label").GetString()!).ToList());
        var byTerritory = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2025-01-01&to=2025-06-30&groupBy=territory");
        Assert.Equal(["Annemasse Agglomération", "Communauté de Communes du Genevois"], byTerritory.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("label").GetString()!).ToList());
        var byOrganiser = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2025-01-01&to=2025-06-30&groupBy=organiser");
        Assert.Equal("Mission locale du Genevois", byOrganiser.GetProperty("groups")[0].GetProperty("label").GetString());
        Assert.Equal(6, byOrganiser.GetProperty("groups")[0].GetProperty("figures").GetProperty("attendees").GetInt32());
        var byStructure = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2025-01-01&to=2025-06-30&groupBy=structure&type=workshop");
        Assert.Equal("Point relais de Saint-Julien-en-Genevois", byStructure.GetProperty("groups").EnumerateArray().Single().GetProperty("label").GetString());
    }

    [Fact]
    public async Task Given_a_coordinator_Then_the_report_page_shows_accessible_tables_and_exports_the_same_figures_in_csv_xlsx_and_ods()
    {
        await Year2024Async();
        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var page = await coordinator.PageTextAsync("/gestion/agenda/bilans?from=2024-01-01&to=2024-12-31&groupBy=type");
        Assert.Contains("<caption id=\"figures-caption\">", page);
        Assert.Contains("<th scope=\"row\">Forum, salon</th>", page);
        Assert.Contains("format=xlsx", page);

        foreach (var format in new[] { "csv", "xlsx", "ods" })
        {
            var response = await coordinator.GetAsync($"/gestion/agenda/bilans?from=2024-01-01&to=2024-12-31&groupBy=type&format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"bilan-agenda-20240101-20241231.{format}", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
            SpreadsheetFile.TryParseFormat(format, out var f);
            var rows = SpreadsheetFile.ReadRows(await response.Content.ReadAsStreamAsync(), f);
            Assert.Equal("Type d'action", rows[0][0]);
            Assert.Equal("Présents", rows[0][6]);
            var forum = rows.Single(r => r[0] == "Forum, salon");
            Assert.Equal(["1", "3", "3", "0", "0", "2"], forum.Skip(1).Take(6));
            Assert.Equal("Total", rows[^1][0]);
        }
    }

    private async Task Year2024Async()
    {
        var forum = await app.NewEventAsync(Paris(2024, 2, 8, 9), type: EventType.Forum, title: "Forum de l'alternance 2024");
        await app.RegisterAsync(forum, "Un", "Un", attendance: AttendanceStatus.Present);
        await app.RegisterAsync(forum, "Deux", "Deux", attendance: AttendanceStatus.Present);
        await app.RegisterAsync(forum, "Trois", "Trois", attendance: AttendanceStatus.Absent);
    }

    [Fact]
    public async Task Given_the_CCG_territory_When_a_coordinator_counts_this_years_actions_Then_only_those_held_on_it_this_year_are_counted()
    {
        var ccg = await app.WithDbAsync(db => db.Territories.Where(t => t.Name == "Communauté de Communes du Genevois").Select(t => t.Id).SingleAsync());
        var saintJulien = await app.WithDbAsync(db => db.Territories.Where(t => t.Code == "74243").Select(t => t.Id).SingleAsync());
        await app.NewEventAsync(Paris(2026, 2, 3, 14), structureSlug: "saint-julien-en-genevois");
        await app.NewEventAsync(Paris(2026, 9, 15, 14), structureSlug: "saint-julien-en-genevois");
        await app.NewEventAsync(Paris(2026, 5, 4, 9), structureSlug: "citeslab-saint-georges", type: EventType.AwarenessMeeting); // in the QPV
        await app.NewEventAsync(Paris(2026, 6, 20, 10), structureSlug: null, type: EventType.CompanyVisit, configure: e => { e.VenueName = "Usine de Saint-Julien"; e.VenueTerritoryId = saintJulien; });
        await app.NewEventAsync(Paris(2026, 3, 3, 14)); // Annemasse: another EPCI
        await app.NewEventAsync(Paris(2025, 12, 31, 9), structureSlug: "saint-julien-en-genevois"); // last year (31 December 09:00 Paris)
        await app.NewEventAsync(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero), structureSlug: "saint-julien-en-genevois"); // 1 January 2027 in Paris

        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var page = await coordinator.PageTextAsync($"/gestion/agenda/bilans?territory={ccg}");
        Assert.Contains("4 actions du 1er janvier 2026 au 31 décembre 2026", page);

        var funder = await ApiAsync(StaffRole.Funder, "cite:grand-geneve");
        var report = await funder.GetFromJsonAsync<JsonElement>($"/api/v1/agenda/report?territory={ccg}&groupBy=territory");
        var group = report.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal("Communauté de Communes du Genevois", group.GetProperty("label").GetString());
        Assert.Equal(4, group.GetProperty("figures").GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task Given_readers_of_other_scopes_Then_they_see_nothing_of_Grand_Geneve_and_staff_without_a_reporting_role_are_refused()
    {
        await app.NewEventAsync(Paris(2023, 4, 4, 14), title: "Zoom genevois 2023");
        var geneva = await ApiAsync(StaffRole.Coordinator, "cite:grand-geneve");
        Assert.Equal(1, (await geneva.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2023-01-01&to=2023-12-31")).GetProperty("total").GetProperty("events").GetInt32());

        var marseille = await ApiAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var json = await marseille.GetStringAsync("/api/v1/agenda/report?from=2023-01-01&to=2023-12-31");
        Assert.Equal(0, JsonDocument.Parse(json).RootElement.GetProperty("total").GetProperty("events").GetInt32());
        Assert.DoesNotContain("Zoom genevois", json);
        var marseillePage = await (await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"))).PageTextAsync("/gestion/agenda/bilans?from=2023-01-01&to=2023-12-31");
        Assert.DoesNotContain("Zoom genevois", marseillePage);
        Assert.DoesNotContain("Annemasse", marseillePage);

        // A coordinator of Bonneville counts Bonneville only.
        var bonneville = await ApiAsync(StaffRole.Coordinator, "structure:grand-geneve/bonneville");
        Assert.Equal(0, (await bonneville.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2023-01-01&to=2023-12-31")).GetProperty("total").GetProperty("events").GetInt32());

        var agent = await ApiAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/annemasse");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/agenda/report")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/agenda/report")).StatusCode);
    }

    [Fact]
    public async Task Given_bad_report_parameters_Then_the_api_answers_422_naming_the_field_and_the_page_shows_it_beside_the_field()
    {
        var client = await ApiAsync(StaffRole.Coordinator, "cite:grand-geneve");
        foreach (var (query, field) in new[] { ("from=2025-13-01", "from"), ("from=2025-06-01&to=2025-01-01", "to"), ("groupBy=colour", "groupBy"), ("type=party", "type"), ("format=pdf", "format") })
        {
            var response = await client.GetAsync($"/api/v1/agenda/report?{query}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query} should name {field}");
        }
        var page = await (await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"))).PageTextAsync("/gestion/agenda/bilans?from=2025-06-01&to=2025-01-01");
        Assert.Contains("La fin de la période doit suivre son début.", page);
        Assert.Contains("aria-describedby=\"to-error\"", page);
    }
}
