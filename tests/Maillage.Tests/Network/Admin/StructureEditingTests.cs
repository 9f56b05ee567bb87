using System.Net;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network.Admin;

public sealed class StructureEditingTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private Task<HttpClient> GenevaCoordinatorAsync() => SignInAsync("cite:grand-geneve");
    private async Task<HttpClient> SignInAsync(string scope) => await app.SignedInAsAsync(StaffRole.Coordinator, scope);

    [Fact]
    public async Task Given_a_coordinator_of_the_Cite_When_creating_a_structure_Then_it_is_saved_and_listed()
    {
        var client = await GenevaCoordinatorAsync();
        var cite = await app.CiteIdAsync("grand-geneve");
        var name = $"Point relais créé {Guid.NewGuid():N}"[..30];

        var response = await client.PostFormAsync("/gestion/structures/nouvelle", NetworkTestData.StructureFields(name, cite, StructureKind.PointRelais));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Structures.SingleAsync(s => s.Name == name));
        Assert.Equal(StructureKind.PointRelais, saved.Kind);
        Assert.Equal(46.1934, saved.Latitude);
        Assert.Equal("accueil@test.maillage", saved.Email);
        Assert.StartsWith("point-relais-cree-", saved.Slug);
        Assert.Equal($"/gestion/structures/{saved.Id}", response.Headers.Location!.OriginalString);
        Assert.Contains(name, await client.PageTextAsync("/gestion/structures"));
    }

    [Fact]
    public async Task Given_an_existing_structure_When_the_coordinator_edits_it_Then_the_fields_change()
    {
        var client = await GenevaCoordinatorAsync();
        var structure = await app.NewStructureAsync("grand-geneve", StructureKind.CentreAssocie);
        var fields = NetworkTestData.StructureFields(structure.Name + " renommée", structure.CiteId);
        fields["Input.Country"] = "CH";
        fields["Input.TimeZoneId"] = "Europe/Zurich";
        fields["Input.Holidays"] = "Geneva";
        fields["Input.Phone"] = "+41 22 000 00 00";

        var response = await client.PostFormAsync($"/gestion/structures/{structure.Id}", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.WithDbAsync(db => db.Structures.SingleAsync(s => s.Id == structure.Id));
        Assert.Equal(structure.Name + " renommée", saved.Name);
        Assert.Equal("CH", saved.Country);
        Assert.Equal("Europe/Zurich", saved.TimeZoneId);
        Assert.Equal("+41 22 000 00 00", saved.Phone);
        Assert.Contains("Modifications enregistrées", await client.PageTextAsync($"/gestion/structures/{structure.Id}"));
    }

    [Fact]
    public async Task Given_a_name_already_used_in_the_Cite_When_saving_Then_the_name_field_says_so_and_nothing_changes()
    {
        var client = await GenevaCoordinatorAsync();
        var first = await app.NewStructureAsync("grand-geneve");
        var second = await app.NewStructureAsync("grand-geneve");

        var response = await client.PostFormAsync($"/gestion/structures/{second.Id}", NetworkTestData.StructureFields(first.Name.ToUpperInvariant(), second.CiteId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains($"Une structure s'appelle déjà « {first.Name.ToUpperInvariant()} » dans cette Cité", html);
        Assert.Contains("href=\"#Input_Name\"", html);
        Assert.Contains("aria-describedby=\"Input_Name-error\"", html);
        Assert.Equal(second.Name, await app.WithDbAsync(db => db.Structures.Where(s => s.Id == second.Id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task Given_wrong_coordinates_and_e_mail_When_saving_Then_each_field_shows_its_message()
    {
        var client = await GenevaCoordinatorAsync();
        var structure = await app.NewStructureAsync("grand-geneve");
        var fields = NetworkTestData.StructureFields(structure.Name, structure.CiteId);
        fields["Input.Latitude"] = "95";
        fields["Input.Longitude"] = "abc";
        fields["Input.Email"] = "pas-une-adresse";
        fields["Input.Name"] = "  ";

        var html = await (await client.PostFormAsync($"/gestion/structures/{structure.Id}", fields)).TextAsync();

        Assert.Contains("Indiquez le nom de la structure.", html);
        Assert.Contains("La latitude est un nombre entre -90 et 90", html);
        Assert.Contains("La longitude est un nombre entre -180 et 180", html);
        Assert.Contains("Écrivez l'adresse e-mail sous la forme", html);
    }

    [Fact]
    public async Task Given_a_coordinator_of_Marseille_When_opening_a_Grand_Geneve_structure_Then_it_is_refused_and_not_listed()
    {
        var client = await SignInAsync("cite:marseille-paca");
        var geneva = await app.StructureAsync("grand-geneve", "geneve");
        var marseille = await app.StructureAsync("marseille-paca", "marseille");

        var edit = await client.GetAsync($"/gestion/structures/{geneva.Id}");
        var post = await client.PostFormAsync($"/gestion/structures/{geneva.Id}", NetworkTestData.StructureFields("Piratée", geneva.CiteId), formPage: "/gestion/structures");
        var poles = await client.GetAsync($"/gestion/structures/{geneva.Id}/poles");
        var hours = await client.GetAsync($"/gestion/structures/{geneva.Id}/horaires");

        Assert.Contains(edit.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Contains(post.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Contains(poles.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.Contains(hours.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        var list = await client.PageTextAsync("/gestion/structures");
        Assert.Contains($"/gestion/structures/{marseille.Id}\"", list);
        Assert.DoesNotContain($"/gestion/structures/{geneva.Id}\"", list);
        Assert.NotEqual("Piratée", await app.WithDbAsync(db => db.Structures.Where(s => s.Id == geneva.Id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task Given_a_coordinator_of_one_structure_When_opening_another_structure_of_the_Cite_Then_it_is_forbidden()
    {
        var client = await SignInAsync("structure:grand-geneve/annemasse");
        var geneva = await app.StructureAsync("grand-geneve", "geneve");
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/gestion/structures/{annemasse.Id}")).StatusCode);
        var other = await client.GetAsync($"/gestion/structures/{geneva.Id}");
        Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);
        Assert.DoesNotContain($"/gestion/structures/{geneva.Id}\"", await client.PageTextAsync("/gestion/structures"));
    }
}
