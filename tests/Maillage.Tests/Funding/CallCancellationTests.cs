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
/// Issue 21: an issued call for funds is never deleted. The coordinator cancels it with a reason (it keeps its number and
/// reads « ANNULÉ »), re-issues its line as a new numbered call naming the one it replaces; a call whose line has a payment
/// recorded is not cancelled; a funder cancels nothing. The class owns its database: its numbers start at 001.
/// </summary>
public sealed class CallCancellationTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string CcgScope = "partner:grand-geneve/Communauté de Communes du Genevois";

    private static string Flat(string text) => Regex.Replace(text, "[\\s\u00a0\u202f]+", "");

    private static async Task<string> IssueAsync(HttpClient client, int conventionId, int ruleId, string years)
    {
        var issued = await client.PostFormAsync($"/gestion/conventions/{conventionId}?handler=Call", new() { ["ruleId"] = ruleId.ToString(), ["years"] = years }, $"/gestion/conventions/{conventionId}");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        return issued.Headers.Location!.OriginalString;
    }

    private Task<List<(int Sequence, bool Cancelled)>> NumbersAsync(int conventionId) => app.WithDbAsync(async db =>
        (await db.Set<CallForFunds>().IgnoreQueryFilters().Where(x => x.ConventionId == conventionId).OrderBy(x => x.Sequence).Select(x => new { x.Sequence, x.CancelledOn }).ToListAsync())
            .Select(x => (x.Sequence, x.CancelledOn != null)).ToList());

    [Fact]
    public async Task Given_an_issued_call_When_the_coordinator_cancels_and_reissues_it_Then_both_keep_their_numbers_and_name_each_other_and_the_PDF_reads_ANNULE()
    {
        var c = await app.ConventionAsync();
        var rule = c.PaymentRules.Single();
        var year = app.Clock.GetUtcNow().Year;
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var first = await IssueAsync(coordinator, c.Id, rule.Id, "2022");
        // Numbers count per Cité and year of issue: this convention's first call takes the next one of the year.
        var s0 = (await NumbersAsync(c.Id)).Single().Sequence;
        string N(int k) => $"{year}-{s0 + k:000}";

        // A funder, and the coordinator of a structure, cancel nothing.
        var funder = await app.SignedInAsAsync(StaffRole.Funder, CcgScope);
        Assert.Equal(HttpStatusCode.NotFound, (await funder.PostFormAsync($"{first}?handler=Cancel", new() { ["Reason"] = "Non" }, first)).StatusCode);
        Assert.DoesNotContain("handler=Cancel", await funder.GetStringAsync(first));

        // No reason: the field says so and nothing is saved.
        var refused = await coordinator.PostFormAsync($"{first}?handler=Cancel", new() { ["Reason"] = " " }, first);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Indiquez le motif de l'annulation.", await refused.TextAsync());
        Assert.Equal([(s0, false)], await NumbersAsync(c.Id));

        var cancelled = await coordinator.PostFormAsync($"{first}?handler=Cancel", new() { ["Reason"] = "Montant de la cérémonie saisi après l'émission" }, first);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var page = await coordinator.PageTextAsync(first);
        Assert.Contains($"Appel de fonds n° {N(0)}", page);
        Assert.Contains("ANNULÉ", page);
        Assert.Contains("motif : Montant de la cérémonie saisi après l'émission", page);
        var pdf = Flat(string.Join("\n", DocumentPdfTests.PageTexts(await coordinator.GetByteArrayAsync($"{first}?format=pdf"))));
        Assert.Contains(Flat("ANNULÉ"), pdf);
        Assert.Contains(Flat("Montant de la cérémonie saisi après l'émission"), pdf);
        Assert.Contains(Flat($"n° {N(0)}"), pdf);

        // The schedule no longer counts it: the line is called by no call in force, and offers to issue again.
        var api = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var line = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}")).GetProperty("schedule").EnumerateArray().Single(l => l.GetProperty("years")[0].GetInt32() == 2022);
        Assert.Equal(JsonValueKind.Null, line.GetProperty("call").ValueKind);
        Assert.Equal(18539m, line.GetProperty("outstanding").GetDecimal());
        var sheet = await coordinator.PageTextAsync($"/gestion/conventions/{c.Id}");
        Assert.Contains("Émettre l'appel — année 2022", sheet);
        Assert.Contains($"N° {N(0)}", sheet);

        // Re-issued: a new number, naming the one it replaces; the cancelled one names it.
        var reissued = await coordinator.PostFormAsync($"{first}?handler=Reissue", [], first);
        Assert.Equal(HttpStatusCode.Redirect, reissued.StatusCode);
        var second = reissued.Headers.Location!.OriginalString;
        Assert.NotEqual(first, second);
        var secondPage = await coordinator.PageTextAsync(second);
        Assert.Contains($"Appel de fonds n° {N(1)}", secondPage);
        Assert.Contains($"l'appel n° {N(0)}, annulé", secondPage);
        Assert.Contains($"Remplacé par l'appel n° {N(1)}", await coordinator.PageTextAsync(first));
        Assert.Contains(Flat($"Remplacé par l'appel de fonds n° {N(1)}"), Flat(string.Join("\n", DocumentPdfTests.PageTexts(await coordinator.GetByteArrayAsync($"{first}?format=pdf")))));
        Assert.Contains(Flat($"remplace l'appel de fonds n° {N(0)}"), Flat(string.Join("\n", DocumentPdfTests.PageTexts(await coordinator.GetByteArrayAsync($"{second}?format=pdf")))));

        // The next call takes the next number: none lost, none shared.
        await IssueAsync(coordinator, c.Id, rule.Id, "2023");
        Assert.Equal([(s0, true), (s0 + 1, false), (s0 + 2, false)], await NumbersAsync(c.Id));
    }

    [Fact]
    public async Task Given_the_API_Then_a_coordinator_cancels_with_a_reason_and_reissues_a_funder_gets_404_and_a_paid_line_is_refused()
    {
        var c = await app.ConventionAsync();
        var rule = c.PaymentRules.Single();
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var callId = int.Parse((await IssueAsync(coordinator, c.Id, rule.Id, "2023")).Split('/')[^1]);
        var url = $"/api/v1/conventions/{c.Id}/calls/{callId}";
        var keeper = app.CreateClient();
        keeper.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"), "test", ApiScopes.Read, "funding"));
        var funder = app.CreateClient();
        funder.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.Funder, CcgScope), "test", ApiScopes.Read, "funding"));

        // The API's writes are for the Cité's coordinators and administrators: a funder's role is refused before any convention is looked at.
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.PostAsJsonAsync($"{url}/cancel", new { reason = "Non" })).StatusCode);
        var noReason = await keeper.PostAsJsonAsync($"{url}/cancel", new { reason = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal("application/problem+json", noReason.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await noReason.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("reason", out _));
        var inForce = await keeper.PostAsync($"{url}/reissue", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inForce.StatusCode);
        Assert.True(JsonDocument.Parse(await inForce.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("call", out _));

        var cancelled = await keeper.PostAsJsonAsync($"{url}/cancel", new { reason = "Erreur de destinataire" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var body = JsonDocument.Parse(await cancelled.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("cancelled").GetBoolean());
        Assert.Equal("Erreur de destinataire", body.GetProperty("cancellationReason").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await keeper.PostAsJsonAsync($"{url}/cancel", new { reason = "Encore" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.PostAsync($"{url}/reissue", null)).StatusCode);
        // A coordinator of another Cité keeps nothing here: the same answer as a call that does not exist.
        var marseille = app.CreateClient();
        marseille.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"), "test", ApiScopes.Read, "funding"));
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.PostAsync($"{url}/reissue", null)).StatusCode);
        var reissued = await keeper.PostAsync($"{url}/reissue", null);
        Assert.Equal(HttpStatusCode.Created, reissued.StatusCode);
        var replacement = JsonDocument.Parse(await reissued.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(body.GetProperty("number").GetString(), replacement.GetProperty("replaces").GetString());
        Assert.Equal(replacement.GetProperty("number").GetString(), (await keeper.GetFromJsonAsync<JsonElement>(url)).GetProperty("replacedBy").GetString());
        Assert.Equal(18539m, replacement.GetProperty("amount").GetDecimal());

        // A payment recorded on the line: the call it paid is not cancelled.
        await app.WithDbAsync(async db =>
        {
            db.Add(new PaymentReceived { ConventionId = c.Id, Year = 2023, ReceivedOn = new DateOnly(2024, 2, 20), Amount = 5000m, Reference = "VIR-1" });
            return await db.SaveChangesAsync();
        });
        var replacementId = replacement.GetProperty("id").GetInt32();
        var paid = await keeper.PostAsJsonAsync($"/api/v1/conventions/{c.Id}/calls/{replacementId}/cancel", new { reason = "Trop tard" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, paid.StatusCode);
        var problem = await paid.Content.ReadAsStringAsync();
        Assert.Contains("\"call\"", problem);
        Assert.Contains("paiement", problem);
        Assert.Null(await app.WithDbAsync(db => db.Set<CallForFunds>().IgnoreQueryFilters().Where(x => x.Id == replacementId).Select(x => x.CancelledOn).SingleAsync()));
    }
}
