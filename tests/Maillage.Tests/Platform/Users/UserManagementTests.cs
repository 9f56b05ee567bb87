using System.Net;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform.Users;

public sealed class UserManagementTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<HttpClient> AdministratorAsync(string scope = "cite:grand-geneve") =>
        await app.SignedInAsAsync(StaffRole.Administrator, scope);

    private Task<List<RoleAssignment>> AssignmentsAsync(string userId) =>
        app.WithDbAsync(db => db.RoleAssignments.Where(a => a.UserId == userId).ToListAsync());

    private async Task<string> CreateThroughPageAsync(HttpClient client, string email)
    {
        var response = await client.PostFormAsync("/gestion/utilisateurs", new() { ["Input.Email"] = email, ["Input.DisplayName"] = "Personne de test", ["Input.Password"] = "un mot de passe assez long" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Given_an_administrator_When_creating_a_user_and_granting_a_role_on_a_structure_Then_the_user_is_listed_with_it_and_can_be_revoked()
    {
        var client = await AdministratorAsync();
        var email = $"nouvelle.{Guid.NewGuid():N}@test.maillage";
        var page = await CreateThroughPageAsync(client, email);
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal($"/gestion/utilisateurs/{user.Id}", page);
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");

        var grant = await client.PostFormAsync(page + "?handler=Grant", new() { ["Grant.Role"] = "ReceptionAgent", ["Grant.Scope"] = "Structure", ["Grant.StructureId"] = annemasse.Id.ToString() }, formPage: page);

        Assert.Equal(HttpStatusCode.Redirect, grant.StatusCode);
        var assignment = Assert.Single(await AssignmentsAsync(user.Id));
        Assert.Equal((StaffRole.ReceptionAgent, ScopeKind.Structure, annemasse.Id, annemasse.CiteId), (assignment.Role, assignment.Scope, assignment.StructureId, assignment.CiteId));
        Assert.Contains(email, await client.PageTextAsync("/gestion/utilisateurs"));

        var again = await client.PostFormAsync(page + "?handler=Grant", new() { ["Grant.Role"] = "ReceptionAgent", ["Grant.Scope"] = "Structure", ["Grant.StructureId"] = annemasse.Id.ToString() }, formPage: page);
        Assert.Contains("Cette personne a déjà ce rôle sur ce périmètre.", await again.TextAsync());

        var revoke = await client.PostFormAsync(page + "?handler=Revoke", new() { ["assignmentId"] = assignment.Id.ToString() }, formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Empty(await AssignmentsAsync(user.Id));
    }

    [Fact]
    public async Task Given_a_short_password_When_creating_a_user_Then_the_password_field_says_why_and_no_account_exists()
    {
        var client = await AdministratorAsync();
        var email = $"court.{Guid.NewGuid():N}@test.maillage";

        var response = await client.PostFormAsync("/gestion/utilisateurs", new() { ["Input.Email"] = email, ["Input.Password"] = "court" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("href=\"#Input_Password\"", html);
        Assert.Contains("aria-describedby=\"Input_Password-hint Input_Password-error\"", html);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Given_an_administrator_of_Grand_Geneve_When_granting_a_role_in_Marseille_Then_it_is_refused_and_nothing_is_granted()
    {
        var client = await AdministratorAsync();
        var page = await CreateThroughPageAsync(client, $"cible.{Guid.NewGuid():N}@test.maillage");
        var userId = page.Split('/').Last();
        var marseilleCite = await app.CiteIdAsync("marseille-paca");
        var marseille = await app.StructureAsync("marseille-paca", "marseille");

        var onCite = await client.PostFormAsync(page + "?handler=Grant", new() { ["Grant.Role"] = "Administrator", ["Grant.Scope"] = "Cite", ["Grant.CiteId"] = marseilleCite.ToString() }, formPage: page);
        var onStructure = await client.PostFormAsync(page + "?handler=Grant", new() { ["Grant.Role"] = "Coordinator", ["Grant.Scope"] = "Structure", ["Grant.StructureId"] = marseille.Id.ToString() }, formPage: page);
        var onPlatform = await client.PostFormAsync(page + "?handler=Grant", new() { ["Grant.Role"] = "PlatformOperator", ["Grant.Scope"] = "Platform" }, formPage: page);

        Assert.Contains("Choisissez une Cité que vous administrez.", await onCite.TextAsync());
        Assert.Contains("Choisissez une structure d'une Cité que vous administrez.", await onStructure.TextAsync());
        var platform = await onPlatform.TextAsync();
        Assert.Contains("Vous ne pouvez pas attribuer ce rôle.", platform);
        Assert.Contains("Seul l'exploitant de la plateforme", platform);
        Assert.Empty(await AssignmentsAsync(userId));
    }

    [Fact]
    public async Task Given_a_user_of_Marseille_only_When_an_administrator_of_Grand_Geneve_looks_Then_they_are_neither_listed_nor_reachable()
    {
        var marseilleUser = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var client = await AdministratorAsync();

        Assert.DoesNotContain(marseilleUser.Email!, await client.PageTextAsync("/gestion/utilisateurs"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestion/utilisateurs/{marseilleUser.Id}")).StatusCode);
        var assignment = (await AssignmentsAsync(marseilleUser.Id)).Single();
        var revoke = await client.PostFormAsync($"/gestion/utilisateurs/{marseilleUser.Id}?handler=Revoke", new() { ["assignmentId"] = assignment.Id.ToString() }, formPage: "/gestion/utilisateurs");
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Single(await AssignmentsAsync(marseilleUser.Id));
    }

    [Fact]
    public async Task Given_a_coordinator_When_opening_the_users_page_Then_access_is_denied()
    {
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var response = await client.GetAsync("/gestion/utilisateurs");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
