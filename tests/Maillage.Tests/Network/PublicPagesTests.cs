using Maillage.Network;
using System.Net;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Network;

public sealed class PublicPagesTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Home_explains_free_anonymous_walk_in_and_lists_both_Cites_in_French()
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/"));
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Gratuit", html);
        Assert.Contains("Anonyme", html);
        Assert.Contains("Sans rendez-vous", html);
        Assert.Contains("Cité des métiers du Grand Genève", html);
        Assert.Contains("Cité des métiers de Marseille et de Provence-Alpes-Côte d'Azur", html);
    }

    [Fact]
    public async Task The_list_of_places_filters_by_kind_territory_and_open_now()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var client = app.CreateClient();
        var relays = WebUtility.HtmlDecode(await client.GetStringAsync("/lieux?kind=PointRelais"));
        Assert.Contains("Point relais de Gaillard", relays);
        Assert.DoesNotContain("Centre associé d'Annemasse</a>", relays);

        var ccg = await app.WithDbAsync(db => Task.FromResult(db.Territories.Single(t => t.Name == "Communauté de Communes du Genevois").Id));
        var inCcg = WebUtility.HtmlDecode(await client.GetStringAsync($"/lieux?territory={ccg}"));
        Assert.Contains("Point relais de Saint-Julien-en-Genevois", inCcg);
        Assert.Contains("Permanence CitésLab", inCcg);
        Assert.DoesNotContain("Point relais de Gaillard", inCcg);

        var open = WebUtility.HtmlDecode(await client.GetStringAsync("/lieux?open=true"));
        Assert.Contains("Cité des métiers de Marseille", open);
        Assert.DoesNotContain("Point relais de Saint-Julien-en-Genevois", open);
        // A value that makes no sense is ignored, not an error.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lieux?kind=castle&territory=abc")).StatusCode);
    }

    [Fact]
    public async Task A_place_page_shows_status_week_hours_poles_partners_accessibility_and_map_link()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/lieux/grand-geneve/annemasse"));
        Assert.Contains("Fermé, ouvre aujourd'hui à 13:30", html);
        Assert.Contains("11 avenue Émile-Zola, 74100 Annemasse", html);
        Assert.Contains("lundi 23 novembre", html); // French dates in lower case, as in the agenda (issue 19, item 8)
        Assert.DoesNotContain("Lundi 23 Novembre", html);
        Assert.Contains("13:30–17:30", html);
        Assert.Contains("09:00–12:30 et 13:30–17:30", html);
        Assert.Contains("Créer son activité", html);
        Assert.Contains("France Travail", html);
        Assert.Contains("https://www.openstreetmap.org/?mlat=46.1931&mlon=6.2339", html);
        // Internal source notes are for the staff (issue 19, item 10).
        Assert.DoesNotContain("seed 000", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_holiday_shows_as_closed_with_its_name()
    {
        // Friday 25 December 2026, 11:00 in Paris.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero));
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/lieux/marseille-paca/marseille"));
        Assert.Contains("Fermé, ouvre lundi à 10:00", html);
        Assert.Contains("Noël", html);
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
    }

    [Fact]
    public async Task English_through_the_culture_link_is_remembered_by_a_cookie()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var client = app.Browser();
        var english = WebUtility.HtmlDecode(await client.GetStringAsync("/lieux/marseille-paca/marseille?culture=en"));
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Open now, closes at 18:00", english);
        Assert.Contains("Start your own business", english);
        var next = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("<html lang=\"en\">", next);
        Assert.Contains("No appointment", next);
        var back = WebUtility.HtmlDecode(await client.GetStringAsync("/?culture=fr-FR"));
        Assert.Contains("<html lang=\"fr\">", back);
    }

    [Fact]
    public async Task Pages_stay_French_whatever_the_browser_says_while_the_API_honours_Accept_Language()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        Assert.Contains("<html lang=\"fr\">", await client.GetStringAsync("/"));
        var response = await client.GetAsync("/api/v1/structures?kind=castle");
        Assert.Contains("Unknown kind", await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        var french = await client.GetAsync("/api/v1/structures?kind=castle");
        Assert.Contains("inconnu", WebUtility.HtmlDecode(await french.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_unknown_culture_keeps_French_and_says_so()
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/?culture=xx-YY"));
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("La langue « xx-YY » n'est pas disponible", html);
    }

    [Fact]
    public async Task Unknown_place_is_a_404_page_and_legal_pages_exist()
    {
        var client = app.CreateClient();
        var missing = await client.GetAsync("/lieux/grand-geneve/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page introuvable", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
        var statement = WebUtility.HtmlDecode(await client.GetStringAsync("/accessibilite"));
        foreach (var part in new[] { "État de conformité", "partiellement conforme", "Contenus non accessibles", "Voies de recours", "Défenseur des droits" })
            Assert.Contains(part, statement);
        Assert.Contains("anonyme", WebUtility.HtmlDecode(await client.GetStringAsync("/confidentialite")));
    }
}
