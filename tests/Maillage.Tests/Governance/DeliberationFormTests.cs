using System.Net;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Governance;

/// <summary>The deliberation form (issue 22 items 2–4): a blocking warning while the quorum is not reached, the vote checked, the number given.</summary>
public sealed class DeliberationFormTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string Of(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    private static Dictionary<string, string> Form(string? @for = null) => new()
    {
        ["Input.Object"] = "Adoption du programme 2026",
        ["Input.Recitals"] = "Vu les statuts ;\nConsidérant le bilan 2025 ;\nLe programme est présenté en séance.",
        ["Input.Articles"] = "APPROUVE le programme 2026 ;\nAUTORISE le Président à le signer.",
        ["Input.Unanimous"] = @for is null ? "true" : "false",
        ["Input.For"] = @for ?? "",
    };

    [Fact]
    public async Task Given_the_quorum_not_reached_Then_the_form_warns_first_and_the_vote_is_refused()
    {
        var (_, session) = await app.BodyWithSessionAsync(titular: 4);
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/seances/{session.Id}/deliberation";
        Assert.Contains("Quorum non atteint : vote impossible", Of(await client.GetStringAsync(url)));
        var response = await client.PostFormAsync(url, Form());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Quorum non atteint : 0 membre compté pour 3 requis sur 4 en exercice", Of(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await app.DeliberationsAsync(session.BodyId));
    }

    [Fact]
    public async Task Given_the_quorum_reached_Then_a_vote_with_too_many_votes_is_refused_and_a_unanimous_one_is_numbered()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 4);
        await app.AllPresentAsync(body, session);
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/seances/{session.Id}/deliberation";
        var refused = await client.PostFormAsync(url, Form(@for: "5"));
        Assert.Contains("5 voix comptées pour 4 votants", Of(await refused.Content.ReadAsStringAsync()));
        var saved = await client.PostFormAsync(url, Form());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var d = Assert.Single(await app.DeliberationsAsync(body.Id));
        Assert.Equal(("T2026-1", 4, true), (d.Number, d.Vote.For, d.Vote.Unanimous));
        var page = Of(await client.GetStringAsync($"/gestion/instances/seances/{session.Id}"));
        Assert.Contains("Délibération T2026-1 enregistrée.", page);
        Assert.Contains("T2026-1 — Adoption du programme 2026 (adoptée à l'unanimité)", page);
        var recitals = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Set<Recital>().Where(r => r.DeliberationId == d.Id).OrderBy(r => r.Position).Select(r => r.Kind)));
        Assert.Equal([RecitalKind.Vu, RecitalKind.Considerant, RecitalKind.Expose], recitals);
    }
}
