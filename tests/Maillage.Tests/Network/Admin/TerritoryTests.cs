using System.Net;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network.Admin;

public sealed class TerritoryTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_a_coordinator_When_adding_a_commune_in_an_EPCI_and_editing_it_Then_both_are_saved()
    {
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var cite = await app.CiteIdAsync("grand-geneve");
        var unique = Guid.NewGuid().ToString("N")[..6];

        var epci = await client.PostFormAsync("/gestion/territoires", new() { ["Input.CiteId"] = cite.ToString(), ["Input.Kind"] = "Epci", ["Input.Name"] = $"CC de test {unique}", ["Input.Code"] = "200000000" });
        Assert.Equal(HttpStatusCode.Redirect, epci.StatusCode);
        var epciId = await app.WithDbAsync(db => db.Territories.Where(t => t.Name == $"CC de test {unique}").Select(t => t.Id).SingleAsync());
        var commune = await client.PostFormAsync("/gestion/territoires", new() { ["Input.CiteId"] = cite.ToString(), ["Input.Kind"] = "Commune", ["Input.Name"] = $"Commune {unique}", ["Input.ParentId"] = epciId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, commune.StatusCode);
        var saved = await app.WithDbAsync(db => db.Territories.SingleAsync(t => t.Name == $"Commune {unique}"));
        Assert.Equal(epciId, saved.ParentId);
        Assert.Equal(TerritoryKind.Commune, saved.Kind);

        var duplicate = await client.PostFormAsync("/gestion/territoires", new() { ["Input.CiteId"] = cite.ToString(), ["Input.Kind"] = "Commune", ["Input.Name"] = $"commune {unique}" });
        Assert.Contains("Ce territoire existe déjà dans cette Cité", await duplicate.TextAsync());

        var edit = await client.PostFormAsync($"/gestion/territoires/{saved.Id}", new() { ["Input.Kind"] = "Commune", ["Input.Name"] = $"Commune {unique} renommée", ["Input.Code"] = "74999", ["Input.ParentId"] = epciId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal("74999", await app.WithDbAsync(db => db.Territories.Where(t => t.Id == saved.Id).Select(t => t.Code).SingleAsync()));
        Assert.Contains($"Commune {unique} renommée", await client.PageTextAsync("/gestion/territoires"));

        var cycle = await client.PostFormAsync($"/gestion/territoires/{epciId}", new() { ["Input.Kind"] = "Epci", ["Input.Name"] = $"CC de test {unique}", ["Input.ParentId"] = saved.Id.ToString() });
        Assert.Contains("qui ne soit pas compris dans celui-ci", await cycle.TextAsync());
    }
}
