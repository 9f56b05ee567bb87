using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Infrastructure;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Visits.Statistics;

/// <summary>
/// Issue 19, item 3: a visit may record no need and no service (reception ticks none by default). Dashboards, the
/// statistics API and exports count them on a "Non précisé / Not stated" line of their own, from the rollups as the others.
/// </summary>
public sealed class NotStatedTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string March2017 = "from=2017-03-01&to=2017-03-31";

    private async Task SeedAsync()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var march = new DateTimeOffset(2017, 3, 1, 0, 0, 0, TimeSpan.Zero);
        if (await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().AnyAsync(v => v.Quarter >= QuarterHour.Of(march.AddMonths(-1)) && v.Quarter < QuarterHour.Of(march.AddMonths(1)))))
            return;
        var random = new Random(3);
        Visit Make(DateTimeOffset month, Needs needs, Services services)
        {
            var v = VisitsTestData.RandomVisit(random, annemasse, month.AddDays(1), month.AddDays(27));
            (v.Needs, v.Services) = (needs, services);
            return v;
        }
        await app.RecordAsync([
            .. Enumerable.Range(0, 12).Select(_ => Make(march, Needs.None, Services.None)),
            .. Enumerable.Range(0, 7).Select(_ => Make(march, Needs.None, Services.InformationOnly)),
            .. Enumerable.Range(0, 20).Select(_ => Make(march, Needs.Orientation, Services.Documentation)),
            .. Enumerable.Range(0, 5).Select(_ => Make(march.AddMonths(-1), Needs.None, Services.None)),
        ]);
    }

    private static JsonElement Row(JsonElement result, string dimension, int length) =>
        result.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty(dimension).GetArrayLength() == length && (length > 0 || r.GetProperty(dimension).ValueKind == JsonValueKind.Array));

    [Theory]
    [InlineData(March2017, "rollups")]
    [InlineData("from=2017-03-01&to=2017-03-30", "visits")]
    public async Task Given_visits_without_need_or_service_When_counting_through_the_API_Then_they_are_one_row_of_their_own_with_empty_arrays(string period, string source)
    {
        await SeedAsync();
        var client = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var needs = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/stats/visits?{period}&groupBy=needs")).RootElement;
        Assert.Equal(39, needs.GetProperty("total").GetInt64());
        Assert.Equal(source, needs.GetProperty("source").GetString());
        Assert.Equal(19, Row(needs, "needs", 0).GetProperty("count").GetInt64());
        Assert.Equal(20, Row(needs, "needs", 1).GetProperty("count").GetInt64());
        var services = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/stats/visits?{period}&groupBy=services")).RootElement;
        Assert.Equal(12, Row(services, "services", 0).GetProperty("count").GetInt64());
        var byPole = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/stats/visits?{period}&groupBy=pole,services")).RootElement;
        Assert.Equal(12, byPole.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("pole").GetArrayLength() == 0 && r.GetProperty("services").GetArrayLength() == 0).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Given_visits_without_need_or_service_When_opening_the_dashboard_and_its_export_Then_a_Non_precise_line_counts_them_last()
    {
        await SeedAsync();
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var html = await client.PageTextAsync($"/gestion/statistiques?{March2017}");
        var needs = html[html.IndexOf("id=\"t-needs-h\"", StringComparison.Ordinal)..];
        needs = needs[..needs.IndexOf("</tbody>", StringComparison.Ordinal)];
        var rows = Regex.Matches(needs, "<tr><th scope=\"row\">([^<]*)</th>\\s*<td class=\"num\">([^<]*)</td>\\s*<td class=\"num\">([^<]*)</td>").Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
        Assert.Equal(("Non précisé", "19", "5"), rows[^1]);
        Assert.Contains(("S'orienter, choisir sa formation", "20", "0"), rows);
        var services = html[html.IndexOf("id=\"t-services-h\"", StringComparison.Ordinal)..];
        Assert.Matches("<th scope=\"row\">Non précisé</th>\\s*<td class=\"num\">12</td>", services);

        var response = await client.GetAsync($"/gestion/statistiques?handler=Export&format=xlsx&table=needs&{March2017}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = SpreadsheetFile.ReadRows(await response.Content.ReadAsStreamAsync(), SpreadsheetFormat.Xlsx);
        Assert.Contains(sheet, r => r[0] == "Non précisé" && r[1] == "19" && r[2] == "5");

        var english = await client.PageTextAsync($"/gestion/statistiques?{March2017}&culture=en");
        Assert.Matches("<th scope=\"row\">Not stated</th>\\s*<td class=\"num\">19</td>", english);
    }
}
