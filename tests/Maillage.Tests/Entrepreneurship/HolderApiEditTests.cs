using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Entrepreneurship;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// Editing through the API (issue 23 item 7): <c>PUT …/holders/{id}</c> with the edit page's rules (one
/// <c>HolderRegister.UpdateAsync</c>), consent scopes withdrawn, each field named, nothing half-saved, audited; and
/// <c>PUT …/holders/{id}/steps/{stepId}</c> through <c>PipelineStep.Correct</c>. Programme staff only; 404 for a holder one does not see.
/// </summary>
public sealed class HolderApiEditTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static async Task<string[]> FieldsAsync(HttpResponseMessage response) =>
        [.. (await ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static object Edit(string first, string last, int? qpvId = null, string? email = "nouvelle@exemple.invalid", string? prescriber = "missionLocale",
        object? consent = null) => new
    {
        firstName = first, lastName = last, email, phone = "07 11 22 33 44",
        consent = consent ?? new { covers = new[] { "coaching" } },
        qpvId, fragility = new[] { "woman" }, prescriber, prescriberDetail = "Annemasse",
        project = new { activity = "Retouches", sector = "Textile", intendedLegalForm = "SAS", intendedInQpv = false },
    };

    private Task<ProjectHolder> HolderAsync(int id) =>
        app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().AsNoTracking().Include(h => h.Steps).SingleAsync(h => h.Id == id));

    [Fact]
    public async Task Given_a_coach_Then_she_replaces_a_record_withdraws_a_scope_and_the_change_is_audited()
    {
        var coach = await app.CoachAsync();
        var (qpv, saintJulien, _) = await app.TerritoriesAsync();
        var id = await coach.CreateHolderAsync(Body("Nora", "Avant"));

        var response = await coach.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}", Edit("Nora", "Après", qpv));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        var record = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Après", record.GetProperty("lastName").GetString());
        Assert.Equal(["coaching"], record.GetProperty("consent").GetProperty("covers").EnumerateArray().Select(c => c.GetString()!).ToArray());

        var holder = await HolderAsync(id);
        Assert.Equal(("Après", "nouvelle@exemple.invalid", "07 11 22 33 44"), (holder.LastName, holder.Email, holder.Phone));
        Assert.Equal((qpv, saintJulien), (holder.QpvId!.Value, holder.CommuneId!.Value)); // the commune follows from the QPV, as on the page
        Assert.Equal((Fragility.Woman, Prescriber.MissionLocale, "Retouches", false), (holder.Fragility, holder.Prescriber, holder.Activity, holder.IntendedInQpv));
        Assert.Equal(ConsentScope.Coaching, holder.Consent.Covers); // follow-up contact withdrawn
        Assert.Equal((new DateOnly(2026, 3, 2), "2024-01"), (holder.Consent.GivenOn, holder.Consent.TextVersion));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Modified").ToListAsync());
        Assert.Contains(audit, a => a.Before!.Contains("Avant") && a.After!.Contains("Après"));

        // The consent's own date and text, repeated unchanged, are accepted; the consent omitted keeps its scopes.
        var same = await coach.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}",
            Edit("Nora", "Après", qpv, consent: new { given = true, date = "2026-03-02", textVersion = "2024-01", covers = new[] { "coaching" } }));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var omitted = await coach.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}", new { firstName = "Nora", lastName = "Encore", prescriber = "cio" });
        Assert.Equal(HttpStatusCode.OK, omitted.StatusCode);
        holder = await HolderAsync(id);
        Assert.Equal(("Encore", ConsentScope.Coaching, null, null), (holder.LastName, holder.Consent.Covers, holder.Email, holder.QpvId)); // PUT: omitted fields emptied
    }

    [Fact]
    public async Task Given_bad_input_Then_the_problem_names_each_field_and_nothing_is_saved()
    {
        var coach = await app.CoachAsync();
        var (_, _, annemasse) = await app.TerritoriesAsync();
        var id = await coach.CreateHolderAsync(Body("Rose", "Intacte"));
        var url = $"/api/v1/entrepreneurship/holders/{id}";

        var bad = Edit("", "Changée", qpvId: annemasse, email: "pas-une-adresse", prescriber: null,
            consent: new { date = "2026-04-01", textVersion = "2099-01", covers = new[] { "coaching", "followUpContact", "telepathy" } });
        Assert.Equal(["consent.covers", "consent.date", "consent.textVersion", "email", "firstName", "prescriber", "qpv"],
            await FieldsAsync(await coach.PutAsJsonAsync(url, bad)));
        Assert.Equal(["email", "firstName", "qpv"], await FieldsAsync(await coach.PutAsJsonAsync(url, Edit("", "Changée", qpvId: annemasse, email: "pas-une-adresse"))));
        // A scope withdrawn is not given back by an edit; the coaching withdrawn is the erasure.
        Assert.Equal(["consent.covers"], await FieldsAsync(await coach.PutAsJsonAsync(url, Edit("Rose", "Changée", consent: new { covers = new[] { "coaching", "sharingWithPartners" } }))));
        var withdrawn = await coach.PutAsJsonAsync(url, Edit("Rose", "Changée", consent: new { covers = new[] { "followUpContact" } }));
        Assert.Contains("effacer la fiche", (await withdrawn.Content.ReadAsStringAsync()).ToLowerInvariant());
        Assert.Equal(["consent.given"], await FieldsAsync(await coach.PutAsJsonAsync(url, Edit("Rose", "Changée", consent: new { given = false, covers = new[] { "coaching" } }))));

        var holder = await HolderAsync(id);
        Assert.Equal(("Rose", "Intacte", "rose.intacte@exemple.invalid", null), (holder.FirstName, holder.LastName, holder.Email, holder.QpvId));
        Assert.Equal(ConsentScope.Coaching | ConsentScope.FollowUpContact, holder.Consent.Covers);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Modified")));
    }

    [Fact]
    public async Task Given_a_recorded_step_Then_it_is_corrected_through_the_pipeline_rules_and_audited()
    {
        var coach = await app.CoachAsync();
        var id = await coach.CreateHolderAsync(Body("Awa", "Corrigée"));
        await coach.StepAsync(id, new { kind = "sensitised", date = "2026-03-02" });
        await coach.StepAsync(id, new { kind = "received", date = "2026-03-09", durationMinutes = 60 });
        await coach.StepAsync(id, new { kind = "referred", date = "2026-04-06", partner = "adie" });
        var steps = (await HolderAsync(id)).Steps.OrderBy(s => s.Date).ToList();
        var (received, referred) = (steps[1].Id, steps[2].Id);
        string StepUrl(int step) => $"/api/v1/entrepreneurship/holders/{id}/steps/{step}";

        var ok = await coach.PutAsJsonAsync(StepUrl(received), new { date = "2026-03-05", durationMinutes = 45, note = "À la permanence" });
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var step = (await HolderAsync(id)).Steps.Single(s => s.Id == received);
        Assert.Equal((new DateOnly(2026, 3, 5), 45, "À la permanence"), (step.Date, step.DurationMinutes!.Value, step.Note));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(PipelineStep) && a.EntityId == received.ToString() && a.Action == "Modified").SingleAsync());
        Assert.Contains("2026-03-09", audit.Before);
        Assert.Contains("2026-03-05", audit.After);

        // The date stays between its neighbours; the kind stays; a partner of the programme; the answer's date.
        Assert.Equal(["date"], await FieldsAsync(await coach.PutAsJsonAsync(StepUrl(received), new { date = "2026-04-10" })));
        Assert.Equal(["date"], await FieldsAsync(await coach.PutAsJsonAsync(StepUrl(received), new { date = "2099-01-01" })));
        Assert.Equal(["kind"], await FieldsAsync(await coach.PutAsJsonAsync(StepUrl(received), new { kind = "amorcage", date = "2026-03-05" })));
        Assert.Equal(["partner"], await FieldsAsync(await coach.PutAsJsonAsync(StepUrl(referred), new { date = "2026-04-06", partner = "inconnu" })));
        Assert.Equal(["answeredOn"], await FieldsAsync(await coach.PutAsJsonAsync(StepUrl(referred), new { date = "2026-04-06", partner = "france-active", answer = "takenOn" })));
        step = (await HolderAsync(id)).Steps.Single(s => s.Id == received);
        Assert.Equal(new DateOnly(2026, 3, 5), step.Date); // nothing half-saved

        var answered = await coach.PutAsJsonAsync(StepUrl(referred), new { date = "2026-04-06", partner = "france-active", answer = "takenOn", answeredOn = "2026-04-20" });
        Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        var record = JsonDocument.Parse(await answered.Content.ReadAsStringAsync()).RootElement;
        var last = record.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal(("france-active", "takenOn", "2026-04-20"), (last.GetProperty("partner").GetString(), last.GetProperty("answer").GetString(), last.GetProperty("answeredOn").GetString()));
    }

    [Fact]
    public async Task Given_someone_who_does_not_see_the_holder_Then_the_edits_answer_404_or_403_and_change_nothing()
    {
        var coach = await app.CoachAsync();
        var id = await coach.CreateHolderAsync(Body("Lina", "Gardée"));
        await coach.StepAsync(id, new { kind = "sensitised", date = "2026-03-02" });
        var stepId = (await HolderAsync(id)).Steps.Single().Id;

        var colleague = await app.CoachAsync("partner:grand-geneve/Maison de l'Economie Développement");
        var marseille = await app.CoachAsync("cite:marseille-paca");
        foreach (var other in new[] { colleague, marseille })
        {
            await ProblemAsync(await other.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}", Edit("Lina", "Volée")), HttpStatusCode.NotFound);
            await ProblemAsync(await other.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps/{stepId}", new { date = "2026-03-01" }), HttpStatusCode.NotFound);
        }
        await ProblemAsync(await coach.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps/{stepId + 100000}", new { date = "2026-03-01" }), HttpStatusCode.NotFound);
        var funder = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        var admin = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        foreach (var other in new[] { funder, admin })
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}", Edit("Lina", "Volée"))).StatusCode);

        var holder = await HolderAsync(id);
        Assert.Equal(("Gardée", new DateOnly(2026, 3, 2)), (holder.LastName, holder.Steps.Single().Date));

        // The programme's manager sees all its holders and may correct them.
        var manager = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipManager, "partner:grand-geneve/Maison de l'Economie Développement"));
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps/{stepId}", new { date = "2026-03-01" })).StatusCode);
    }
}
