using System.Net;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network.Admin;

public sealed class PartnerTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<HttpClient> CoordinatorAsync(string scope = "cite:grand-geneve") => await app.SignedInAsAsync(StaffRole.Coordinator, scope);

    [Fact]
    public async Task Given_a_coordinator_When_creating_a_partner_with_roles_and_poles_Then_they_are_saved_in_the_Cite()
    {
        var client = await CoordinatorAsync();
        var site = await app.NewStructureAsync("grand-geneve", StructureKind.Site, poles: 3);
        var poles = await app.WithDbAsync(db => db.Poles.Where(p => p.StructureId == site.Id).OrderBy(p => p.Order).Select(p => p.Id).ToListAsync());
        var name = $"Mission locale test {Guid.NewGuid():N}"[..32];

        var response = await client.PostAsync("/gestion/partenaires/nouveau", await FormAsync(client, "/gestion/partenaires/nouveau",
        [
            new("Input.CiteId", site.CiteId.ToString()), new("Input.Name", name), new("Input.Type", nameof(PartnerType.MissionLocale)),
            new("Input.Roles", "Prescriber"), new("Input.Roles", "Provider"), new("Input.Publics", "Jeunes de 16 à 25 ans"),
            new("Input.Website", "https://mission-locale.test"), new("Input.PoleIds", poles[0].ToString()), new("Input.PoleIds", poles[2].ToString()),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var partner = await app.WithDbAsync(db => db.Partners.Include(p => p.Poles).SingleAsync(p => p.Name == name));
        Assert.Equal(PartnerRoles.Prescriber | PartnerRoles.Provider, partner.Roles);
        Assert.Equal(PartnerType.MissionLocale, partner.Type);
        Assert.Equal(new[] { poles[0], poles[2] }, partner.Poles.Select(p => p.PoleId).Order());
        Assert.All(partner.Poles, p => Assert.Equal(site.CiteId, p.CiteId));
        Assert.Contains(name, await client.PageTextAsync("/gestion/partenaires"));

        // Edit: keep one pole, become a funder only.
        var edit = await client.PostAsync($"/gestion/partenaires/{partner.Id}", await FormAsync(client, $"/gestion/partenaires/{partner.Id}",
        [
            new("Input.Name", name), new("Input.Type", nameof(PartnerType.MissionLocale)), new("Input.Roles", "Funder"), new("Input.PoleIds", poles[1].ToString()),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var edited = await app.WithDbAsync(db => db.Partners.Include(p => p.Poles).SingleAsync(p => p.Id == partner.Id));
        Assert.Equal(PartnerRoles.Funder, edited.Roles);
        Assert.Equal(poles[1], edited.Poles.Single().PoleId);
    }

    [Fact]
    public async Task Given_a_pole_of_another_Cite_When_saving_a_partner_Then_it_is_refused()
    {
        var client = await CoordinatorAsync();
        var marseille = await app.NewStructureAsync("marseille-paca", StructureKind.Site, poles: 1);
        var foreignPole = await app.WithDbAsync(db => db.Poles.Where(p => p.StructureId == marseille.Id).Select(p => p.Id).SingleAsync());
        var cite = await app.CiteIdAsync("grand-geneve");
        var name = $"Partenaire test {Guid.NewGuid():N}"[..28];

        var response = await client.PostAsync("/gestion/partenaires/nouveau", await FormAsync(client, "/gestion/partenaires/nouveau",
        [
            new("Input.CiteId", cite.ToString()), new("Input.Name", name), new("Input.Type", "Association"), new("Input.PoleIds", foreignPole.ToString()),
        ]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choisissez des pôles de la Cité de ce partenaire.", await response.TextAsync());
        Assert.False(await app.WithDbAsync(db => db.Partners.AnyAsync(p => p.Name == name)));
    }

    [Fact]
    public async Task Given_a_coordinator_of_Marseille_When_opening_a_Grand_Geneve_partner_Then_it_is_not_found()
    {
        var partnerId = (await app.NewPartnerAsync("grand-geneve", $"Partenaire genevois {Guid.NewGuid():N}"[..30], PartnerType.Cio)).Id;
        var client = await CoordinatorAsync("cite:marseille-paca");

        Assert.Contains((await client.GetAsync($"/gestion/partenaires/{partnerId}")).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.DoesNotContain($"/gestion/partenaires/{partnerId}\"", await client.PageTextAsync("/gestion/partenaires"));
    }

    /// <summary>A form body with repeated names (checkboxes), with the page's antiforgery token.</summary>
    internal static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string page, List<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return new FormUrlEncodedContent(fields);
    }
}
