using System.Net;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network.Admin;

public sealed class PoleTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<HttpClient> CoordinatorAsync() => await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
    private Task<int> PoleCountAsync(int structureId) => app.WithDbAsync(db => db.Poles.CountAsync(p => p.StructureId == structureId));

    [Fact]
    public async Task Given_a_site_with_seven_poles_When_adding_an_eighth_Then_it_is_refused_at_the_field_and_nothing_is_saved()
    {
        var client = await CoordinatorAsync();
        var site = await app.NewStructureAsync("grand-geneve", StructureKind.Site, poles: 7);

        var response = await client.PostFormAsync($"/gestion/structures/{site.Id}/poles?handler=Add", new() { ["NewPole.Name"] = "Un pôle de trop" }, formPage: $"/gestion/structures/{site.Id}/poles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Un site Cité des métiers compte au plus 7 pôles de conseil", html);
        Assert.Contains("href=\"#NewPole_Name\"", html);
        Assert.Contains("id=\"NewPole_Name-error\"", html);
        Assert.Equal(7, await PoleCountAsync(site.Id));
    }

    [Fact]
    public async Task Given_a_site_with_two_poles_When_adding_renaming_and_removing_Then_the_poles_follow_and_the_warning_shows_under_three()
    {
        var client = await CoordinatorAsync();
        var site = await app.NewStructureAsync("grand-geneve", StructureKind.Site, poles: 2);
        var url = $"/gestion/structures/{site.Id}/poles";
        Assert.Contains("il n'en a que 2", await client.PageTextAsync(url));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url + "?handler=Add", new() { ["NewPole.Name"] = "Créer son activité" }, formPage: url)).StatusCode);
        Assert.Equal(3, await PoleCountAsync(site.Id));
        Assert.DoesNotContain("il n'en a que", await client.PageTextAsync(url));

        var created = await app.WithDbAsync(db => db.Poles.SingleAsync(p => p.StructureId == site.Id && p.Name == "Créer son activité"));
        var rename = await client.PostFormAsync(url + "?handler=Rename", new() { ["poleId"] = created.Id.ToString(), ["name"] = "Créer ou reprendre une activité", ["nameEn"] = "Start a business" }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        Assert.Equal("Start a business", await app.WithDbAsync(db => db.Poles.Where(p => p.Id == created.Id).Select(p => p.NameEn).SingleAsync()));

        var remove = await client.PostFormAsync(url + "?handler=Remove", new() { ["poleId"] = created.Id.ToString() }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Equal(2, await PoleCountAsync(site.Id));
        Assert.Contains("il n'en a que 2", await client.PageTextAsync(url));
    }

    [Fact]
    public async Task Given_an_existing_pole_name_When_renaming_another_to_it_Then_the_rename_field_shows_the_message()
    {
        var client = await CoordinatorAsync();
        var site = await app.NewStructureAsync("grand-geneve", StructureKind.Site, poles: 3);
        var url = $"/gestion/structures/{site.Id}/poles";
        var second = await app.WithDbAsync(db => db.Poles.SingleAsync(p => p.StructureId == site.Id && p.Name == "Pôle de test 2"));

        var response = await client.PostFormAsync(url + "?handler=Rename", new() { ["poleId"] = second.Id.ToString(), ["name"] = "pôle de test 1" }, formPage: url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Le pôle « pôle de test 1 » existe déjà ici.", html);
        Assert.Contains($"id=\"pole-{second.Id}-name-error\"", html);
        Assert.Equal("Pôle de test 2", await app.WithDbAsync(db => db.Poles.Where(p => p.Id == second.Id).Select(p => p.Name).SingleAsync()));
    }
}
