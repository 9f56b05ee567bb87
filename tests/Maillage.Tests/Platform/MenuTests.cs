using AngleSharp.Html.Parser;
using Maillage.Platform.Identity;
using System.Net;
using Maillage.Network;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        var menu = document.QuerySelectorAll("nav.main-nav a").Select(a => a.GetAttribute("href")!).ToList();
        // The dashboard offers the same entries (but itself), grouped as in the menu.
        Assert.Equal(menu.Where(h => h != "/gestion"), document.QuerySelectorAll(".dashboard-tasks a").Select(a => a.GetAttribute("href")!));
        return menu;
    }

    [Fact]
    public async Task Given_a_counsellor_of_a_partner_alone_Then_the_attendance_figures_are_neither_offered_nor_opened()
    {
        var academie = await _app.WithDbAsync(db => db.Partners.Where(p => p.Name == "Académie d'Aix-Marseille").Select(p => p.Id).SingleAsync());
        var user = await _app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{academie}");
        var client = await _app.SignedInAsync(user);
        var menu = new HtmlParser().ParseDocument(await client.GetStringAsync("/gestion")).QuerySelectorAll("nav.main-nav a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.DoesNotContain("/gestion/statistiques", menu);
        Assert.Contains("/gestion/salles", menu); // a partner named by the Marseille rooms may ask for one
        var refused = await client.GetAsync("/gestion/statistiques");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true,
            $"{refused.StatusCode} {refused.Headers.Location}");
        // The same role on a structure reads its structure's figures.
        var onStructure = await _app.SignedInAsync(await _app.CreateStaffAsync(StaffRole.Counsellor, "structure:grand-geneve/annemasse"));
        Assert.Equal(HttpStatusCode.OK, (await onStructure.GetAsync("/gestion/statistiques")).StatusCode);
    }

    [Fact]
    public async Task Given_a_reception_agent_When_opening_the_back_office_Then_the_menu_offers_reception_and_check_in_only()
    {
        var links = await MenuOfAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/saint-julien-en-genevois");
        // Rooms (issue 20): the Cité's staff may book a room.
        Assert.Equal(["/gestion", "/gestion/accueil", "/gestion/agenda/emargement", "/gestion/statistiques", "/gestion/salles", "/gestion/compte"], links);
    }

    [Fact]
    public async Task Given_a_funder_When_opening_the_back_office_Then_the_menu_offers_the_figures_and_nothing_to_manage()
    {
        var links = await MenuOfAsync(StaffRole.Funder, "cite:grand-geneve");
        Assert.Equal(["/gestion", "/gestion/statistiques", "/gestion/agenda/bilans", "/gestion/conventions", "/gestion/compte"], links);
    }

    /// <summary>Issue 19 item 1: a menu entry imposes its policy on its page, so a link shown is a page the same decision opens.</summary>
    [Fact]
    public async Task Every_menu_entry_s_page_demands_the_policy_that_shows_the_entry()
    {
        using var client = _app.CreateClient();
        var menu = _app.Services.GetRequiredService<Maillage.Platform.Modules.Menu>();
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(menu.All.Count >= 11);
        foreach (var entry in menu.All)
        {
            var page = endpoints.Single(e => "/" + e.RoutePattern.RawText!.Trim('/') == entry.Href && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null);
            Assert.Contains(entry.Policy, page.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy));
        }
        // And the policy refuses what the menu hides: a funder asking for the reception screen's list.
        var funder = await _app.SignedInAsAsync(StaffRole.Funder, "cite:grand-geneve");
        var refused = await funder.GetAsync("/gestion/accueil");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true,
            $"{refused.StatusCode} {refused.Headers.Location}");
    }

    [Theory]
    [InlineData(StaffRole.ReceptionAgent, "structure:grand-geneve/saint-julien-en-genevois", "/gestion/accueil?reprendre=1")]
    [InlineData(StaffRole.EventOrganiser, "cite:grand-geneve", "/gestion/agenda")]
    [InlineData(StaffRole.Funder, "partner:grand-geneve/Communauté de Communes du Genevois", "/gestion/conventions")] // issue 21 item 11: the conventions it funds
    [InlineData(StaffRole.Coordinator, "cite:grand-geneve", "/gestion")]
    [InlineData(StaffRole.Counsellor, "structure:grand-geneve/annemasse", "/gestion")] // logging interviews and their duties: both in the menu
    public async Task Given_a_role_When_signing_in_Then_it_lands_on_its_main_task(StaffRole role, string scope, string landing)
    {
        var user = await _app.CreateStaffAsync(role, scope);
        var client = _app.Browser();
        var signIn = await client.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = MaillageApp.Password });
        Assert.Equal("/gestion/depart", signIn.Headers.Location?.OriginalString);
        var start = await client.GetAsync("/gestion/depart");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal(landing, start.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Given_an_agent_of_a_relay_and_its_antenna_Then_the_reception_resumes_its_own_structure_then_the_one_used_last_on_the_device()
    {
        var saintJulien = await _app.StructureAsync("grand-geneve", "saint-julien-en-genevois");
        var antenna = await _app.WithDbAsync(db => db.Structures.IgnoreQueryFilters().FirstAsync(s => s.ParentId == saintJulien.Id));
        var client = await _app.SignedInAsAsync(StaffRole.ReceptionAgent, $"structure:{saintJulien.Id}");
        // Two structures: the plain list offers both; resuming goes to the one the role names.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/gestion/accueil")).StatusCode);
        Assert.Equal($"/gestion/accueil/{saintJulien.Id}", (await client.GetAsync("/gestion/accueil?reprendre=1")).Headers.Location?.OriginalString);
        // Once the antenna's screen was used on this device, resuming goes there.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/gestion/accueil/{antenna.Id}")).StatusCode);
        Assert.Equal($"/gestion/accueil/{antenna.Id}", (await client.GetAsync("/gestion/accueil?reprendre=1")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Given_an_administrator_When_opening_the_back_office_Then_every_group_shows_in_order()
    {
        var links = await MenuOfAsync(StaffRole.Administrator, "cite:grand-geneve");
        Assert.Equal(["/gestion", "/gestion/accueil", "/gestion/agenda", "/gestion/agenda/emargement",
            "/gestion/indicateurs", // the platform's indicators (issue 21, item 8)
            "/gestion/statistiques", "/gestion/agenda/bilans",
            "/gestion/planning/valorisation", // the roster's valuation of contributions (issue 20, item 4)
            "/gestion/structures", "/gestion/partenaires", "/gestion/territoires", "/gestion/planning", "/gestion/salles", "/gestion/salles/demandes",
            "/gestion/conventions", // the Cité's conventions (issue 21)
            "/gestion/instances", // the bodies of the Cité (issue 22)
            "/gestion/utilisateurs", "/gestion/journal",
            "/gestion/cites/logo", // the Cité's logo on its documents (issue 21)
            "/gestion/compte"], links);
    }
}
