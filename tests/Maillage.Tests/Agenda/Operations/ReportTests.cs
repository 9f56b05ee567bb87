using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
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
            var read = SpreadsheetFile.ReadRows(await response.Content.ReadAsStreamAsync(), f);
            // XLSX and ODS start with a title row (scope, period, day of extraction); CSV keeps one heading line.
            if (f != SpreadsheetFormat.Csv) Assert.StartsWith("Bilan de l'agenda — ", Assert.Single(read[0]));
            var rows = f == SpreadsheetFormat.Csv ? read : read.Skip(1).ToList();
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

    /// <summary>Issue 19, item 14: an event not yet held has no no-show rate, neither has one whose attendance nobody took.</summary>
    [Fact]
    public async Task Given_an_event_to_come_and_one_over_without_check_in_Then_their_no_show_rate_is_a_dash_said_not_applicable_not_0_percent()
    {
        // The clock stands at 23 November 2026: March 2027 is to come; March 2022 is long over.
        var future = await app.NewEventAsync(Paris(2027, 3, 10, 14), title: "Zoom à venir 2027");
        var ava = await app.RegisterAsync(future, "Ava", "Futur");
        await app.RegisterAsync(future, "Léo", "Futur");
        var forgotten = await app.NewEventAsync(Paris(2027, 3, 12, 14), title: "Zoom sans émargement 2027");
        await app.RegisterAsync(forgotten, "Ana", "Oubli");

        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var document = await new HtmlParser().ParseDocumentAsync(await coordinator.GetStringAsync("/gestion/agenda/bilans?from=2027-03-01&to=2027-03-31"));
        var rateColumn = document.QuerySelectorAll("#figures-caption ~ thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf("Taux d'absence");
        Assert.True(rateColumn > 0, "the figures table has a no-show rate column");
        foreach (var row in document.QuerySelectorAll(".report-table tbody tr, .report-table tfoot tr").Where(r => r.Closest("table")!.QuerySelector("#figures-caption") is not null))
        {
            var cell = row.Children[rateColumn];
            Assert.Equal("—", cell.QuerySelector("[aria-hidden=true]")?.TextContent);
            Assert.StartsWith("sans objet", cell.QuerySelector(".visually-hidden")?.TextContent);
            Assert.DoesNotContain("%", cell.TextContent);
        }
        Assert.Equal(0, document.QuerySelectorAll("td").Count(td => td.TextContent.Contains('%')));

        var api = await ApiAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var report = await api.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2027-03-01&to=2027-03-31");
        Assert.Equal(JsonValueKind.Null, report.GetProperty("total").GetProperty("noShowRate").ValueKind);
        Assert.Equal(0, report.GetProperty("total").GetProperty("noShows").GetInt32());

        // Once over and checked in, the same event has its rate: one of two absent.
        app.Clock.SetUtcNow(Paris(2027, 3, 11, 9));
        try
        {
            await app.WithDbAsync(async db =>
            {
                await db.Registrations.Where(r => r.Id == ava.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Attendance, AttendanceStatus.Present));
                return 0;
            });
            var held = await api.GetFromJsonAsync<JsonElement>("/api/v1/agenda/report?from=2027-03-01&to=2027-03-31");
            var futureGroup = held.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == $"event:{future.Id}");
            Assert.Equal(0.5, futureGroup.GetProperty("figures").GetProperty("noShowRate").GetDouble());
            Assert.Equal(0.5, held.GetProperty("total").GetProperty("noShowRate").GetDouble());
        }
        finally
        {
            app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        }
    }

    /// <summary>Issue 19, item 14: a table with nothing to show is a sentence saying so.</summary>
    [Fact]
    public async Task Given_events_nobody_attended_yet_and_a_period_without_events_Then_the_page_says_so_instead_of_an_empty_table()
    {
        var future = await app.NewEventAsync(Paris(2028, 5, 10, 14), title: "Zoom de mai 2028");
        await app.RegisterAsync(future, "Ava", "Futur");
        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));

        var document = await new HtmlParser().ParseDocumentAsync(await coordinator.GetStringAsync("/gestion/agenda/bilans?from=2028-05-01&to=2028-05-31"));
        Assert.NotNull(document.QuerySelector("#figures-caption"));
        Assert.Null(document.QuerySelector("caption#publics-caption"));
        Assert.Contains("Aucune personne présente n'est encore enregistrée", document.QuerySelector("#publics-empty")!.TextContent);
        Assert.All(document.QuerySelectorAll("table tbody"), tbody => Assert.NotEmpty(tbody.Children));

        var empty = await new HtmlParser().ParseDocumentAsync(await coordinator.GetStringAsync("/gestion/agenda/bilans?from=2028-07-01&to=2028-07-31"));
        Assert.Empty(empty.QuerySelectorAll("table"));
        Assert.Equal("0 action du 1er juillet 2028 au 31 juillet 2028", empty.QuerySelector("#totals")!.TextContent.Trim());
        Assert.Contains("Aucune action publiée dans cette période et ce périmètre.", empty.QuerySelector("main")!.TextContent);
    }

    /// <summary>Issue 19, item 8: "Fréquentation par territoire (EPCI, canton)", not "(epci, canton)".</summary>
    [Fact]
    public async Task Given_the_report_grouped_by_territory_Then_its_caption_keeps_the_acronyms_in_capitals_in_both_languages()
    {
        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        await app.NewEventAsync(Paris(2021, 5, 10, 14), title: "Zoom 2021");
        var french = await coordinator.PageTextAsync("/gestion/agenda/bilans?from=2021-01-01&to=2021-12-31&groupBy=territory");
        Assert.Contains("Fréquentation par territoire (EPCI, canton)</caption>", french);
        Assert.DoesNotContain("epci", french);
        var english = await coordinator.PageTextAsync("/gestion/agenda/bilans?from=2021-01-01&to=2021-12-31&groupBy=territory&culture=en");
        Assert.Contains("Attendance by territory (EPCI, canton)</caption>", english);
        Assert.Contains("1 event from 1 January 2021 to 31 December 2021", english);
    }
}
