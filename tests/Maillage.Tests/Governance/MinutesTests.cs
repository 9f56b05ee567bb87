using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>Issue 22 item 6: minutes written, approved at a following session, then locked (form and API); action items followed until done, overdue ones marked.</summary>
public sealed class MinutesTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string Of(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    private Task<int> SessionAsync(Body body, DateTimeOffset startsAt) => app.WithDbAsync(async db =>
    {
        var s = new Session { CiteId = body.CiteId, BodyId = body.Id, StartsAt = startsAt.ToUniversalTime(), Place = "Annemasse" };
        db.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    });

    /// <summary>A coordinator of the Cité: a signed-in browser for the pages, and an API client with a token of the module's scope (writes need it).</summary>
    private async Task<(HttpClient Browser, HttpClient Api)> CoordinatorAsync(string scope = "cite:grand-geneve")
    {
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, scope);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user, "test", Maillage.Platform.Identity.ApiScopes.Read, "governance"));
        return (await app.SignedInAsync(user), api);
    }

    [Fact]
    public async Task Given_minutes_When_approved_at_a_following_session_Then_they_are_locked_and_edits_are_refused_on_the_form_and_the_API()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 3);
        var next = await SessionAsync(body, new DateTimeOffset(2026, 6, 15, 18, 0, 0, TimeSpan.FromHours(2)));
        var future = await SessionAsync(body, MaillageApp.DefaultNow.AddDays(30));
        var (client, apiClient) = await CoordinatorAsync();
        var url = $"/gestion/instances/seances/{session.Id}/compte-rendu";

        var empty = await client.PostFormAsync(url, new() { ["Input.Kind"] = "Account", ["Input.Text"] = "  " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Le texte du compte rendu est obligatoire.", Of(emptyHtml));
        Assert.Contains("href=\"#Input_Text\"", emptyHtml);

        var saved = await client.PostFormAsync(url, new() { ["Input.Kind"] = "Conclusions", ["Input.Text"] = "Le comité adopte le plan d'action.\nProchaine séance en juin." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var minutes = await app.WithDbAsync(db => db.Set<Minutes>().IgnoreQueryFilters().SingleAsync(m => m.SessionId == session.Id));
        Assert.Equal((MinutesKind.Conclusions, false), (minutes.Kind, minutes.Locked));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Minutes) && a.EntityId == minutes.Id.ToString())));

        // Approval: at a following session already held, never at a future one nor at an earlier one.
        var page = await client.GetStringAsync(url);
        Assert.Contains($"value=\"{next}\"", page);
        Assert.DoesNotContain($"value=\"{future}\"", page);
        var refused = await client.PostFormAsync($"{url}?handler=Approve", new() { ["Input.ApprovedAtSessionId"] = future.ToString() }, url);
        Assert.Contains("Choisissez une séance suivante de la même instance, déjà tenue", Of(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{url}?handler=Approve", new() { ["Input.ApprovedAtSessionId"] = next.ToString() }, url)).StatusCode);
        minutes = await app.WithDbAsync(db => db.Set<Minutes>().IgnoreQueryFilters().SingleAsync(m => m.SessionId == session.Id));
        Assert.Equal((next, new DateOnly(2026, 6, 15), true), (minutes.ApprovedAtSessionId, minutes.ApprovedOn, minutes.Locked));

        // Locked: the page shows the text and which session approved it; a late post is refused with the message, nothing changed.
        var locked = await client.GetStringAsync(url);
        Assert.Contains("Approuvé lors de la séance du 15 juin 2026 : le compte rendu est verrouillé.", Of(locked));
        Assert.DoesNotContain("name=\"Input.Text\"", locked);
        var token = System.Text.RegularExpressions.Regex.Match(locked, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var late = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Input.Kind"] = "Account", ["Input.Text"] = "Réécrit", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        Assert.Contains("Le compte rendu a été approuvé lors de la séance du 15/06/2026 : il est verrouillé et ne peut plus être modifié.", Of(await late.Content.ReadAsStringAsync()));
        var api = await apiClient.PutAsJsonAsync($"/api/v1/sessions/{session.Id}/minutes", new { kind = "account", text = "Réécrit" });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Contains("verrouillé", await api.Content.ReadAsStringAsync());
        Assert.Equal("Le comité adopte le plan d'action.\nProchaine séance en juin.",
            await app.WithDbAsync(db => db.Set<Minutes>().IgnoreQueryFilters().Where(m => m.SessionId == session.Id).Select(m => m.Text).SingleAsync()));
        var read = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/sessions/{session.Id}/minutes")).RootElement;
        Assert.Equal(("conclusions", true, next, "2026-06-15"), (read.GetProperty("kind").GetString(), read.GetProperty("locked").GetBoolean(),
            read.GetProperty("approvedAtSessionId").GetInt32(), read.GetProperty("approvedOn").GetString()));
    }

    [Fact]
    public async Task Given_the_API_When_writing_and_approving_minutes_Then_bad_input_names_the_field_and_another_Cite_sees_nothing()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 2);
        var (browser, client) = await CoordinatorAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/sessions/{session.Id}/minutes")).StatusCode);
        var notWritten = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/minutes/approval", new { approvedAtSessionId = session.Id });
        Assert.Equal(HttpStatusCode.Conflict, notWritten.StatusCode);
        var badKind = await client.PutAsJsonAsync($"/api/v1/sessions/{session.Id}/minutes", new { kind = "poem", text = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badKind.StatusCode);
        Assert.True(JsonDocument.Parse(await badKind.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("kind", out _));
        var ok = await client.PutAsJsonAsync($"/api/v1/sessions/{session.Id}/minutes", new { kind = "account", text = "Compte rendu." });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var earlier = await SessionAsync(body, new DateTimeOffset(2026, 1, 10, 18, 0, 0, TimeSpan.FromHours(1)));
        var atEarlier = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/minutes/approval", new { approvedAtSessionId = earlier });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, atEarlier.StatusCode);
        Assert.True(JsonDocument.Parse(await atEarlier.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("approvedAtSessionId", out _));

        Assert.Contains("Compte rendu.", Of(await browser.GetStringAsync($"/gestion/instances/seances/{session.Id}/compte-rendu")));

        var (otherBrowser, other) = await CoordinatorAsync("cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/sessions/{session.Id}/minutes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/sessions/{session.Id}/minutes", new { text = "Intrus" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/bodies/{body.Id}/actions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/gestion/instances/seances/{session.Id}/compte-rendu")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/gestion/instances/{body.Id}/actions")).StatusCode);
    }

    [Fact]
    public async Task Given_action_items_When_saved_through_the_form_Then_owner_and_due_date_are_required_overdue_ones_are_marked_and_done_ones_leave_the_list()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 2);
        var member = body.Members[0];
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/{body.Id}/actions/modifier";
        Dictionary<string, string> Form(string title, string owner, string ownerName, string due, string status = "Open") => new()
        {
            ["Input.Title"] = title, ["Input.OwnerMemberId"] = owner, ["Input.OwnerName"] = ownerName, ["Input.DueOn"] = due, ["Input.Status"] = status, ["Input.SessionId"] = session.Id.ToString(),
        };
        var refused = await client.PostFormAsync(url, Form("", "", "", ""));
        var html = await refused.Content.ReadAsStringAsync();
        foreach (var message in new[] { "Dites ce qu'il faut faire.", "Qui s'en charge ? Choisissez un membre ou écrivez un nom.", "L'échéance est obligatoire." })
            Assert.Contains(message, Of(html));
        Assert.Contains("href=\"#Input_OwnerMemberId\"", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ActionItem>().IgnoreQueryFilters().CountAsync(a => a.BodyId == body.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, Form("Transmettre le bilan aux financeurs", member.Id.ToString(), "", "2026-10-31"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, Form("Réserver la salle", "", "Service logistique", "2026-12-15"))).StatusCode);
        var items = await app.WithDbAsync(db => db.Set<ActionItem>().IgnoreQueryFilters().Where(a => a.BodyId == body.Id).OrderBy(a => a.DueOn).ToListAsync());
        Assert.Equal([(member.Id, (string?)null), (null, "Service logistique")], items.Select(a => (a.OwnerMemberId, a.OwnerName)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ActionItem) && a.EntityId == items[0].Id.ToString())));

        // Today is 23 November 2026: the first is overdue, the second not.
        var list = Of(await client.GetStringAsync($"/gestion/instances/{body.Id}/actions"));
        Assert.Contains("2 action(s) en cours, dont 1 en retard.", list);
        Assert.Contains("Transmettre le bilan aux financeurs Titulaire N1 31 octobre 2026 En retard À faire", list);
        Assert.Contains("Réserver la salle Service logistique 15 décembre 2026 À faire", list);
        var api = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/bodies/{body.Id}/actions")).RootElement.EnumerateArray().ToList();
        Assert.Equal([true, false], api.Select(a => a.GetProperty("overdue").GetBoolean()));
        Assert.Contains("Transmettre le bilan aux financeurs", Of(await client.GetStringAsync($"/gestion/instances/seances/{session.Id}/compte-rendu")));

        // Done: recorded with its day, off the open list, still there when asking for the done ones.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{url}/{items[0].Id}", Form("Transmettre le bilan aux financeurs", member.Id.ToString(), "", "2026-10-31", "Done"))).StatusCode);
        var done = await app.WithDbAsync(db => db.Set<ActionItem>().IgnoreQueryFilters().SingleAsync(a => a.Id == items[0].Id));
        Assert.Equal((ActionStatus.Done, new DateOnly(2026, 11, 23)), (done.Status, done.DoneOn));
        list = Of(await client.GetStringAsync($"/gestion/instances/{body.Id}/actions"));
        Assert.Contains("1 action(s) en cours, dont 0 en retard.", list);
        Assert.DoesNotContain("Transmettre le bilan aux financeurs Titulaire N1", list);
        Assert.Contains("Transmettre le bilan aux financeurs", Of(await client.GetStringAsync($"/gestion/instances/{body.Id}/actions?faites=true")));
    }
}
