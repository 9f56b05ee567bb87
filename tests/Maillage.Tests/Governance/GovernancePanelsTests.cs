using System.Net;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>
/// Issue 22 items 4 and 7: a deliberation appears on the record it decides (a place's staff page, a convention's page)
/// and a Cité's public section links to its bodies' public pages — through the platform's record-panel seam, Network and
/// Funding knowing nothing of Governance (both databases).
/// </summary>
public sealed class GovernancePanelsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string Of(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    private Task LinkAsync(int deliberationId, string kind, int id) => app.WithDbAsync(async db =>
    {
        var d = await db.Set<Deliberation>().IgnoreQueryFilters().SingleAsync(x => x.Id == deliberationId);
        (d.LinkKind, d.LinkId, d.LinkLabel) = (kind, id.ToString(), "—");
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Given_a_deliberation_deciding_about_a_place_When_its_staff_page_is_read_Then_it_lists_the_number_object_day_and_extract()
    {
        var place = await app.NewStructureAsync("grand-geneve");
        var (body, session) = await app.BodyWithSessionAsync(titular: 3);
        await app.AllPresentAsync(body, session);
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var before = Of(await client.GetStringAsync($"/gestion/structures/{place.Id}"));
        Assert.DoesNotContain("Délibérations qui en décident", before);

        var d = await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous("Ouverture du point relais"));
        var other = await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous("Budget sans lieu"));
        // Through the follow-up form, as the secretary links it.
        var url = $"/gestion/instances/deliberations/{d.Id}/suivi";
        var saved = await client.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Input.TransmittedTo"] = "", ["Input.TransmittedOn"] = "", ["Input.PublishedOn"] = "", ["Input.LinkKind"] = "place", ["Input.LinkId"] = place.Id.ToString(), ["Input.LinkLabel"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var html = await client.GetStringAsync($"/gestion/structures/{place.Id}");
        var page = Of(html);
        Assert.Contains("Délibérations qui en décident", page);
        Assert.Contains($"{d.Number} : Ouverture du point relais — {body.Name}, séance du 12 mars 2026 — Extrait du registre {d.Number}", page);
        Assert.Contains($"href=\"/gestion/instances/deliberations/{d.Id}/extrait\"", html);
        Assert.DoesNotContain("Budget sans lieu", page);
        Assert.DoesNotContain(other.Number + " :", page);
    }

    [Fact]
    public async Task Given_a_deliberation_adopting_a_convention_When_the_convention_page_is_read_Then_it_lists_it()
    {
        var citeId = await app.CiteIdAsync("grand-geneve");
        var conventionId = await app.WithDbAsync(db => db.Set<Maillage.Funding.Convention>().IgnoreQueryFilters().Where(c => c.CiteId == citeId).Select(c => c.Id).FirstAsync());
        var (body, session) = await app.BodyWithSessionAsync(titular: 3);
        await app.AllPresentAsync(body, session);
        var d = await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous("Adoption de la convention"));
        await LinkAsync(d.Id, DecisionLink.Convention, conventionId);

        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var html = await client.GetStringAsync($"/gestion/conventions/{conventionId}");
        Assert.Contains($"{d.Number} : Adoption de la convention", Of(html));
        Assert.Contains($"href=\"/gestion/instances/deliberations/{d.Id}/extrait\"", html);
    }

    [Fact]
    public async Task Given_a_body_with_a_public_page_When_the_home_page_is_read_Then_the_Cite_links_to_it_and_not_to_a_body_without_one()
    {
        var (shown, _) = await app.BodyWithSessionAsync(titular: 2);
        var (hidden, _) = await app.BodyWithSessionAsync(titular: 2);
        await app.WithDbAsync(async db =>
        {
            var b = await db.Set<Body>().IgnoreQueryFilters().SingleAsync(x => x.Id == shown.Id);
            (b.Public, b.Organisation) = (true, "Syndicat mixte de test");
            return await db.SaveChangesAsync();
        });
        var html = await app.CreateClient().GetStringAsync("/");
        Assert.Contains($"href=\"/instances/{shown.Id}\"", html);
        Assert.DoesNotContain($"href=\"/instances/{hidden.Id}\"", html);
        var geneva = Of(html[html.IndexOf("id=\"cite-grand-geneve\"", StringComparison.Ordinal)..]);
        Assert.Contains("Instances et délibérations publiées", geneva);
        Assert.Contains($"{shown.Name} — Syndicat mixte de test", geneva);
        // The link leads to the body's public page.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/instances/{shown.Id}")).StatusCode);
    }
}
