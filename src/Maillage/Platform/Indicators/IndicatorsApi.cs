using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Platform.Indicators;

/// <summary>
/// <c>GET /api/v1/indicators</c> (the figures) and <c>GET /api/v1/indicators/catalogue</c> (the definitions): the one door
/// of docs/indicators.md, for every module's indicators.
/// </summary>
internal static class IndicatorsApi
{
    public sealed record PartDto(string Key, string Label, decimal? Value, bool Suppressed);

    public sealed record IndicatorDto(string Name, string Label, string Unit, decimal? Value, bool Suppressed, IReadOnlyList<PartDto>? Parts);

    public sealed record DefinitionDto(string Name, string Module, string Label, string Definition, string Unit, string? Breakdown);

    public static RouteGroupBuilder MapIndicatorsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/indicators", GetAsync).Produces<IReadOnlyList<IndicatorDto>>().RequireAuthorization(Policies.Staff).WithTags("Indicators").WithName("Indicators")
            .WithSummary("Named figures of every module (docs/indicators.md) for a Cité (cite: slug or id; optional when you read one), a period "
                         + "(from, to: YYYY-MM-DD, both included; default the current year) and optionally structures (structure=ids) and territories "
                         + "(territory=ids; each counts with what lies inside it: an EPCI's communes and their QPVs). names: comma-separated, default all. "
                         + "scope=cite|structure|territory, when given, must match. Coordinators and administrators of the Cité read everything exactly; "
                         + "others what an audience grants them (e.g. a funder: its conventions' territories), visits under disclosure control "
                         + "(value null, suppressed true). 403 outside your right.");
        api.MapGet("/indicators/catalogue", (Indicators indicators) => TypedResults.Ok(indicators.Catalogue.Select(Definition).ToList()))
            .Produces<IReadOnlyList<DefinitionDto>>().RequireAuthorization(Policies.Staff).WithTags("Indicators").WithName("IndicatorCatalogue")
            .WithSummary("Every indicator: name, owning module, label, definition (what is counted, which date and place), unit and breakdown.");
        return api;
    }

    private static async Task<IResult> GetAsync([FromQuery] string? cite, [FromQuery] string? scope, [FromQuery] string[]? territory, [FromQuery] string[]? structure,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? names, IndicatorReaders readers, Indicators indicators, CancellationToken ct)
    {
        var reading = await readers.ReadAsync(cite, scope, territory ?? [], structure ?? [], from, to, names, ct);
        var values = await readers.ComputeAsync(reading, ct);
        return TypedResults.Ok(values.Select(v => Dto(v, indicators.Find(v.Name)!)).ToList());
    }

    public static string UnitName(IndicatorUnit unit) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(unit.ToString());

    private static IndicatorDto Dto(IndicatorValue v, IndicatorDefinition d) => new(v.Name, d.Label.ToString(), UnitName(d.Unit),
        v.Suppressed ? null : v.Value, v.Suppressed,
        v.Parts?.Select(p => new PartDto(p.Key, v.PartLabel(p.Key), v.IsSuppressed(p.Key) ? null : p.Value, v.IsSuppressed(p.Key))).ToList());

    private static DefinitionDto Definition(IndicatorDefinition d) =>
        new(d.Name, d.Module, d.Label.ToString(), d.Definition.ToString(), UnitName(d.Unit), d.Breakdown?.ToString());
}
