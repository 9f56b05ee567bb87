using Maillage.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Maillage.Agenda.PublicAgenda;

[AllowAnonymous]
[OutputCache(PolicyName = Platform.Web.PublicCache.Policy, Tags = [AgendaModule.CacheTag])]
internal sealed class IndexModel(EventQueries queries) : PageModel
{
    public string? From { get; private set; }
    public string? To { get; private set; }
    public int? Structure { get; private set; }
    public int? Territory { get; private set; }
    public string? Type { get; private set; }
    public string? Theme { get; private set; }
    public bool PlacesLeft { get; private set; }
    public bool Calendar { get; private set; }
    /// <summary>The page shown: <see cref="EventQueries.PageSize"/> events of the filter, in date order.</summary>
    public EventPage Listing { get; private set; } = new([], 0, 1, EventQueries.PageSize);
    public IReadOnlyList<EventRow> Events => Listing.Rows;
    public IReadOnlyList<(int Id, string Name)> Structures { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Territories { get; private set; } = [];
    public string? FilterError { get; private set; }
    /// <summary>The filter's query string without the page number (for the feeds and the view links).</summary>
    public string Query => QueryString.Create(Request.Query.Where(q => q.Key != "page")).Value?.TrimStart('?') ?? "";

    /// <summary>This list with the same filter at page <paramref name="number"/>.</summary>
    public string PageUrl(int number) => $"/agenda?{(Query.Length > 0 ? Query + "&" : "")}page={number}";

    public async Task OnGetAsync(string? from, string? to, int? structure, int? territory, string? type, string? theme, bool? placesLeft, string? vue, CancellationToken ct)
    {
        (From, To, Structure, Territory, Type, Theme, PlacesLeft, Calendar) = (from, to, structure, territory, type, theme, placesLeft ?? false, vue == "calendrier");
        EventFilter filter;
        try { filter = EventFilter.Parse(from, to, structure, territory, type, theme, null, placesLeft); }
        catch (RuleViolation rule) { FilterError = rule.Text; filter = new EventFilter(); }
        // "page" is read by hand: Razor Pages reserves the route value of that name (the page's own path).
        var page = PageInput.PageOrFirst(Request.Query["page"]);
        Listing = await queries.PageAsync(filter, page, EventQueries.PageSize, ct, withCounts: false);
        Structures = await queries.StructuresWithEventsAsync(ct);
        Territories = await queries.TerritoriesAsync(ct);
    }

    public static string Api(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
