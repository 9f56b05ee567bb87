using AngleSharp.Html.Parser;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Platform;

/// <summary>The staff menu is made of what the modules registered, and shows each person only what their roles open.</summary>
public sealed class MenuTests : IAsyncLifetime
{
    private readonly MaillageApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<string>> MenuOfAsync(StaffRole role, string scope)
    {
        var client = await _app.SignedInAsync(await _app.CreateStaffAsync(role, scope));
        var html = await client.GetStringAsync("/gestion");
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelectorAll("nav.main-nav a").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Fact]
    public async Task Given_a_reception_agent_When_opening_the_back_office_Then_the_menu_offers_reception_and_check_in_only()
    {
        var links = await MenuOfAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/saint-julien-en-genevois");
        Assert.Equal(["/gestion", "/gestion/accueil", "/gestion/agenda/emargement", "/gestion/statistiques", "/gestion/compte"], links);
    }

    [Fact]
    public async Task Given_a_funder_When_opening_the_back_office_Then_the_menu_offers_the_figures_and_nothing_to_manage()
    {
        var links = await MenuOfAsync(StaffRole.Funder, "cite:grand-geneve");
        Assert.Equal(["/gestion", "/gestion/statistiques", "/gestion/agenda/bilans", "/gestion/compte"], links);
    }

    [Fact]
    public async Task Given_an_administrator_When_opening_the_back_office_Then_every_group_shows_in_order()
    {
        var links = await MenuOfAsync(StaffRole.Administrator, "cite:grand-geneve");
        Assert.Equal(["/gestion", "/gestion/accueil", "/gestion/agenda", "/gestion/agenda/emargement", "/gestion/statistiques", "/gestion/agenda/bilans",
            "/gestion/structures", "/gestion/partenaires", "/gestion/territoires", "/gestion/utilisateurs", "/gestion/journal", "/gestion/compte"], links);
    }
}
