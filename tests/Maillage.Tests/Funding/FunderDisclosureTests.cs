using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Maillage.Entrepreneurship;
using Maillage.Funding;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Entrepreneurship;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Platform.Documents;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Funding;

/// <summary>
/// Issue 21 (SPEC §4: "any published or funder-facing table suppresses cells below a disclosure threshold … staff of the
/// structure itself see exact counts"): a funder reads a convention's counts of people under disclosure control, the Cité's
/// coordinator exactly; the annual report, a document meant for the funder, is under control for every reader; a
/// convention's partial years (fixed by the signed convention, not chosen by the reader) are counted under control.
/// </summary>
public sealed class FunderDisclosureTests : IAsyncLifetime
{
    private const string CcgScope = "partner:grand-geneve/Communauté de Communes du Genevois";
    // The class owns its database: its three people received are the only ones of 2024.
    private readonly MaillageApp app = new();

    public async Task InitializeAsync()
    {
        var coach = await app.CoachAsync();
        var (_, saintJulien, _) = await app.TerritoriesAsync();
        foreach (var first in new[] { "Amina", "Basile", "Cyril" })
            await coach.StepAsync(await coach.CreateHolderAsync(Body(first, "Disclosqz", communeId: saintJulien)), new { kind = "received", date = "2024-03-04" });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>
    /// A CCG convention from 1 September 2023 to 9 May 2024 (two partial years, as CitésLab's) and one on 2026 (running on the
    /// test clock's 23 November 2026), with targets on the CitésLab's people received (three in Saint-Julien in March 2024).
    /// </summary>
    private async Task<(int Partial, int Running)> ArrangeAsync()
    {
        var citeId = await app.CiteIdAsync("grand-geneve");
        return await app.WithDbAsync(async db =>
        {
            var ccg = await db.Set<Maillage.Network.Partner>().IgnoreQueryFilters().FirstAsync(p => p.CiteId == citeId && p.Name == "Communauté de Communes du Genevois");
            var territory = await db.Territories.IgnoreQueryFilters().Where(t => t.CiteId == citeId && t.Name == "Communauté de Communes du Genevois").Select(t => t.Id).SingleAsync();
            Convention Make(DateOnly from, DateOnly to, params int[] years)
            {
                var c = new Convention { CiteId = citeId, Title = $"Convention secret {Guid.NewGuid():N}", Status = ConventionStatus.InForce, EffectiveFrom = from, EffectiveTo = to };
                c.Parties.Add(new ConventionParty { PartnerId = ccg.Id, Name = ccg.Name, Role = PartyRole.Funder });
                c.Territories.Add(new ConventionTerritory { TerritoryId = territory });
                foreach (var y in years)
                    c.Targets.Add(new ConventionTarget { Year = y, Label = $"40 personnes reçues en {y}", Indicator = EntrepreneurshipIndicators.Received, Value = 40 });
                db.Add(c);
                return c;
            }
            var partial = Make(new DateOnly(2023, 9, 1), new DateOnly(2024, 5, 9), 2023, 2024);
            var running = Make(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 2026);
            await db.SaveChangesAsync();
            return (partial.Id, running.Id);
        });
    }

    /// <summary>The cells of the row of <paramref name="label"/> in the page's targets table.</summary>
    private static string Row(string html, string label) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("tr").Single(r => r.TextContent.Contains(label)).TextContent;

    private static JsonElement Target(JsonElement convention, int year) =>
        convention.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("year").GetInt32() == year);

    [Fact]
    public async Task Given_a_funder_and_the_coordinator_reading_a_convention_Then_the_funder_reads_3_people_as_secret_and_the_coordinator_reads_3()
    {
        var (partial, _) = await ArrangeAsync();

        var funderApi = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, CcgScope));
        var coordinatorApi = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        // 2024 runs from 1 January to 9 May (the convention's end): a fixed period, so no whole-month refusal.
        var hidden = Target(await funderApi.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{partial}"), 2024);
        Assert.Equal("secret", hidden.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("actual").ValueKind);
        Assert.Equal("2024-05-09", hidden.GetProperty("to").GetString());
        var exact = Target(await coordinatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{partial}"), 2024);
        Assert.Equal("not-met", exact.GetProperty("state").GetString());
        Assert.Equal(3, exact.GetProperty("actual").GetDecimal());
        // 2023 from 1 September: nobody received, a zero is shown to both.
        Assert.Equal(0, Target(await funderApi.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{partial}"), 2023).GetProperty("actual").GetDecimal());

        var funderPage = await (await app.SignedInAsAsync(StaffRole.Funder, CcgScope)).PageTextAsync($"/gestion/conventions/{partial}");
        var row = Row(funderPage, "40 personnes reçues en 2024");
        Assert.Contains("secret", row);
        Assert.DoesNotContain("3", row.Replace("2024", ""));
        Assert.Contains("sous secret statistique", funderPage);
        var coordinatorPage = await (await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve")).PageTextAsync($"/gestion/conventions/{partial}");
        var exactRow = Row(coordinatorPage, "40 personnes reçues en 2024");
        Assert.Contains("3", exactRow.Replace("2024", ""));
        Assert.DoesNotContain("secret", exactRow);
        Assert.DoesNotContain("sous secret statistique", coordinatorPage);
    }

    [Fact]
    public async Task Given_a_running_year_Then_a_funder_reads_it_up_to_the_last_whole_month_and_the_coordinator_up_to_today()
    {
        var (_, running) = await ArrangeAsync();
        var funderApi = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, CcgScope));
        var coordinatorApi = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));

        var funder = Target(await funderApi.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{running}"), 2026);
        Assert.Equal("2026-10-31", funder.GetProperty("to").GetString());
        Assert.Equal("in-progress", funder.GetProperty("state").GetString());
        var coordinator = Target(await coordinatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{running}"), 2026);
        Assert.Equal("2026-11-23", coordinator.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Given_the_annual_report_of_a_partial_year_Then_it_is_under_disclosure_control_for_the_coordinator_too_and_sent_as_previewed()
    {
        var (partial, _) = await ArrangeAsync();
        var coordinatorApi = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));

        var response = await coordinatorApi.GetAsync($"/api/v1/conventions/{partial}/reports/2024");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        var target = JsonDocument.Parse(text).RootElement.GetProperty("targets").EnumerateArray().Single();
        Assert.Equal("secret", target.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, target.GetProperty("actual").ValueKind);
        Assert.Equal("2024-01-01", target.GetProperty("from").GetString());
        Assert.Equal("2024-05-09", target.GetProperty("to").GetString());
        // 2023 starts on 1 September: the report works under control too.
        Assert.Equal(HttpStatusCode.OK, (await coordinatorApi.GetAsync($"/api/v1/conventions/{partial}/reports/2023")).StatusCode);

        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/conventions/{partial}/bilan/2024";
        var page = await coordinator.PageTextAsync(url);
        Assert.Contains("secret", Row(page, "40 personnes reçues en 2024"));
        Assert.Contains("secret statistique", page);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{url}?handler=Send", [], url)).StatusCode);

        // What the funder reads, as sent, says the same.
        var funder = await app.SignedInAsAsync(StaffRole.Funder, CcgScope);
        var pdf = string.Join("\n", DocumentPdfTests.PageTexts(await funder.GetByteArrayAsync($"{url}?version=1&format=pdf")));
        Assert.Contains("secret", pdf);
        Assert.Contains("statistique", pdf);
    }
}
