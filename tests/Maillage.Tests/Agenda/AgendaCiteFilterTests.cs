using System.Net;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Agenda;

/// <summary>The public agenda's Cité filter (issue 19, item 11): the list, the feeds, the widget and its embed code.</summary>
public sealed class AgendaCiteFilterTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Given_a_Cite_Then_the_list_the_feeds_the_widget_and_its_embed_code_keep_to_its_events()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var geneva = await app.EventAsync(title: $"Genève {tag}", startsIn: TimeSpan.FromDays(4));
        var marseille = await app.EventAsync(structure: "marseille", cite: "marseille-paca", title: $"Marseille {tag}", startsIn: TimeSpan.FromDays(3));
        var client = app.CreateClient();

        async Task<string> Get(string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));
        foreach (var path in new[] { "/agenda?cite=grand-geneve", "/agenda/widget?cite=grand-geneve&max=50", "/agenda/flux.atom?cite=grand-geneve", "/api/v1/agenda.ics?cite=grand-geneve", "/api/v1/events?cite=grand-geneve" })
        {
            var body = await Get(path);
            Assert.True(body.Contains(geneva.Title), $"{path} lacks the Geneva event.");
            Assert.False(body.Contains(marseille.Title), $"{path} shows the Marseille event.");
        }
        Assert.Contains(marseille.Title, await Get("/agenda"));
        Assert.Contains(marseille.Title, await Get("/agenda/widget?max=50"));
        // The widget's link to the whole agenda keeps the Cité; an unknown Cité has no event (not an error).
        Assert.Contains("/agenda?cite=grand-geneve\">Tout l'agenda", await Get("/agenda/widget?cite=grand-geneve"));
        Assert.DoesNotContain(geneva.Title, await Get("/agenda?cite=atlantide"));
        // The page remembers the filter: the Cité is selected, and the feeds' and views' links carry it.
        var page = await Get("/agenda?cite=grand-geneve");
        Assert.Contains("<option value=\"grand-geneve\" selected=\"selected\">", page);
        Assert.Contains("href=\"/api/v1/agenda.ics?cite=grand-geneve\"", page);
        Assert.Contains("href=\"/agenda?cite=grand-geneve&vue=calendrier\"", page);
        Assert.Contains("href=\"/agenda/widget-partenaires?cite=grand-geneve\"", page);

        // The embed code names the Cité chosen on the widget page.
        var embed = await Get("/agenda/widget-partenaires?cite=grand-geneve");
        Assert.Contains("/agenda/widget?max=5&cite=grand-geneve\"", embed);
        Assert.Contains("title=\"Agenda — Cité des métiers du Grand Genève\"", embed);
        Assert.Contains("/agenda/widget?max=5\"", await Get("/agenda/widget-partenaires"));
    }
}
