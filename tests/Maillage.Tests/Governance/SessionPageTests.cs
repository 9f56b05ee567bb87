using System.Net;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>The staff pages of a body and a session (issue 22 item 2): counts and quorum from the attendance, recorded in one form.</summary>
public sealed class SessionPageTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    /// <summary>The page's words as a reader takes them in: entities decoded, tags dropped, spaces collapsed.</summary>
    private static string Of(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    private Task<int> ReferenceSessionAsync() => app.WithDbAsync(db => db.Set<Session>().IgnoreQueryFilters()
        .Where(s => db.Set<Body>().IgnoreQueryFilters().Any(b => b.Id == s.BodyId && b.Name == ReferenceGovernance.ComiteSyndical)).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Given_the_Cite_administrator_Then_the_seed_002_session_shows_its_counts_and_the_quorum_reached()
    {
        var client = await app.SignedInAsAsync(StaffRole.Administrator, "cite:grand-geneve");
        var bodies = await client.GetStringAsync("/gestion/instances");
        Assert.Contains(ReferenceGovernance.ComiteSyndical, Of(bodies));
        Assert.Contains(ReferenceGovernance.CitesLabTechnical, Of(bodies));
        var id = await ReferenceSessionAsync();
        Assert.Contains($"/gestion/instances/seances/{id}", bodies);
        var page = Of(await client.GetStringAsync($"/gestion/instances/seances/{id}"));
        Assert.Contains("Quorum atteint : 31 membres comptés pour 23 requis.", page);
        Assert.Contains("En exercice 44", page);
        Assert.Contains("Présents 31 (26 titulaires, 5 suppléants)", page);
        Assert.Contains("Pouvoirs 4", page);
        Assert.Contains("Votants 35", page);
        Assert.Contains("Excusés 17 (remplacés et représentés compris)", page);
        Assert.Contains("Absents 1", page);
        Assert.Contains("CS2021-15", page);
    }

    [Fact]
    public async Task Given_a_coordinator_of_another_Cite_Then_the_session_is_not_theirs()
    {
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var id = await ReferenceSessionAsync();
        var response = await client.GetAsync($"/gestion/instances/seances/{id}");
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, response.StatusCode.ToString());
    }

    [Fact]
    public async Task Given_the_attendance_form_Then_saving_recomputes_the_quorum_and_a_proxy_to_an_absent_member_is_refused_beside_its_field()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 4);
        var t = body.Members.OrderBy(m => m.Id).Select(m => m.Id).ToList();
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/seances/{session.Id}";
        Assert.Contains("Quorum non atteint : 0 membre compté pour 3 requis", Of(await client.GetStringAsync(url)));

        var bad = await client.PostFormAsync(url, new()
        {
            [$"Lines[{t[0]}].Status"] = "Present", [$"Lines[{t[1]}].Status"] = "Represented", [$"Lines[{t[1]}].ProxyHolder"] = t[2].ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badText = Of(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Pouvoir refusé : Titulaire N3 n'est pas présent à la séance", badText);
        Assert.Contains($"id=\"Lines_{t[1]}__ProxyHolder-error\"", await bad.Content.ReadAsStringAsync());
        Assert.Empty(await app.WithDbAsync(db => db.Set<Attendance>().Where(a => a.SessionId == session.Id).ToListAsync()));

        var good = await client.PostFormAsync(url, new()
        {
            [$"Lines[{t[0]}].Status"] = "Present", [$"Lines[{t[1]}].Status"] = "Represented", [$"Lines[{t[1]}].ProxyHolder"] = t[0].ToString(),
            [$"Lines[{t[2]}].Status"] = "Present", [$"Lines[{t[3]}].Status"] = "Present",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var after = Of(await client.GetStringAsync(url));
        Assert.Contains("Quorum atteint : 3 membres comptés pour 3 requis.", after);
        Assert.Contains("Pouvoirs 1", after);
    }
}
