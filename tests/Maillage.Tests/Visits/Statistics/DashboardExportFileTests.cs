using System.Net;
using System.Text;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Visits.Statistics;

/// <summary>
/// Issue 19, item 15, on the dashboard's exports: CSV is UTF-8 with a BOM, semicolon-separated in French (French Excel
/// opens a comma-separated file in one column) and comma-separated in English; XLSX and ODS sheets start with a title row
/// naming the scope, the period and the date of extraction; the export menu says which separator CSV uses.
/// </summary>
public sealed class DashboardExportFileTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string November = "from=2026-11-01&to=2026-11-22";

    [Fact]
    public async Task Given_a_coordinator_When_exporting_Then_CSV_follows_the_language_and_sheets_start_with_a_title_row()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));

        var page = await client.PageTextAsync($"/gestion/statistiques?{November}");
        Assert.Contains(">CSV (Excel, séparateur point-virgule)</a>", page);

        var french = await client.GetByteArrayAsync($"/gestion/statistiques?handler=Export&format=csv&table=kind&{November}");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, french[..3]);
        var frenchText = Encoding.UTF8.GetString(french[3..]);
        Assert.StartsWith("Type;1er–22 novembre 2026;", frenchText);
        Assert.DoesNotContain(",", frenchText.Split("\r\n")[0]);

        foreach (var format in new[] { SpreadsheetFormat.Xlsx, SpreadsheetFormat.Ods })
        {
            var response = await client.GetAsync($"/gestion/statistiques?handler=Export&format={SpreadsheetFile.Extension(format)}&table=kind&structure={annemasse.Id}&{November}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = SpreadsheetFile.ReadRows(await response.Content.ReadAsStreamAsync(), format);
            Assert.Equal($"Fréquentation — {annemasse.Name} — 1er–22 novembre 2026 — extrait le 23 novembre 2026", Assert.Single(rows[0]));
            Assert.Equal(["Type", "1er–22 novembre 2026", "1er–22 octobre 2026", "1er–22 novembre 2025"], rows[1]);
        }

        var english = await client.GetByteArrayAsync($"/gestion/statistiques?handler=Export&format=csv&table=kind&{November}&culture=en");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, english[..3]);
        Assert.StartsWith("Kind,1–22 November 2026,1–22 October 2026,1–22 November 2025\r\n", Encoding.UTF8.GetString(english[3..]));
        Assert.Contains(">CSV (comma-separated)</a>", await client.PageTextAsync($"/gestion/statistiques?{November}"));
    }
}
