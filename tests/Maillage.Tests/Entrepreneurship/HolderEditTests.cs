using System.Net;
using AngleSharp.Html.Parser;
using Maillage.Entrepreneurship;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// Editing a holder from the pages (issue 23): the new-holder form's fields and rules, audited and shown on the record;
/// consent scopes withdrawn (the coaching's withdrawal is the erasure, with a confirmation); a holder given to another
/// coach by the programme's manager only. Without JavaScript, on both databases.
/// </summary>
public sealed class HolderEditTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Manager = "partner:grand-geneve/Maison de l'Economie Développement";

    private async Task<int> CreateAsync(HttpClient coach, string first, string last)
    {
        var created = await PostAsync(coach, "/gestion/citeslab/nouveau", new()
        {
            ["Input.FirstName"] = first, ["Input.LastName"] = last, ["Input.Email"] = $"{first.ToLowerInvariant()}@exemple.invalid", ["Input.Phone"] = "06 00 00 00 00",
            ["Input.ConsentGiven"] = "true", ["Input.ConsentDate"] = "2026-11-02", ["Input.ConsentTextVersion"] = ConsentText.Version,
            ["Input.Covers"] = "Coaching,SharingWithPartners,FollowUpContact", ["Input.Prescriber"] = "FranceTravail", ["Input.Activity"] = "Couture",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"{created.StatusCode}: {await created.TextAsync()}");
        return int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static Dictionary<string, string> Edit(string first, string last, int? qpv = null, string email = "nouvelle@exemple.invalid", params string[] covers) => new()
    {
        ["Input.FirstName"] = first, ["Input.LastName"] = last, ["Input.Email"] = email, ["Input.Phone"] = "07 11 22 33 44",
        ["Input.QpvId"] = qpv?.ToString() ?? "", ["Input.Fragility"] = "Woman", ["Input.Prescriber"] = "MissionLocale", ["Input.PrescriberDetail"] = "Annemasse",
        ["Input.Activity"] = "Retouches", ["Input.Sector"] = "Textile", ["Input.IntendedLegalForm"] = "Micro-entreprise", ["Input.IntendedInQpv"] = "yes",
        ["Input.Covers"] = string.Join(",", covers),
    };

    /// <summary>Posts a form with the antiforgery token of <paramref name="formPage"/>; a field of several values (Covers) is written comma-separated here.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        if (page.StatusCode != HttpStatusCode.OK) return page;
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, $"No antiforgery token on {formPage ?? url}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.SelectMany(f => f.Key == "Input.Covers"
            ? f.Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => new KeyValuePair<string, string>(f.Key, v))
            : [f])));
    }

    private static Task<HttpResponseMessage> PostEditAsync(HttpClient client, int id, Dictionary<string, string> fields, string handler = "") =>
        PostAsync(client, $"/gestion/citeslab/porteurs/{id}/modifier{handler}", fields, $"/gestion/citeslab/porteurs/{id}/modifier");

    private Task<ProjectHolder> HolderAsync(int id) => app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().AsNoTracking().SingleAsync(h => h.Id == id));

    [Fact]
    public async Task Given_a_coach_Then_she_edits_her_holder_withdraws_a_consent_scope_and_the_record_shows_the_change_from_the_audit_trail()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var id = await CreateAsync(coach, "Inès", "Avant");
        var record = new HtmlParser().ParseDocument(await coach.GetStringAsync($"/gestion/citeslab/porteurs/{id}"));
        Assert.Contains(record.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/gestion/citeslab/porteurs/{id}/modifier");
        var form = new HtmlParser().ParseDocument(await coach.GetStringAsync($"/gestion/citeslab/porteurs/{id}/modifier"));
        Assert.Equal("Avant", form.QuerySelector("input[name='Input.LastName']")?.GetAttribute("value"));
        Assert.Contains(form.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/gestion/citeslab/porteurs/{id}/effacer");

        var (qpv, saintJulien, _) = await app.TerritoriesAsync();
        var saved = await PostEditAsync(coach, id, Edit("Inès", "Après", qpv, covers: ["Coaching", "SharingWithPartners"]));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{saved.StatusCode}: {await saved.TextAsync()}");
        var holder = await HolderAsync(id);
        Assert.Equal(("Après", "nouvelle@exemple.invalid", "07 11 22 33 44"), (holder.LastName, holder.Email, holder.Phone));
        Assert.Equal((qpv, saintJulien), (holder.QpvId!.Value, holder.CommuneId!.Value)); // the commune follows from the QPV, as on the new-holder form
        Assert.Equal((Fragility.Woman, Prescriber.MissionLocale, "Retouches", true), (holder.Fragility, holder.Prescriber, holder.Activity, holder.IntendedInQpv));
        Assert.Equal(ConsentScope.Coaching | ConsentScope.SharingWithPartners, holder.Consent.Covers); // follow-up contact withdrawn
        Assert.Equal((new DateOnly(2026, 11, 2), ConsentText.Version), (holder.Consent.GivenOn, holder.Consent.TextVersion));

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Modified").ToListAsync());
        Assert.Contains(audit, a => a.Before!.Contains("Avant") && a.After!.Contains("Après"));
        var recordPage = new HtmlParser().ParseDocument(await coach.GetStringAsync($"/gestion/citeslab/porteurs/{id}"));
        Assert.Contains("Fiche corrigée.", recordPage.Body!.TextContent);
        var changes = string.Join("\n", recordPage.QuerySelectorAll(".record-changes li").Select(li => System.Text.RegularExpressions.Regex.Replace(li.TextContent, @"\s+", " ")));
        Assert.Contains("Modifié le 23 novembre 2026", changes);
        Assert.Contains("Nom Avant → Après", changes);
        Assert.Contains("QPV — → Saint-Georges – Route de Thairy", changes); // the territory by its name
        Assert.Contains("Consentement Accompagnement, Transmission aux partenaires, Contact pour le suivi → Accompagnement, Transmission aux partenaires", changes);

        // A scope once withdrawn is not given back by an edit: a new consent is read to the person.
        Assert.Equal(["Input_Covers"], await InvalidFieldsAsync(await PostEditAsync(coach, id, Edit("Inès", "Après", qpv, covers: ["Coaching", "SharingWithPartners", "FollowUpContact"]))));
        Assert.Equal(ConsentScope.Coaching | ConsentScope.SharingWithPartners, (await HolderAsync(id)).Consent.Covers);
    }

    [Fact]
    public async Task Given_bad_input_Then_the_edit_form_names_each_field_and_saves_nothing_and_withdrawing_the_coaching_points_to_the_erasure()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var id = await CreateAsync(coach, "Rose", "Intacte");
        var (_, _, annemasse) = await app.TerritoriesAsync();
        var bad = Edit("", "Changée", annemasse, email: "pas-une-adresse", covers: ["Coaching"]);
        bad["Input.Prescriber"] = "";
        var refused = await PostEditAsync(coach, id, bad);
        Assert.Equal(new[] { "Input_Email", "Input_FirstName", "Input_Prescriber", "Input_QpvId" }, (await InvalidFieldsAsync(refused)).Order(StringComparer.Ordinal));
        var holder = await HolderAsync(id);
        Assert.Equal(("Rose", "Intacte", "rose@exemple.invalid", null), (holder.FirstName, holder.LastName, holder.Email, holder.QpvId));
        Assert.Equal(ConsentScope.Coaching | ConsentScope.SharingWithPartners | ConsentScope.FollowUpContact, holder.Consent.Covers);

        // Without the coaching, it is not an edit: the message points to the erasure, nothing is saved.
        var withdrawn = await PostEditAsync(coach, id, Edit("Rose", "Changée", covers: ["SharingWithPartners"]));
        Assert.Equal(["Input_Covers"], await InvalidFieldsAsync(withdrawn));
        Assert.Contains("effacer la fiche", (await withdrawn.TextAsync()).ToLowerInvariant());
        Assert.Equal("Intacte", (await HolderAsync(id)).LastName);

        // The erasure asks for a confirmation; confirmed, the record is gone.
        var url = $"/gestion/citeslab/porteurs/{id}/effacer";
        Assert.Equal(["Confirm"], await InvalidFieldsAsync(await coach.PostFormAsync(url, new() { ["Confirm"] = "false" })));
        Assert.True(await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().AnyAsync(h => h.Id == id)));
        var erased = await coach.PostFormAsync(url, new() { ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().AnyAsync(h => h.Id == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/gestion/citeslab/porteurs/{id}")).StatusCode);
    }

    [Fact]
    public async Task Given_another_coach_Then_she_gets_404_and_a_coach_cannot_reassign_but_the_manager_gives_the_holder_to_another_coach()
    {
        var first = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var coach = await app.SignedInAsync(first);
        var second = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var colleague = await app.SignedInAsync(second);
        var id = await CreateAsync(coach, "Lina", "Confiée");

        // Another coach of the programme does not follow her: 404 on the page and on a post (with her own form's token).
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/gestion/citeslab/porteurs/{id}/modifier")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(colleague, $"/gestion/citeslab/porteurs/{id}/modifier", Edit("Lina", "Volée", covers: ["Coaching"]), "/gestion/citeslab/nouveau")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/gestion/citeslab/porteurs/{id}/effacer")).StatusCode);
        Assert.Equal("Confiée", (await HolderAsync(id)).LastName);

        // The coach is not offered the reassignment, and cannot post it.
        var own = new HtmlParser().ParseDocument(await coach.GetStringAsync($"/gestion/citeslab/porteurs/{id}/modifier"));
        Assert.Null(own.QuerySelector("select[name=Coach]"));
        var refused = await PostEditAsync(coach, id, new() { ["Coach"] = second.Id }, "?handler=Reassign");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{refused.StatusCode}");
        Assert.Equal(first.Id, (await HolderAsync(id)).CoachUserId);

        // The manager chooses among the programme's coaches; someone else is refused.
        var manager = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipManager, Manager));
        var choices = new HtmlParser().ParseDocument(await manager.GetStringAsync($"/gestion/citeslab/porteurs/{id}/modifier"))
            .QuerySelectorAll("select[name=Coach] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(first.Id, choices);
        Assert.Contains(second.Id, choices);
        var marseille = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "cite:marseille-paca");
        Assert.DoesNotContain(marseille.Id, choices);
        Assert.Equal(["Coach"], await InvalidFieldsAsync(await PostEditAsync(manager, id, new() { ["Coach"] = marseille.Id }, "?handler=Reassign")));
        Assert.Equal(first.Id, (await HolderAsync(id)).CoachUserId);

        var given = await PostEditAsync(manager, id, new() { ["Coach"] = second.Id }, "?handler=Reassign");
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(second.Id, (await HolderAsync(id)).CoachUserId);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Modified" && a.After!.Contains(second.Id))));
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/gestion/citeslab/porteurs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/gestion/citeslab/porteurs/{id}")).StatusCode);
        Assert.Contains("Conseiller·ère", await colleague.PageTextAsync($"/gestion/citeslab/porteurs/{id}")); // the change of coach on the record
    }
}
