using System.Net;
using System.Text;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Agenda.Registrations;

namespace Maillage.Tests.Agenda.Operations;

/// <summary>
/// Issue 19, item 15, on the Agenda's exports: the report (page and API) and the registrants of an event write CSV as
/// UTF-8 with a BOM, semicolon-separated in French; their XLSX and ODS sheets start with a title row naming what they
/// cover, the period or the event, and the day of extraction.
/// </summary>
public sealed class AgendaExportFileTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    [Fact]
    public async Task Given_the_report_and_the_registrants_When_exported_Then_CSV_is_French_and_sheets_start_with_a_title_row()
    {
        var e = await app.NewEventAsync(new DateTimeOffset(2031, 3, 4, 9, 0, 0, TimeSpan.Zero), title: "Atelier export");
        await app.RegisterAsync(e, "Léa", "Roux");
        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        const string year = "from=2031-01-01&to=2031-12-31&groupBy=event";

        var csv = await coordinator.GetByteArrayAsync($"/gestion/agenda/bilans?{year}&format=csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var heading = Encoding.UTF8.GetString(csv[3..]).Split("\r\n")[0];
        Assert.Contains(';', heading);
        Assert.True(heading.Split(';').Length >= 5, heading);

        foreach (var format in new[] { SpreadsheetFormat.Xlsx, SpreadsheetFormat.Ods })
        {
            var report = await coordinator.GetAsync($"/gestion/agenda/bilans?{year}&format={SpreadsheetFile.Extension(format)}");
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            var rows = SpreadsheetFile.ReadRows(await report.Content.ReadAsStreamAsync(), format);
            var title = Assert.Single(rows[0]);
            Assert.StartsWith("Bilan de l'agenda — toutes les structures de votre périmètre — du 1er janvier 2031 au 31 décembre 2031 — extrait le ", title);
            Assert.Matches(@"extrait le \d{1,2}(er)? \p{L}+ \d{4}$", title);
            Assert.Contains(rows.Skip(2), r => r.Count > 0 && r[0] == "Atelier export");

            var registrants = await coordinator.GetAsync($"/gestion/agenda/{e.Id}/inscrits?format={SpreadsheetFile.Extension(format)}");
            Assert.Equal(HttpStatusCode.OK, registrants.StatusCode);
            var lines = SpreadsheetFile.ReadRows(await registrants.Content.ReadAsStreamAsync(), format);
            Assert.Matches(@"^Inscrits — Atelier export — .+ — extrait le \d{1,2}(er)? \p{L}+ \d{4}$", Assert.Single(lines[0]));
            Assert.Equal("Statut", lines[1][0]);
            Assert.Contains(lines.Skip(2), r => r.Contains("Roux"));
        }
    }
}
