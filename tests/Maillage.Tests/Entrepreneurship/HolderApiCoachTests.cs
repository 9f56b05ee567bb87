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
/// Giving a holder to another coach through the API (issue 23): <c>PUT …/holders/{id}/coach</c> with the edit page's
/// rule and code path (<c>HolderRegister.ReassignAsync</c>): the programme's manager only, to one of the programme's
/// coaches (<c>GET …/coaches</c>), audited; the previous coach then gets 404.
/// </summary>
public sealed class HolderApiCoachTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Manager = "partner:grand-geneve/Maison de l'Economie Développement";

    private Task<string?> CoachOfAsync(int id) =>
        app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().Where(h => h.Id == id).Select(h => h.CoachUserId).SingleAsync());

    private static Task<HttpResponseMessage> GiveAsync(HttpClient client, int id, string? coach) =>
        client.PutAsJsonAsync($"/api/v1/entrepreneurship/holders/{id}/coach", new { coach });

    [Fact]
    public async Task Given_the_manager_Then_she_gives_a_holder_to_a_coach_of_the_programme_audited_and_the_previous_coach_gets_404()
    {
        var first = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var second = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var (coach, colleague) = (await app.ClientAsync(first), await app.ClientAsync(second));
        var id = await coach.CreateHolderAsync(Body("Lina", "Confiée"));
        var managerUser = await app.CreateStaffAsync(StaffRole.EntrepreneurshipManager, Manager);
        var manager = await app.ClientAsync(managerUser);

        // Whom she may give it to: the programme's coaches and managers, not another Cité's.
        var marseille = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "cite:marseille-paca");
        var programme = await app.ProgrammeIdAsync();
        var coaches = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/entrepreneurship/coaches")).EnumerateArray().ToList();
        Assert.Contains(coaches, c => c.GetProperty("id").GetString() == second.Id && c.GetProperty("programme").GetInt32() == programme && !c.GetProperty("manager").GetBoolean());
        Assert.Contains(coaches, c => c.GetProperty("id").GetString() == managerUser.Id && c.GetProperty("manager").GetBoolean());
        Assert.DoesNotContain(coaches, c => c.GetProperty("id").GetString() == marseille.Id);

        var response = await GiveAsync(manager, id, second.Id);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        Assert.Equal(second.DisplayName ?? second.Email, JsonDocument.Parse(text).RootElement.GetProperty("coach").GetString());
        Assert.Equal(second.Id, await CoachOfAsync(id));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Modified" && a.Before!.Contains(first.Id) && a.After!.Contains(second.Id) && a.UserId == managerUser.Id)));

        // The new coach sees the holder, the previous one no more.
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/api/v1/entrepreneurship/holders/{id}")).StatusCode);
        await ProblemAsync(await coach.GetAsync($"/api/v1/entrepreneurship/holders/{id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain($"/api/v1/entrepreneurship/holders/{id}\"", await coach.GetStringAsync("/api/v1/entrepreneurship/holders"));
    }

    [Fact]
    public async Task Given_a_coach_Then_she_may_not_give_her_holder_away_nor_list_the_coaches_403()
    {
        var first = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var second = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var coach = await app.ClientAsync(first);
        var id = await coach.CreateHolderAsync(Body("Maud", "Gardée"));

        var refused = await ProblemAsync(await GiveAsync(coach, id, second.Id), HttpStatusCode.Forbidden);
        Assert.True(refused.GetProperty("errors").TryGetProperty("coach", out _), refused.ToString());
        Assert.Equal(first.Id, await CoachOfAsync(id));
        await ProblemAsync(await coach.GetAsync("/api/v1/entrepreneurship/coaches"), HttpStatusCode.Forbidden);
        // Another coach of the programme, who does not follow her: 404, as for reading her.
        await ProblemAsync(await GiveAsync(await app.ClientAsync(second), id, second.Id), HttpStatusCode.NotFound);
        Assert.Equal(first.Id, await CoachOfAsync(id));
    }

    [Fact]
    public async Task Given_someone_who_is_not_a_coach_of_the_programme_or_none_Then_422_names_coach_and_nothing_changes()
    {
        var first = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var id = await (await app.ClientAsync(first)).CreateHolderAsync(Body("Inès", "Reste"));
        var manager = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipManager, Manager));
        var marseille = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "cite:marseille-paca");
        var reception = await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/citeslab-saint-georges");

        foreach (var who in new[] { marseille.Id, reception.Id, Guid.NewGuid().ToString(), "", null })
        {
            var problem = await ProblemAsync(await GiveAsync(manager, id, who), HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["coach"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray());
        }
        Assert.Equal(first.Id, await CoachOfAsync(id));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Modified")));
    }

    [Fact]
    public async Task Given_a_holder_of_another_programme_Then_the_manager_gets_404()
    {
        // A second programme, in another Cité, with its own coach and holder.
        var citeId = await app.CiteIdAsync("marseille-paca");
        await app.WithDbAsync(db =>
        {
            db.Add(new Programme { CiteId = citeId, Name = "CitésLab de test à Marseille" });
            return db.SaveChangesAsync();
        });
        var marseilleCoach = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, "cite:marseille-paca");
        var id = await (await app.ClientAsync(marseilleCoach)).CreateHolderAsync(Body("Sami", "Ailleurs"));
        var manager = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.EntrepreneurshipManager, Manager));
        var ownCoach = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);

        await ProblemAsync(await GiveAsync(manager, id, ownCoach.Id), HttpStatusCode.NotFound);
        await ProblemAsync(await GiveAsync(manager, 999_999, ownCoach.Id), HttpStatusCode.NotFound);
        Assert.Equal(marseilleCoach.Id, await CoachOfAsync(id));
    }
}
