using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Entrepreneurship;
using Maillage.Platform.Audit;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>The CitésLab API (issue 23 item 7) on the reference programme: consent, steps and their rules, access, audit of reads.</summary>
public sealed class HolderApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static async Task<string[]> FieldsAsync(HttpResponseMessage response) =>
        [.. (await ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    [Fact]
    public async Task Given_a_coach_Then_a_holder_is_recorded_with_consent_followed_to_creation_and_read_with_the_read_audited()
    {
        var coach = await app.CoachAsync();
        var (qpv, saintJulien, _) = await app.TerritoriesAsync();
        var id = await coach.CreateHolderAsync(Body("Awa", "Parcours", qpvId: qpv));
        await coach.StepAsync(id, new { kind = "sensitised", date = "2026-03-02" });
        await coach.StepAsync(id, new { kind = "received", date = "2026-03-09", durationMinutes = 60 });
        await coach.StepAsync(id, new { kind = "amorcage", date = "2026-03-23", durationMinutes = 90, note = "Frein : garde d'enfants, solution trouvée" });
        await coach.StepAsync(id, new { kind = "referred", date = "2026-04-06", partner = "adie", answer = "takenOn", answeredOn = "2026-04-20" });
        await coach.StepAsync(id, new { kind = "created", date = "2026-06-01", legalForm = "Micro-entreprise", siret = "732 829 320 00074", createdInQpv = true });
        await coach.StepAsync(id, new { kind = "followUp", date = "2026-08-01", note = "Premier suivi" });

        var record = JsonDocument.Parse(await coach.GetStringAsync($"/api/v1/entrepreneurship/holders/{id}")).RootElement;
        Assert.Equal("followUp", record.GetProperty("stage").GetString());
        Assert.Equal(saintJulien, record.GetProperty("communeId").GetInt32()); // the QPV's commune
        Assert.True(record.GetProperty("fromQpv").GetBoolean());
        Assert.Equal(["coaching", "followUpContact"], record.GetProperty("consent").GetProperty("covers").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal("2026-10-01", record.GetProperty("followUpDue").GetString());
        var steps = record.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal("adie", steps[3].GetProperty("partner").GetString());
        Assert.Equal("73282932000074", steps[4].GetProperty("siret").GetString());

        var reads = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Read"));
        Assert.Equal(1, reads);

        var overdue = JsonDocument.Parse(await coach.GetStringAsync("/api/v1/entrepreneurship/holders?overdue=true")).RootElement;
        Assert.Contains(overdue.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id && r.GetProperty("overdue").GetBoolean());
        var created = JsonDocument.Parse(await coach.GetStringAsync("/api/v1/entrepreneurship/holders?stage=sensitised")).RootElement;
        Assert.DoesNotContain(created.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Given_bad_input_Then_422_names_each_field_and_nothing_is_saved()
    {
        var coach = await app.CoachAsync();
        var before = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync());
        Assert.Equal(["consent.given"], await FieldsAsync(await coach.PostAsJsonAsync("/api/v1/entrepreneurship/holders", Body("Sans", "Consentement", consent: false))));
        var marseilleCite = await app.CiteIdAsync("marseille-paca");
        var marseilleQpv = await app.WithDbAsync(db => db.Set<Maillage.Network.Territory>().IgnoreQueryFilters().Where(t => t.CiteId == marseilleCite).Select(t => t.Id).FirstAsync());
        Assert.Equal(["qpv"], await FieldsAsync(await coach.PostAsJsonAsync("/api/v1/entrepreneurship/holders", Body("Autre", "Cite", qpvId: marseilleQpv))));
        Assert.Equal(["prescriber"], await FieldsAsync(await coach.PostAsJsonAsync("/api/v1/entrepreneurship/holders",
            new { firstName = "A", lastName = "B", consent = new { given = true, date = "2026-03-02", textVersion = "v1", covers = new[] { "coaching" } }, prescriber = "pôle emploi" })));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync()));

        var id = await coach.CreateHolderAsync(Body("Bad", "Input"));
        await coach.StepAsync(id, new { kind = "received", date = "2026-05-04" });
        Assert.Equal(["date"], await FieldsAsync(await coach.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps", new { kind = "amorcage", date = "2026-05-03" })));
        Assert.Equal(["date"], await FieldsAsync(await coach.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps", new { kind = "amorcage", date = "2026-11-24" })));
        Assert.Equal(["siret"], await FieldsAsync(await coach.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps", new { kind = "created", date = "2026-06-01", legalForm = "SAS", siret = "73282932000075" })));
        Assert.Equal(["date"], await FieldsAsync(await coach.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps", new { kind = "created", legalForm = "SAS", siret = "73282932000074" })));
        Assert.Equal(["partner"], await FieldsAsync(await coach.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps", new { kind = "referred", date = "2026-06-01", partner = "banque-inconnue" })));
        Assert.Equal(["kind"], await FieldsAsync(await coach.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps", new { kind = "creation", date = "2026-06-01" })));
        var steps = await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().CountAsync(s => s.HolderId == id));
        Assert.Equal(1, steps);
    }

    [Fact]
    public async Task Given_people_outside_the_programme_Then_the_administrator_and_the_funder_are_refused_and_another_Cites_coach_finds_nothing()
    {
        var coach = await app.CoachAsync();
        var id = await coach.CreateHolderAsync(Body("Privee", "Personne"));
        var admin = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        var funder = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        foreach (var other in new[] { admin, funder })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/entrepreneurship/holders/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/entrepreneurship/holders")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.DeleteAsync($"/api/v1/entrepreneurship/holders/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/entrepreneurship/holders", Body("X", "Y"))).StatusCode);
        }
        var marseille = await app.CoachAsync("cite:marseille-paca");
        await ProblemAsync(await marseille.GetAsync($"/api/v1/entrepreneurship/holders/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await marseille.GetAsync($"/api/v1/entrepreneurship/holders/{id}/export"), HttpStatusCode.NotFound);
        await ProblemAsync(await marseille.DeleteAsync($"/api/v1/entrepreneurship/holders/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await marseille.PostAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/steps", new { kind = "received", date = "2026-05-04" }), HttpStatusCode.NotFound);
        Assert.Empty(JsonDocument.Parse(await marseille.GetStringAsync("/api/v1/entrepreneurship/holders")).RootElement.EnumerateArray());
        await ProblemAsync(await marseille.PostAsJsonAsync("/api/v1/entrepreneurship/holders", Body("X", "Y")), HttpStatusCode.Forbidden);
        // The programme's manager at its operator (role on the Maison de l'Economie Développement) reads it; another
        // coach of the same programme does not: a holder is seen by the coach who follows them and the manager.
        var manager = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipManager, "partner:grand-geneve/Maison de l'Economie Développement"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/entrepreneurship/holders/{id}")).StatusCode);
        Assert.Contains(JsonDocument.Parse(await manager.GetStringAsync("/api/v1/entrepreneurship/holders")).RootElement.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        Assert.DoesNotContain(JsonDocument.Parse(await manager.GetStringAsync("/api/v1/entrepreneurship/holders?mine=true")).RootElement.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        var colleague = await app.CoachAsync("partner:grand-geneve/Maison de l'Economie Développement");
        await ProblemAsync(await colleague.GetAsync($"/api/v1/entrepreneurship/holders/{id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(JsonDocument.Parse(await colleague.GetStringAsync("/api/v1/entrepreneurship/holders")).RootElement.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        Assert.Contains(JsonDocument.Parse(await coach.GetStringAsync("/api/v1/entrepreneurship/holders")).RootElement.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Given_the_privacy_page_Then_its_register_of_processing_activities_lists_the_coaching_with_its_legal_basis_retention_and_recipients()
    {
        var page = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/confidentialite"));
        Assert.Contains("Registre des activités de traitement", page);
        Assert.Contains("Accompagnement des porteurs de projet (CitésLab)", page);
        Assert.Contains("Consentement de la personne (RGPD art. 6.1.a)", page);
        Assert.Contains("Deux ans après le dernier contact", page);
        Assert.Contains("Les chef·fes de projet du programme uniquement", page);
    }
}
