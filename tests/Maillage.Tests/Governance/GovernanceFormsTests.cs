using System.Net;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>Issue 22 item 1: the body, member and session forms — saved, audited, and bad input refused naming the field with nothing saved.</summary>
public sealed class GovernanceFormsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string Of(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    private static int IdFrom(HttpResponseMessage r) => int.Parse(r.Headers.Location!.OriginalString.Split('/').Last(s => s.Length > 0 && char.IsDigit(s[0])));

    private static Dictionary<string, string> BodyForm(int citeId, string name, string quorumDenominator = "2") => new()
    {
        ["Input.CiteId"] = citeId.ToString(), ["Input.Kind"] = nameof(BodyKind.TechnicalCommittee), ["Input.Name"] = name, ["Input.NumberPrefix"] = "CT",
        ["Input.ExpectedSessionsPerYear"] = "3", ["Input.MinConvocationDays"] = "10", ["Input.QuorumNumerator"] = "1", ["Input.QuorumDenominator"] = quorumDenominator,
        ["Input.QuorumStrict"] = "false", ["Input.ProxiesCount"] = "true", ["Input.MaxProxiesPerMember"] = "2", ["Input.Public"] = "true",
    };

    [Fact]
    public async Task Given_the_coordinator_When_creating_a_body_Then_its_rule_is_saved_and_audited_and_a_bad_quorum_is_refused()
    {
        var citeId = await app.CiteIdAsync("grand-geneve");
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var name = $"Comité {Guid.NewGuid():N}"[..24];
        var refused = await client.PostFormAsync("/gestion/instances/modifier", BodyForm(citeId, name, quorumDenominator: "0"), "/gestion/instances/modifier");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Le quorum est une fraction des membres en exercice", Of(html));
        Assert.Contains("href=\"#Input_QuorumNumerator\"", html);
        Assert.False(await app.WithDbAsync(db => db.Set<Body>().IgnoreQueryFilters().AnyAsync(b => b.Name == name)));

        var saved = await client.PostFormAsync("/gestion/instances/modifier", BodyForm(citeId, name), "/gestion/instances/modifier");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var body = await app.WithDbAsync(db => db.Set<Body>().IgnoreQueryFilters().SingleAsync(b => b.Name == name));
        Assert.Equal((BodyKind.TechnicalCommittee, 3, 10, new QuorumRule(1, 2, false, true, 2), true), (body.Kind, body.ExpectedSessionsPerYear, body.MinConvocationDays, body.Quorum, body.Public));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Body) && a.EntityId == body.Id.ToString())));
        var page = Of(await client.GetStringAsync($"/gestion/instances/{body.Id}"));
        Assert.Contains("au moins la moitié des membres en exercice, pouvoirs compris ; 2 pouvoirs au plus par membre", page);
    }

    [Fact]
    public async Task Given_a_body_When_adding_members_Then_a_substitute_outside_the_titular_mandate_or_a_mandate_ending_before_it_starts_is_refused()
    {
        var (body, _) = await app.BodyWithSessionAsync(titular: 2);
        var titular = body.Members[0];
        await app.WithDbAsync(async db => { var m = await db.Set<BodyMember>().IgnoreQueryFilters().SingleAsync(x => x.Id == titular.Id); m.To = new DateOnly(2026, 8, 31); await db.SaveChangesAsync(); return 0; });
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/{body.Id}/membres/modifier";
        Dictionary<string, string> Form(string from, string to, string role = "Substitute") => new()
        {
            ["Input.Civility"] = "Mme", ["Input.FirstName"] = "Zoé", ["Input.LastName"] = "Suppléante", ["Input.Email"] = "zoe@example.org", ["Input.Role"] = role,
            ["Input.SubstituteOfId"] = role == "Substitute" ? titular.Id.ToString() : "", ["Input.From"] = from, ["Input.To"] = to,
        };
        var backwards = Of(await (await client.PostFormAsync(url, Form("2026-05-01", "2026-04-01"), url)).Content.ReadAsStringAsync());
        Assert.Contains("La fin du mandat ne précède pas son début.", backwards);
        var outside = Of(await (await client.PostFormAsync(url, Form("2026-01-01", ""), url)).Content.ReadAsStringAsync());
        Assert.Contains("Le mandat du suppléant est hors des dates de celui de", outside);
        var email = Of(await (await client.PostFormAsync(url, Form("2026-01-01", "2026-06-30") is var f ? f.Where(kv => kv.Key != "Input.Email").Append(new("Input.Email", "pas-une-adresse")).ToDictionary() : null!, url)).Content.ReadAsStringAsync());
        Assert.Contains("Adresse électronique invalide", email);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<BodyMember>().IgnoreQueryFilters().CountAsync(m => m.BodyId == body.Id)));

        var saved = await client.PostFormAsync(url, Form("2026-01-01", "2026-06-30"), url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var added = await app.WithDbAsync(db => db.Set<BodyMember>().IgnoreQueryFilters().SingleAsync(m => m.BodyId == body.Id && m.LastName == "Suppléante"));
        Assert.Equal((MandateRole.Substitute, titular.Id, "zoe@example.org"), (added.Role, added.SubstituteOfId, added.Email));
        Assert.Contains("Suppléant de Titulaire N1", Of(await client.GetStringAsync($"/gestion/instances/{body.Id}")));
    }

    [Fact]
    public async Task Given_a_body_When_scheduling_a_session_Then_one_convened_after_it_or_chaired_outside_a_mandate_is_refused_and_a_short_delay_is_warned()
    {
        var (body, _) = await app.BodyWithSessionAsync(titular: 3);
        var chair = body.Members[0];
        await app.WithDbAsync(async db => { var m = await db.Set<BodyMember>().IgnoreQueryFilters().SingleAsync(x => x.Id == chair.Id); m.To = new DateOnly(2026, 4, 30); await db.SaveChangesAsync(); return 0; });
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/{body.Id}/seances/modifier";
        Dictionary<string, string> Form(string date, string convened) => new()
        {
            ["Input.Date"] = date, ["Input.Time"] = "18:00", ["Input.Place"] = "Annemasse, salle du conseil", ["Input.ConvenedOn"] = convened,
            ["Input.ChairMemberId"] = chair.Id.ToString(), ["Input.Agenda"] = "Approbation du compte rendu\nBudget 2026 | https://example.org/budget.pdf",
        };
        var before = Of(await (await client.PostFormAsync(url, Form("2026-05-20", "2026-05-25"), url)).Content.ReadAsStringAsync());
        Assert.Contains("La convocation précède la séance", before);
        Assert.Contains("Le mandat de Titulaire N1 ne couvre pas le 20/05/2026", before);
        var badAgenda = Of(await (await client.PostFormAsync(url, Form("2026-04-20", "2026-04-01") is var f ? f.Where(kv => kv.Key != "Input.Agenda").Append(new("Input.Agenda", "Budget | javascript:alert(1)")).ToDictionary() : null!, url)).Content.ReadAsStringAsync());
        Assert.Contains("Point « Budget | javascript:alert(1) »", badAgenda);
        var sessions = () => app.WithDbAsync(db => db.Set<Session>().IgnoreQueryFilters().CountAsync(s => s.BodyId == body.Id));
        Assert.Equal(1, await sessions());

        var saved = await client.PostFormAsync(url, Form("2026-04-20", "2026-04-17"), url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = IdFrom(saved);
        var session = await app.WithDbAsync(db => db.Set<Session>().IgnoreQueryFilters().Include(s => s.Agenda).SingleAsync(s => s.Id == id));
        Assert.Equal(new DateTimeOffset(2026, 4, 20, 16, 0, 0, TimeSpan.Zero), session.StartsAt);
        Assert.Equal(["Approbation du compte rendu", "Budget 2026"], session.Agenda.OrderBy(a => a.Position).Select(a => a.Title));
        var page = Of(await client.GetStringAsync($"/gestion/instances/seances/{id}"));
        Assert.Contains("Convocation envoyée 3 jours avant la séance : le délai minimal de l'instance est de 5 jours.", page);
        Assert.Contains("Budget 2026 — documents du point 2", page);
    }

    [Fact]
    public async Task Given_a_coordinator_of_another_Cite_Then_the_forms_of_a_body_are_refused()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 2);
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        foreach (var url in new[] { $"/gestion/instances/modifier/{body.Id}", $"/gestion/instances/{body.Id}", $"/gestion/instances/{body.Id}/membres/modifier", $"/gestion/instances/{body.Id}/seances/modifier/{session.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Given_a_deliberation_When_recording_its_transmission_publication_and_place_Then_they_show_and_dates_before_the_session_are_refused()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 3);
        await app.AllPresentAsync(body, session);
        var d = await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous("Ouverture d'un lieu"));
        var place = await app.WithDbAsync(db => db.Set<Maillage.Network.Structure>().IgnoreQueryFilters().Where(s => s.CiteId == body.CiteId).Select(s => new { s.Id, s.Name }).FirstAsync());
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/deliberations/{d.Id}/suivi";
        Dictionary<string, string> Form(string sent, string published, string placeId) => new()
        {
            ["Input.TransmittedTo"] = "Préfecture d'Annecy", ["Input.TransmittedOn"] = sent, ["Input.PublishedOn"] = published, ["Input.LinkKind"] = "place", ["Input.LinkId"] = placeId, ["Input.LinkLabel"] = "",
        };
        var refused = Of(await (await client.PostFormAsync(url, Form("2026-03-01", "2026-03-20", "999999"))).Content.ReadAsStringAsync());
        Assert.Contains("Aucun lieu de la Cité n'a le numéro « 999999 ».", refused);
        refused = Of(await (await client.PostFormAsync(url, Form("2026-03-01", "2026-03-20", place.Id.ToString()))).Content.ReadAsStringAsync());
        Assert.Contains("La transmission suit la séance du 12/03/2026.", refused);
        Assert.Null((await app.DeliberationsAsync(body.Id)).Single().TransmittedOn);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, Form("2026-03-16", "2026-03-20", place.Id.ToString()))).StatusCode);
        var saved = (await app.DeliberationsAsync(body.Id)).Single();
        Assert.Equal(("Préfecture d'Annecy", new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 20), "place", place.Id.ToString(), place.Name),
            (saved.TransmittedTo, saved.TransmittedOn, saved.PublishedOn, saved.LinkKind, saved.LinkId, saved.LinkLabel));
        var sessionPage = await client.GetStringAsync($"/gestion/instances/seances/{session.Id}");
        Assert.Contains($"href=\"/gestion/structures/{place.Id}\"", sessionPage);
        Assert.Contains("Transmise 16 mars 2026 · publiée 20 mars 2026 · Lieu :", Of(sessionPage));
        Assert.Contains($"Décide : Lieu — {place.Name}", Of(await client.GetStringAsync($"/gestion/instances/deliberations/{d.Id}/extrait")));
    }
}
