using System.Text.RegularExpressions;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Visits.Statistics;

/// <summary>
/// Issue 19, item 4, on the page: on 4 December the dashboard opens on November (the last complete month); a month asked
/// for before its end is a month to date, compared day for day and said so; a year is compared with the year before once;
/// a funder reads whole weeks ended; exports name each column once.
/// </summary>
public sealed class DashboardPeriodPageTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static readonly DateTimeOffset FourthOfDecember = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static string Headings(string html, string table)
    {
        var start = html.IndexOf($"id=\"t-{table}-h\"", StringComparison.Ordinal);
        var section = html[start..html.IndexOf("</thead>", start, StringComparison.Ordinal)];
        return string.Join(" | ", Regex.Matches(section, "<th scope=\"col\"[^>]*>([^<]*)</th>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Given_the_4th_of_December_When_a_coordinator_opens_the_dashboard_Then_periods_are_compared_span_for_span_and_named_rightly()
    {
        app.Clock.SetUtcNow(FourthOfDecember);
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));

        var byDefault = await client.PageTextAsync("/gestion/statistiques");
        Assert.Contains("value=\"2026-11-01\"", byDefault);
        Assert.Contains("value=\"2026-11-30\"", byDefault);
        Assert.Contains("novembre 2026, comparé à octobre 2026 et à novembre 2025.", byDefault);
        Assert.Equal("Type | novembre 2026 | octobre 2026 | novembre 2025", Headings(byDefault, "kind"));

        var december = await client.PageTextAsync("/gestion/statistiques?from=2026-12-01&to=2026-12-31");
        Assert.Contains("value=\"2026-12-04\"", december);
        Assert.Contains("1er–4 décembre 2026 (mois commencé), comparé aux mêmes jours du mois précédent (1er–4 novembre 2026) et de l'an dernier (1er–4 décembre 2025).", december);
        Assert.Equal("Type | 1er–4 décembre 2026 | 1er–4 novembre 2026 | 1er–4 décembre 2025", Headings(december, "kind"));

        var year = await client.PageTextAsync("/gestion/statistiques?from=2025-01-01&to=2025-12-31");
        Assert.Contains("2025, comparé à 2024.", year);
        Assert.DoesNotContain("et à 2024", year);
        Assert.Equal("Pôle (besoins) | 2025 | 2024", Headings(year, "needs"));

        var quarter = await client.PageTextAsync("/gestion/statistiques?from=2026-07-01&to=2026-09-30");
        Assert.Contains("3e trimestre 2026, comparé à 2e trimestre 2026 et à 3e trimestre 2025.", quarter);

        foreach (var format in new[] { SpreadsheetFormat.Csv, SpreadsheetFormat.Xlsx, SpreadsheetFormat.Ods })
        {
            var file = await client.GetAsync($"/gestion/statistiques?handler=Export&format={SpreadsheetFile.Extension(format)}&table=kind&from=2025-01-01&to=2025-12-31");
            var rows = SpreadsheetFile.ReadRows(await file.Content.ReadAsStreamAsync(), format);
            var header = rows.First(r => r.Count > 0 && r[0] == "Type");
            Assert.Equal(["Type", "2025", "2024"], header);
        }

        // Last: the English page sets the language of the session.
        var yearToDate = await client.PageTextAsync("/gestion/statistiques?from=2026-01-01&to=2026-12-31&culture=en");
        Assert.Contains("1 January – 4 December 2026 (year to date), compared with the same span of the year before: 1 January – 4 December 2025.", yearToDate);
        Assert.Equal("Kind | 1 January – 4 December 2026 | 1 January – 4 December 2025", Headings(yearToDate, "kind"));
    }

    [Fact]
    public async Task Given_the_4th_of_December_When_a_funder_opens_the_dashboard_Then_it_reads_the_whole_weeks_already_ended()
    {
        app.Clock.SetUtcNow(FourthOfDecember);
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        var page = await client.PageTextAsync("/gestion/statistiques");
        // November widened to whole weeks (Monday 26 October …), ended with the last Sunday past (29 November), not the current week.
        Assert.Contains("value=\"2026-10-26\"", page);
        Assert.Contains("value=\"2026-11-29\"", page);
        Assert.Contains("semaines 44–48 (26 octobre – 29 novembre 2026), comparées aux 5 semaines précédentes", page);
    }
}
