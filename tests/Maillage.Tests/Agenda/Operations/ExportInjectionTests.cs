using System.Net;
using Maillage.Agenda;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda.Registrations;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Agenda.Operations;

/// <summary>
/// Formula injection (issue 18, item 3): every CSV the Agenda writes — the registrants of an event, the report as a page
/// and through the API, the import template — holds registrants' names, answers, question labels and event titles as
/// text, never as a formula.
/// </summary>
public sealed class ExportInjectionTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private static DateTimeOffset Paris(int year, int month, int day, int hour) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero).AddHours(month is >= 4 and <= 10 ? -2 : -1);

    [Fact]
    public async Task Given_a_registrant_with_formula_names_and_answer_When_the_registrants_are_exported_as_csv_Then_every_cell_is_text()
    {
        var e = await app.EventAsync(capacity: 5);
        var question = await app.QuestionAsync(e, CsvCells.At, required: false);
        var client = await app.OrganiserAsync();
        var added = await client.PostFormAsync($"/gestion/agenda/{e.Id}/inscrits?handler=Add", new()
        {
            ["Add.FirstName"] = CsvCells.Hyperlink, ["Add.LastName"] = CsvCells.Command, ["Add.Email"] = "formula@example.org",
            ["Add.Consent"] = "true", [$"Add.Answers[{question.Id}]"] = CsvCells.Plus,
        }, $"/gestion/agenda/{e.Id}/inscrits");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var response = await client.GetAsync($"/gestion/agenda/{e.Id}/inscrits?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = CsvCells.AssertNoFormula(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(CsvCells.Escaped(CsvCells.At), rows[0][^1]);
        Assert.Equal([CsvCells.Escaped(CsvCells.Command), CsvCells.Escaped(CsvCells.Hyperlink)], rows[1].Skip(2).Take(2));
        Assert.Equal(CsvCells.Escaped(CsvCells.Plus), rows[1][^1]);
    }

    [Fact]
    public async Task Given_an_event_with_a_formula_title_When_the_report_is_exported_as_csv_from_the_page_and_the_API_Then_the_title_is_text()
    {
        var hostile = await app.NewEventAsync(Paris(2031, 3, 4, 10), title: CsvCells.Hyperlink);
        await app.RegisterAsync(hostile, "Un", "Un");
        await app.NewEventAsync(Paris(2031, 3, 5, 10), title: CsvCells.Command);
        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve")));

        foreach (var (client, url) in new[] { (coordinator, "/gestion/agenda/bilans"), (api, "/api/v1/agenda/report") })
        {
            var response = await client.GetAsync($"{url}?from=2031-01-01&to=2031-12-31&groupBy=event&format=csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = CsvCells.AssertNoFormula(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains(rows, r => r[0] == CsvCells.Escaped(CsvCells.Hyperlink));
            Assert.Contains(rows, r => r[0] == CsvCells.Escaped(CsvCells.Command));
        }
    }

    [Fact]
    public async Task Given_the_import_template_When_downloaded_as_csv_Then_no_cell_is_a_formula()
    {
        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var response = await coordinator.GetAsync("/gestion/agenda/import?handler=Template&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CsvCells.AssertNoFormula(await response.Content.ReadAsByteArrayAsync());
    }
}
