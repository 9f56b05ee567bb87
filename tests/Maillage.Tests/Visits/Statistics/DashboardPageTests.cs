using System.Net;
using System.Text.RegularExpressions;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Visits;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Visits.Statistics;

public sealed class DashboardPageTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Year2019 = "from=2019-01-01&to=2019-12-31";

    private async Task<(Structure Geneve, Structure Annemasse)> SeedAsync()
    {
        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var from = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(9);
        if (!await app.SeedYearOnceAsync(random, 2019, 400, geneve, annemasse)) return (geneve, annemasse);
        var rare = VisitsTestData.RandomVisit(random, annemasse, from.AddDays(40), from.AddDays(41));
        rare.PublicStatus = PublicStatus.Professional;
        rare.Gender = Gender.Other;
        await app.RecordAsync([rare, VisitsTestData.RandomVisit(random, annemasse, from.AddYears(-1).AddDays(10), from.AddYears(-1).AddDays(11))]);
        return (geneve, annemasse);
    }

    /// <summary>Staff pages answer a forbidden resource with the access-denied page.</summary>
    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/gestion/acces-refuse", response.Headers.Location?.ToString());
    }

    private static IEnumerable<string> Figures(string html) =>
        Regex.Matches(html, "<td class=\"num\">([^<]*)</td>").Select(m => m.Groups[1].Value.Replace("\u202f", "").Replace("\u00a0", "").Replace(" ", ""));

    [Fact]
    public async Task Given_the_coordinator_of_Annemasse_When_opening_the_dashboard_Then_it_shows_Annemasse_only_with_exact_counts_charts_and_comparisons()
    {
        var (geneve, annemasse) = await SeedAsync();
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, $"structure:{annemasse.Id}");
        var client = await app.SignedInAsync(coordinator);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/gestion/statistiques?{Year2019}&rows=publicStatus&columns=gender"));
        Assert.Contains("Centre associé d'Annemasse", html);
        Assert.DoesNotContain("Cité des métiers de Genève", html);
        Assert.Contains("<div class=\"chart\" role=\"img\" aria-labelledby=\"t-structure-chart-title t-structure-chart-desc\">", html);
        Assert.Contains("<span id=\"t-structure-chart-title\" hidden>", html);
        Assert.Contains("<span id=\"t-structure-chart-desc\" hidden>", html);
        Assert.DoesNotContain("secret", html);
        Assert.Contains(">101<", html); // 100 + the rare one, the year before has 1
        Assert.Contains("2019, comparé à 2018.", html); // a year: the year before is both comparisons, named once
        Assert.Single(Regex.Matches(html[html.IndexOf("id=\"t-kind-h\"", StringComparison.Ordinal)..html.IndexOf("id=\"t-series-h\"", StringComparison.Ordinal)], "<th scope=\"col\" class=\"num\">2018</th>"));
        AssertRefused(await client.GetAsync($"/gestion/statistiques?{Year2019}&structure={geneve.Id}"));
    }

    [Fact]
    public async Task Given_a_funder_When_opening_the_dashboard_Then_small_counts_are_secret_and_no_shown_figure_is_under_the_threshold()
    {
        await SeedAsync();
        var funder = await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve");
        var client = await app.SignedInAsync(funder);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/gestion/statistiques?{Year2019}&rows=publicStatus&columns=gender"));
        Assert.Contains("Secret statistique", html);
        Assert.Contains(">secret<", html);
        Assert.All(Figures(html).Where(f => f != "secret"), f => Assert.True(long.Parse(f) == 0 || long.Parse(f) >= 5, $"{f} shown to a funder"));
    }

    [Fact]
    public async Task Given_a_coordinator_When_exporting_a_table_Then_CSV_XLSX_and_ODS_hold_the_same_figures_as_the_page()
    {
        var (_, annemasse) = await SeedAsync();
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInAsync(coordinator);
        foreach (var format in new[] { SpreadsheetFormat.Csv, SpreadsheetFormat.Xlsx, SpreadsheetFormat.Ods })
        {
            var response = await client.GetAsync($"/gestion/statistiques?handler=Export&format={SpreadsheetFile.Extension(format)}&table=structure&{Year2019}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith(response.Content.Headers.ContentType!.MediaType!, SpreadsheetFile.ContentType(format));
            var rows = SpreadsheetFile.ReadRows(await response.Content.ReadAsStreamAsync(), format);
            if (format != SpreadsheetFormat.Csv) rows = rows.Skip(1).ToList(); // the title row (ExportFileTests)
            Assert.Equal("Structure", rows[0][0]);
            Assert.Equal("101", rows.Single(r => r[0] == annemasse.Name)[1]);
            Assert.Equal("401", rows[^1][1]);
        }
        var all = await client.GetAsync($"/gestion/statistiques?handler=Export&format=xlsx&{Year2019}");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/gestion/statistiques?handler=Export&format=pdf&{Year2019}")).StatusCode);
    }

    [Fact]
    public async Task Given_bad_dates_When_opening_the_dashboard_Then_the_form_says_which_field_is_wrong()
    {
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInAsync(coordinator);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/gestion/statistiques?from=2019-05-01&to=2019-04-01"));
        Assert.Contains("error-summary", html);
        Assert.Contains("id=\"To-error\"", html);
    }

    [Fact]
    public async Task Given_anyone_When_opening_the_public_key_figures_of_Grand_Geneve_Then_no_count_under_the_threshold_is_shown()
    {
        await SeedAsync();
        var client = app.CreateClient();
        var home = await client.GetStringAsync("/");
        Assert.Contains("href=\"/chiffres/grand-geneve\"", home);
        var response = await client.GetAsync("/chiffres/grand-geneve?year=2019");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("401", html);
        Assert.Contains(">secret<", html);
        Assert.All(Figures(html).Where(f => f != "secret"), f => Assert.True(long.Parse(f) == 0 || long.Parse(f) >= 5, $"{f} published"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/chiffres/nowhere")).StatusCode);
    }

    [Fact]
    public async Task Given_a_coordinator_of_Marseille_When_opening_the_dashboard_Then_nothing_of_Grand_Geneve_shows()
    {
        var (geneve, _) = await SeedAsync();
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var client = await app.SignedInAsync(coordinator);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/gestion/statistiques?{Year2019}"));
        Assert.DoesNotContain("Annemasse", html);
        Assert.DoesNotContain("Genève", html);
        AssertRefused(await client.GetAsync($"/gestion/statistiques?{Year2019}&structure={geneve.Id}"));
        AssertRefused(await client.GetAsync($"/gestion/statistiques?handler=Export&format=csv&{Year2019}&structure={geneve.Id}"));
    }
}
