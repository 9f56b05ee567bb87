using System.Net;
using System.Text;
using System.Xml.Linq;
using Maillage.Agenda.PublicAgenda;
using Maillage.Agenda.Registrations;

namespace Maillage.Agenda.Feeds;

/// <summary>The Atom feed and the embeddable widget (an HTML fragment partners paste into their site).</summary>
internal static class FeedEndpoints
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapAgendaFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/agenda/flux.atom", async (EventQueries queries, AgendaMail mail, string? from, string? to, int? structure, int? territory, string? type, string? theme, bool? placesLeft, string? cite, CancellationToken ct) =>
            {
                var rows = await queries.ListAsync(EventFilter.Parse(from, to, structure, territory, type, theme, null, placesLeft, cite), ct);
                var feed = new XElement(Atom + "feed",
                    new XElement(Atom + "title", "Agenda des actions collectives — Cités des métiers"),
                    new XElement(Atom + "id", $"{mail.BaseUrl}/agenda"),
                    new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", $"{mail.BaseUrl}/agenda")),
                    new XElement(Atom + "updated", (rows.Select(r => r.Event.PublishedAt ?? r.Event.CreatedAt).DefaultIfEmpty(queries.Now).Max()).ToString("yyyy-MM-dd'T'HH:mm:ssK")),
                    new XElement(Atom + "author", new XElement(Atom + "name", "Maillage")),
                    rows.Select(r => new XElement(Atom + "entry",
                        new XElement(Atom + "title", r.Event.Title),
                        new XElement(Atom + "id", $"{mail.BaseUrl}/agenda/{r.Event.Id}"),
                        new XElement(Atom + "link", new XAttribute("href", $"{mail.BaseUrl}/agenda/{r.Event.Id}")),
                        new XElement(Atom + "updated", (r.Event.PublishedAt ?? r.Event.CreatedAt).ToString("yyyy-MM-dd'T'HH:mm:ssK")),
                        new XElement(Atom + "summary", $"{AgendaText.When(r.Event)} — {AgendaText.Place(r.Event)}. {r.Event.Description}"))));
                return TypedResults.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).ToString(), "application/atom+xml; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();

        // The widget: plain HTML with inline styles only (no script), to paste or to load in an iframe.
        // Item 11 of issue 19: the widget takes the Cité too (cite=grand-geneve), and its "whole agenda" link keeps it.
        app.MapGet("/agenda/widget", async (EventQueries queries, AgendaMail mail, int? structure, int? territory, string? type, int? max, string? cite, CancellationToken ct) =>
            {
                var filter = EventFilter.Parse(null, null, structure, territory, type, null, cite: cite);
                var rows = (await queries.PageAsync(filter, 1, Math.Clamp(max ?? 5, 1, 50), ct)).Rows;
                var html = new StringBuilder("<section class=\"maillage-agenda\" style=\"font-family:sans-serif\"><h2>Agenda des Cités des métiers</h2><ul>");
                foreach (var r in rows)
                    html.Append($"<li><a href=\"{mail.BaseUrl}/agenda/{r.Event.Id}\">{WebUtility.HtmlEncode(r.Event.Title)}</a><br><small>{WebUtility.HtmlEncode(AgendaText.When(r.Event))} — {WebUtility.HtmlEncode(AgendaText.Place(r.Event))}</small></li>");
                var all = filter.Cite is null ? "/agenda" : $"/agenda?cite={Uri.EscapeDataString(filter.Cite)}";
                html.Append($"</ul><p><a href=\"{mail.BaseUrl}{all}\">Tout l'agenda</a></p></section>");
                return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
