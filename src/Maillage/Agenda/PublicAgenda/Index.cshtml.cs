using Maillage.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Agenda.PublicAgenda;

[AllowAnonymous]
public sealed class IndexModel(EventQueries queries) : PageModel
{
    public string? From { get; private set; }
    public string? To { get; private set; }
    public int? Structure { get; private set; }
    public int? Territory { get; private set; }
    public string? Type { get; private set; }
    public string? Theme { get; private set; }
    public bool PlacesLeft { get; private set; }
    public bool Calendar { get; private set; }
    public IReadOnlyList<EventRow> Events { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Structures { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Territories { get; private set; } = [];
    public string? FilterError { get; private set; }
    public string Query => Request.QueryString.HasValue ? Request.QueryString.Value!.TrimStart('?') : "";

    public async Task OnGetAsync(string? from, string? to, int? structure, int? territory, string? type, string? theme, bool? placesLeft, string? vue, CancellationToken ct)
    {
        (From, To, Structure, Territory, Type, Theme, PlacesLeft, Calendar) = (from, to, structure, territory, type, theme, placesLeft ?? false, vue == "calendrier");
        EventFilter filter;
        try { filter = EventFilter.Parse(from, to, structure, territory, type, theme, null, placesLeft); }
        catch (RuleViolation rule) { FilterError = rule.Text; filter = new EventFilter(); }
        Events = await queries.ListAsync(filter, ct);
        Structures = await queries.StructuresWithEventsAsync(ct);
        Territories = await queries.TerritoriesAsync(ct);
    }

    public static string Api(Enum value) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
