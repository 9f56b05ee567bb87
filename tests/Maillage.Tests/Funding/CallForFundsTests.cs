using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maillage.Funding;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Funding;

/// <summary>
/// Issue 21, item 10: calls for funds. The AA–CCG 2022 line is called once the ceremony's actual costs are entered
/// (18 539 € and the 50 % share), numbered in the Cité's year, read back as PDF, linked from the schedule line, read by
/// the CCG's funder and no other; numbers stay distinct when calls are issued at once. The class owns its database.
/// </summary>
public sealed class CallForFundsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string Flat(string text) => Regex.Replace(text, "[\\s\u00a0\u202f]+", "");

    private Task<Convention> ConventionAsync(string title) => app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().AsNoTracking()
        .Include(c => c.PaymentRules).Include(c => c.CostSharing).SingleAsync(c => c.Title == title));

    private async Task<HttpResponseMessage> IssueAsync(HttpClient client, int conventionId, int ruleId, string years) =>
        await client.PostFormAsync($"/gestion/conventions/{conventionId}?handler=Call", new() { ["ruleId"] = ruleId.ToString(), ["years"] = years }, $"/gestion/conventions/{conventionId}");

    [Fact]
    public async Task Given_the_ceremony_costs_of_2022_When_the_coordinator_issues_the_2022_call_Then_it_is_numbered_linked_read_back_as_PDF_and_read_by_the_funder_only()
    {
        var c = await ConventionAsync(ReferenceConventions.AaCcgTitle);
        var rule = c.PaymentRules.Single();
        await app.WithDbAsync(async db =>
        {
            db.Add(new ActualCost { RuleId = c.CostSharing.Single().Id, Year = 2022, SpentOn = new DateOnly(2022, 11, 24), Label = "Traiteur et trophées", Amount = 1500m });
            await db.SaveChangesAsync();
            return 0;
        });

        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var issued = await IssueAsync(coordinator, c.Id, rule.Id, "2022");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var url = issued.Headers.Location!.OriginalString;
        Assert.Matches($"^/gestion/conventions/{c.Id}/appels/\\d+$", url);
        var year = app.Clock.GetUtcNow().Year;

        // Issuing the same line again opens the same call.
        Assert.Equal(url, (await IssueAsync(coordinator, c.Id, rule.Id, "2022")).Headers.Location!.OriginalString);

        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync(url));
        Assert.Contains($"Appel de fonds n° {year}-001", page);
        var pdf = Flat(string.Join("\n", DocumentPdfTests.PageTexts(await coordinator.GetByteArrayAsync($"{url}?format=pdf"))));
        Assert.Contains(Flat($"Appel de fonds n° {year}-001"), pdf);
        Assert.Contains(Flat("Participation 2022 : 26,5 jours × 583 € HT × (1 + TVA 20 %) — montant signé 18 539 €"), pdf);
        Assert.Contains(Flat("2022 : 50 % des frais réels de 1 500 €, plafonné à 1 000 €"), pdf);
        Assert.Contains(Flat("750 €"), pdf); // the share, beside its (wrapped) label
        Assert.Contains(Flat("Total à régler 19 289 €"), pdf);
        Assert.Contains(Flat("Communauté de Communes du Genevois"), pdf);
        Assert.Contains(Flat("28 février 2023"), pdf);

        // Linked from its schedule line, on the page and in the API.
        Assert.Contains($"href=\"{url}\"", await coordinator.GetStringAsync($"/gestion/conventions/{c.Id}"));
        var api = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "partner:grand-geneve/Communauté de Communes du Genevois"));
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}");
        var line = json.GetProperty("schedule").EnumerateArray().Single(l => l.GetProperty("years")[0].GetInt32() == 2022);
        Assert.Equal($"{year}-001", line.GetProperty("call").GetProperty("number").GetString());
        var callApi = line.GetProperty("call").GetProperty("url").GetString()!;
        var call = await api.GetFromJsonAsync<JsonElement>(callApi);
        Assert.Equal(19289m, call.GetProperty("amount").GetDecimal());
        Assert.Equal(2, call.GetProperty("lines").GetArrayLength());
        Assert.Equal("application/pdf", (await api.GetAsync($"{callApi}?format=pdf")).Content.Headers.ContentType?.MediaType);

        // The funder reads it on the page too, and may not issue one; a funder of another partner reads nothing.
        var funder = await app.SignedInAsAsync(StaffRole.Funder, "partner:grand-geneve/Communauté de Communes du Genevois");
        Assert.Equal(HttpStatusCode.OK, (await funder.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await IssueAsync(funder, c.Id, rule.Id, "2023")).StatusCode);
        var other = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "partner:grand-geneve/Bpifrance"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(callApi)).StatusCode);
        var annemasse = await app.SignedInAsAsync(StaffRole.Coordinator, "structure:grand-geneve/annemasse");
        Assert.Equal(HttpStatusCode.NotFound, (await IssueAsync(annemasse, c.Id, rule.Id, "2023")).StatusCode);

        // Costs entered later do not change the call as issued; the page says the schedule now differs.
        await app.WithDbAsync(async db =>
        {
            db.Add(new ActualCost { RuleId = c.CostSharing.Single().Id, Year = 2022, Label = "Location de salle", Amount = 400m });
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal(19289m, (await api.GetFromJsonAsync<JsonElement>(callApi)).GetProperty("amount").GetDecimal());
        Assert.Contains(FundingTestData.Euros("19 489"), WebUtility.HtmlDecode(await coordinator.GetStringAsync(url)));

        // A line with nothing to call is refused with a message.
        var empty = await app.ConventionAsync();
        await app.WithDbAsync(async db =>
        {
            foreach (var y in db.Set<ConventionYear>().Where(y => y.ConventionId == empty.Id)) y.SignedAmount = 0;
            foreach (var d in db.Set<ActionDays>().Where(d => db.Set<ConventionAction>().Any(a => a.Id == d.ActionId && a.ConventionId == empty.Id))) d.FinancedDays = 0;
            await db.SaveChangesAsync();
            return 0;
        });
        var nothing = await IssueAsync(coordinator, empty.Id, empty.PaymentRules.Single().Id, "2022");
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        var said = WebUtility.HtmlDecode(await nothing.Content.ReadAsStringAsync());
        Assert.True(said.Contains("Rien à appeler pour année 2022 : le montant est nul."), said[..Math.Min(3000, said.Length)]);
    }

    [Fact]
    public async Task Given_calls_issued_at_once_Then_each_takes_its_own_number_in_the_Cites_year_and_one_line_gets_one_call()
    {
        var citesLab = await ConventionAsync(ReferenceConventions.CitesLabTitle);
        var extra = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.ConventionAsync()));
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve")));
        var asks = new List<(HttpClient Client, int Convention, int Rule, string Years)>
        {
            (clients[0], citesLab.Id, citesLab.PaymentRules.Single().Id, "2021,2022"),
            (clients[1], citesLab.Id, citesLab.PaymentRules.Single().Id, "2023"),
            (clients[2], extra[0].Id, extra[0].PaymentRules.Single().Id, "2022"),
            (clients[3], extra[1].Id, extra[1].PaymentRules.Single().Id, "2023"),
            (clients[0], extra[2].Id, extra[2].PaymentRules.Single().Id, "2024"),
            (clients[1], extra[2].Id, extra[2].PaymentRules.Single().Id, "2024"), // the same line twice at once
        };
        var responses = await Task.WhenAll(asks.Select(a => IssueAsync(a.Client, a.Convention, a.Rule, a.Years)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(responses[4].Headers.Location, responses[5].Headers.Location);

        var citeId = await app.CiteIdAsync("grand-geneve");
        var year = app.Clock.GetUtcNow().Year;
        var calls = await app.WithDbAsync(db => db.Set<CallForFunds>().IgnoreQueryFilters().Where(x => x.CiteId == citeId && x.Year == year).ToListAsync());
        var numbers = calls.Select(x => x.Sequence).Order().ToList();
        Assert.Equal(numbers.Distinct().Count(), numbers.Count);
        Assert.Equal(5, calls.Count(x => x.ConventionId == citesLab.Id || extra.Any(e => e.Id == x.ConventionId)));
        var lab = calls.Single(x => x.ConventionId == citesLab.Id && x.Years == "2021,2022");
        Assert.Equal(15150m, lab.Amount); // 2021 billed with 2022: 3 770 + 11 380
    }
}
