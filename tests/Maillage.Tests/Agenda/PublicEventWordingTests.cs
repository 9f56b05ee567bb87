using Maillage.Agenda;
using AngleSharp.Html.Parser;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda;

/// <summary>Issue 19, item 8, on the public agenda: real plurals, the event's language by name, in both languages.</summary>
public sealed class PublicEventWordingTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Given_an_event_in_German_with_one_seat_Then_its_pages_say_1_place_disponible_and_allemand_not_place_s_and_DE()
    {
        var e = await app.EventAsync(capacity: 1, title: "Zoom métier en allemand");
        await app.WithDbAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "de")));
        var parser = new HtmlParser();

        var french = app.Browser();
        var page = await parser.ParseDocumentAsync(await french.GetStringAsync($"/agenda/{e.Id}"));
        var facts = page.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("allemand", facts["Langue"]);
        Assert.StartsWith("1 disponible sur 1", facts["Places"]);
        var list = await french.PageTextAsync("/agenda?type=tradeZoom");
        Assert.Contains("1 place disponible<", list);
        Assert.DoesNotContain("(s)", list);
        Assert.Matches(@"\d+ actions?<", list);

        var english = app.Browser();
        var pageEn = await parser.ParseDocumentAsync(await english.GetStringAsync($"/agenda/{e.Id}?culture=en"));
        var factsEn = pageEn.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("German", factsEn["Language"]);
        Assert.StartsWith("1 left of 1", factsEn["Seats"]);
        Assert.Contains("1 seat left<", await english.PageTextAsync("/agenda?type=tradeZoom"));
    }
}
