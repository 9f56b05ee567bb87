using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Maillage.Agenda;
using Maillage.Funding;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda.Operations;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Funding;

/// <summary>
/// Issue 21, item 9: the annual report of the AA–CCG convention for 2022 — the events held on the CCG territory against its
/// targets, 18 539 € due — as JSON, PDF and DOCX read back, frozen when sent and unchanged by later data, a year not
/// covered refused. The class owns its database: only its events count.
/// </summary>
public sealed class AnnualReportTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    private Task<int> AaCcgAsync() =>
        app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Where(c => c.Title == ReferenceConventions.AaCcgTitle).Select(c => c.Id).SingleAsync());

    private static string Flat(string text) => Regex.Replace(text, "[\\s\u00a0\u202f]+", "");

    [Fact]
    public async Task Given_2022s_events_on_the_CCG_Then_the_report_sets_them_against_the_targets_with_18_539_due_in_JSON_PDF_and_DOCX_and_a_sent_version_stays_as_sent()
    {
        var id = await AaCcgAsync();
        // On the CCG: 3 information days and 2 workshops at the Saint-Julien relay, a forum in Saint-Julien; at Annemasse (outside): a workshop and a forum.
        foreach (var day in new[] { 1, 2, 3 }) await app.NewEventAsync(Utc(2022, 3, day), structureSlug: "saint-julien-en-genevois", type: EventType.InformationDay);
        foreach (var day in new[] { 4, 5 }) await app.NewEventAsync(Utc(2022, 4, day), structureSlug: "saint-julien-en-genevois", type: EventType.Workshop);
        await app.NewEventAsync(Utc(2022, 5, 10), structureSlug: "saint-julien-en-genevois", type: EventType.Forum);
        await app.NewEventAsync(Utc(2022, 6, 14), structureSlug: "annemasse", type: EventType.Workshop);
        await app.NewEventAsync(Utc(2022, 6, 15), structureSlug: "annemasse", type: EventType.Forum);

        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var json = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{id}/reports/2022");
        Assert.Equal(2022, json.GetProperty("year").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("version").ValueKind);
        Assert.Equal(18539m, json.GetProperty("amountDue").GetDecimal());
        var targets = json.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("indicator").GetString()!);
        Assert.Equal(5m, targets["agenda.information-days-and-workshops"].GetProperty("target").GetDecimal());
        Assert.Equal(5m, targets["agenda.information-days-and-workshops"].GetProperty("actual").GetDecimal());
        Assert.True(targets["agenda.information-days-and-workshops"].GetProperty("met").GetBoolean());
        Assert.Equal(1m, targets["agenda.forums"].GetProperty("actual").GetDecimal());
        Assert.True(targets["agenda.forums"].GetProperty("met").GetBoolean());

        var pdf = await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=pdf");
        var pdfText = Flat(string.Join("\n", DocumentPdfTests.PageTexts(pdf)));
        Assert.Contains(Flat("Bilan annuel 2022"), pdfText);
        Assert.Contains(Flat("5 journées d'information et d'ateliers 5 5 atteint"), pdfText);
        Assert.Contains(Flat("Au moins 1 forum, salon ou événement à rayonnement local organisé sur le 1 1 atteint"), pdfText);
        Assert.Contains(Flat("Journées financées : 26,5 j × 583 € HT × (1 + TVA 20 %) — montant signé 18 539 €"), pdfText);
        Assert.Contains(Flat("Total dû 18 539 €"), pdfText);

        var docx = await coordinator.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/conventions/{id}/reports/2022")
        {
            Headers = { { "Accept", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" } },
        });
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var cells = word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => Flat(c.InnerText)).ToList();
            Assert.Contains(Flat("5 journées d'information et d'ateliers"), cells);
            Assert.Contains(Flat("18 539 €"), cells);
        }

        // The coordinator writes the commentary and sends: version 1 is frozen.
        var page = $"/gestion/conventions/{id}/bilan/2022";
        var saved = await coordinator.PostFormAsync($"{page}?handler=Texts", new() { ["Activity"] = "Une année de forums bien suivis.", ["Outlook"] = "Deux forums en 2023." }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var sent = await coordinator.PostFormAsync($"{page}?handler=Send", [], page);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("version=1", sent.Headers.Location!.ToString());
        var v1 = Flat(string.Join("\n", DocumentPdfTests.PageTexts(await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=pdf&version=1"))));
        Assert.Contains(Flat("Une année de forums bien suivis."), v1);
        Assert.Contains(Flat("Version 1 envoyée le 23 novembre 2026"), v1);

        // New data after sending: a sixth information day and new commentary. The live report counts them; version 1 does not change.
        await app.NewEventAsync(Utc(2022, 9, 6), structureSlug: "saint-julien-en-genevois", type: EventType.InformationDay);
        await coordinator.PostFormAsync($"{page}?handler=Texts", new() { ["Activity"] = "Texte réécrit.", ["Outlook"] = "" }, page);
        var live = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{id}/reports/2022");
        Assert.Equal(1, live.GetProperty("version").GetInt32());
        Assert.Equal(6m, live.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("indicator").GetString() == "agenda.information-days-and-workshops").GetProperty("actual").GetDecimal());
        var v1Again = Flat(string.Join("\n", DocumentPdfTests.PageTexts(await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=pdf&version=1"))));
        Assert.Equal(v1, v1Again);
        var frozenPage = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"{page}?version=1"));
        Assert.Contains("Une année de forums bien suivis.", frozenPage);
        Assert.DoesNotContain("Texte réécrit.", frozenPage);

        // Re-issuing makes version 2, with today's figures.
        var resent = await coordinator.PostFormAsync($"{page}?handler=Send", [], page);
        Assert.Contains("version=2", resent.Headers.Location!.ToString());
        var v2 = Flat(string.Join("\n", DocumentPdfTests.PageTexts(await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=pdf&version=2"))));
        Assert.Contains(Flat("5 journées d'information et d'ateliers 5 6 atteint"), v2);
        Assert.Contains(Flat("Texte réécrit."), v2);

        var spreadsheet = await coordinator.GetAsync($"/api/v1/conventions/{id}/reports/2022?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, spreadsheet.StatusCode);
        var ods = await coordinator.GetAsync($"/api/v1/conventions/{id}/reports/2022?format=ods");
        Assert.Equal("application/vnd.oasis.opendocument.spreadsheet", ods.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Given_a_year_the_convention_does_not_cover_Then_the_API_answers_422_naming_year_and_the_page_404()
    {
        var id = await AaCcgAsync();
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var response = await coordinator.GetAsync($"/api/v1/conventions/{id}/reports/2021");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("year", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/gestion/conventions/{id}/bilan/2021")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/v1/conventions/{id}/reports/2022?version=9&format=pdf")).StatusCode);

        var convention = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/gestion/conventions/{id}"));
        Assert.Contains($"href=\"/gestion/conventions/{id}/bilan/2022\"", convention);
        Assert.Contains("Bilan 2022", convention);
    }
}
