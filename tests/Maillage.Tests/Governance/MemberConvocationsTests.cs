using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>
/// Issue 22 item 8: a staff user linked to a member of a body (the member form's « Compte du personnel ») sees their own
/// convocations under « Mes convocations » — to come and past, with what the e-mail link gives and no more — and opening
/// one records the acknowledgement once; a member of another Cité's body sees only theirs.
/// </summary>
public sealed class MemberConvocationsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string List = "/gestion/instances/mes-convocations";

    private static string Of(string html) => Regex.Replace(Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    private static List<string> Menu(string html) =>
        [.. new HtmlParser().ParseDocument(html).QuerySelectorAll("nav.main-nav a").Select(a => a.GetAttribute("href")!)];

    /// <summary>A body of <paramref name="cite"/> with three titular members (addresses set), its past session and one to come, both convened.</summary>
    private async Task<(Body Body, int Past, int Coming, List<BodyMember> Members)> ConvenedBodyAsync(string cite, string coordinatorScope)
    {
        var citeId = await app.CiteIdAsync(cite);
        var (body, past) = await app.BodyWithSessionAsync(titular: 3);
        var coming = await app.WithDbAsync(async db =>
        {
            var b = await db.Set<Body>().IgnoreQueryFilters().Include(x => x.Members).SingleAsync(x => x.Id == body.Id);
            b.CiteId = citeId;
            var i = 0;
            foreach (var m in b.Members.OrderBy(m => m.Id)) { m.CiteId = citeId; m.Email = $"membre{++i}.{b.Id}@example.org"; }
            var p = await db.Set<Session>().IgnoreQueryFilters().Include(s => s.Agenda).SingleAsync(s => s.Id == past.Id);
            p.CiteId = citeId;
            p.Place = "Salle du conseil, Annemasse";
            p.Agenda.Add(new AgendaItem { CiteId = citeId, Position = 1, Title = "Budget 2026", DocumentUrl = "https://docs.example.org/budget-2026.pdf" });
            var s = new Session { CiteId = citeId, BodyId = b.Id, StartsAt = MaillageApp.DefaultNow.AddDays(20), Videoconference = true, VideoLink = "https://visio.example.org/seance" };
            db.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, coordinatorScope);
        foreach (var id in new[] { past.Id, coming })
        {
            var url = $"/gestion/instances/seances/{id}";
            Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{url}?handler=Convoke", [], url)).StatusCode);
        }
        var members = await app.WithDbAsync(db => db.Set<BodyMember>().IgnoreQueryFilters().Where(m => m.BodyId == body.Id).OrderBy(m => m.Id).ToListAsync());
        return (body, past.Id, coming, members);
    }

    /// <summary>Links a member to a staff account through the member form, as the body's manager does.</summary>
    private static async Task<HttpResponseMessage> LinkAsync(HttpClient manager, BodyMember m, string? userId) =>
        await manager.PostFormAsync($"/gestion/instances/{m.BodyId}/membres/modifier/{m.Id}", new()
        {
            ["Input.Civility"] = m.Civility ?? "", ["Input.FirstName"] = m.FirstName, ["Input.LastName"] = m.LastName, ["Input.Email"] = m.Email ?? "",
            ["Input.Role"] = m.Role.ToString(), ["Input.From"] = m.From.ToString("yyyy-MM-dd"), ["Input.UserId"] = userId ?? "",
        });

    [Fact]
    public async Task Given_a_staff_user_linked_to_a_member_Then_they_see_their_convocations_only_and_opening_one_records_the_receipt_once()
    {
        var (body, past, coming, members) = await ConvenedBodyAsync("grand-geneve", "cite:grand-geneve");
        var (otherBody, otherPast, _, otherMembers) = await ConvenedBodyAsync("marseille-paca", "cite:marseille-paca");

        // A counsellor of Grand Genève, and one of Marseille, each linked to a member of their Cité's body by its managers.
        var counsellor = await app.CreateStaffAsync(StaffRole.Counsellor, "structure:grand-geneve/annemasse");
        var marseille = await app.CreateStaffAsync(StaffRole.Counsellor, "cite:marseille-paca");
        var client = await app.SignedInAsync(counsellor);
        Assert.DoesNotContain(List, Menu(await client.GetStringAsync("/gestion"))); // not yet a member: no entry, page refused
        var notYet = await client.GetAsync(List);
        Assert.True(notYet.StatusCode == HttpStatusCode.Forbidden || notYet.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{notYet.StatusCode}");

        var manager = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        // A staff member of another Cité cannot be linked: refused on the field, nothing saved.
        var refused = await LinkAsync(manager, members[0], marseille.Id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Choisissez un membre du personnel de la Cité de l'instance.", Of(refusedHtml));
        Assert.Contains("href=\"#Input_UserId\"", refusedHtml);
        Assert.Null(await app.WithDbAsync(db => db.Set<BodyMember>().IgnoreQueryFilters().Where(m => m.Id == members[0].Id).Select(m => m.UserId).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(manager, members[0], counsellor.Id)).StatusCode);
        // One account, one member of a body.
        var twice = await LinkAsync(manager, members[1], counsellor.Id);
        Assert.Contains("Ce compte est déjà celui de", Of(await twice.Content.ReadAsStringAsync()));
        var otherManager = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(otherManager, otherMembers[0], marseille.Id)).StatusCode);

        // The menu now offers « Mes convocations »; the list shows the session to come and the past one, not yet read.
        Assert.Contains(List, Menu(await client.GetStringAsync("/gestion")));
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync(List));
        Assert.Equal([$"{List}/{coming}"], list.QuerySelectorAll("#coming a").Select(a => a.GetAttribute("href")));
        Assert.Equal([$"{List}/{past}"], list.QuerySelectorAll("#past a").Select(a => a.GetAttribute("href")));
        Assert.Contains(body.Name, list.QuerySelector("#past")!.TextContent);
        Assert.Equal(2, list.QuerySelectorAll(".badge").Count(b => b.TextContent == "Non lue"));
        Assert.DoesNotContain(otherBody.Name, list.Body!.TextContent);

        // Opening the past session: what the e-mail link gives (place, agenda, documents), receipt recorded.
        var page = await client.GetStringAsync($"{List}/{past}");
        var text = Of(page);
        Assert.Contains("la réception de votre convocation est enregistrée", text);
        Assert.Contains("Salle du conseil, Annemasse", text);
        Assert.Contains("href=\"https://docs.example.org/budget-2026.pdf\"", page);
        Assert.Contains("Le compte rendu est communiqué aux membres une fois approuvé.", text);
        foreach (var m in members) Assert.DoesNotContain(m.Email!, page); // not even their own: nobody's address is shown
        var opened = await app.WithDbAsync(db => db.Set<Convocation>().IgnoreQueryFilters().Where(c => c.SessionId == past).ToListAsync());
        var first = Assert.Single(opened, c => c.OpenedAt is not null);
        Assert.Equal(members[0].Id, first.MemberId);

        // Recorded once: opening again, or later by the e-mail's link, keeps the first moment.
        app.Clock.Advance(TimeSpan.FromHours(3));
        await client.GetStringAsync($"{List}/{past}");
        var again = await app.WithDbAsync(db => db.Set<Convocation>().IgnoreQueryFilters().SingleAsync(c => c.Id == first.Id));
        Assert.Equal(first.OpenedAt, again.OpenedAt);
        Assert.Contains("1 accusé(s) de réception", Of(await manager.GetStringAsync($"/gestion/instances/seances/{past}")));
        var listAfter = new HtmlParser().ParseDocument(await client.GetStringAsync(List));
        Assert.Equal("Reçue", listAfter.QuerySelector("#past .badge")!.TextContent);
        Assert.Equal("Non lue", listAfter.QuerySelector("#coming .badge")!.TextContent);

        // The minutes once approved, and only then.
        await app.WithDbAsync(async db =>
        {
            db.Add(new Minutes { CiteId = body.CiteId, BodyId = body.Id, SessionId = past, Kind = MinutesKind.Conclusions, Text = "Le budget 2026 est adopté.", ApprovedAtSessionId = coming, ApprovedOn = new DateOnly(2026, 12, 13) });
            return await db.SaveChangesAsync();
        });
        Assert.Contains("Le budget 2026 est adopté.", Of(await client.GetStringAsync($"{List}/{past}")));

        // Another Cité's session, and a session of theirs they were not convened to: 404, nothing recorded.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{List}/{otherPast}")).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Set<Convocation>().IgnoreQueryFilters().Where(c => c.SessionId == otherPast && c.MemberId == otherMembers[0].Id).Select(c => c.OpenedAt).SingleAsync()));
        // The Marseille member sees theirs, not Grand Genève's.
        var other = await app.SignedInAsync(marseille);
        var otherList = await other.GetStringAsync(List);
        Assert.Contains(otherBody.Name, Of(otherList));
        Assert.DoesNotContain(body.Name, Of(otherList));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{List}/{past}")).StatusCode);

        // Unlinked, the entry goes.
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(manager, members[0], null)).StatusCode);
        Assert.DoesNotContain(List, Menu(await client.GetStringAsync("/gestion")));
    }
}
