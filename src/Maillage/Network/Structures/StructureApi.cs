using Maillage.Network.OpeningHours;
using Maillage.Network.Places;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maillage.Network.Structures;

/// <summary><c>GET /api/v1/structures</c> and <c>GET /api/v1/structures/{id}</c>: the public network.</summary>
internal static class StructureApi
{
    public static RouteGroupBuilder MapStructureApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/structures").WithTags("Network").AllowAnonymous();
        group.MapGet("/", async (PlaceQueries places, string? cite, string? kind, int? territory, bool? openNow, CancellationToken ct) =>
            {
                var list = await places.ListAsync(new PlaceFilter(cite, ParseKind(kind), territory, openNow ?? false), ct);
                return TypedResults.Ok(list.Select(r => StructureDto.From(r.Structure, r.Status)).ToList());
            })
            .WithName("ListStructures")
            .WithSummary("The places of the network: kind, address, territory, poles, opening hours and whether each is open now.");
        group.MapGet("/{id:int}", async Task<Results<Ok<StructureDto>, ProblemHttpResult>> (int id, PlaceQueries places, CancellationToken ct) =>
            {
                var s = await places.FindAsync(id, ct);
                return s is null
                    ? TypedResults.Problem(statusCode: 404, title: $"No structure has the id {id}.")
                    : TypedResults.Ok(StructureDto.From(s, places.StatusOf(s)));
            })
            .WithName("GetStructure")
            .WithSummary("One place of the network.");
        return api;
    }

    /// <summary>Kinds travel in camelCase (pointRelais); any casing is accepted, anything else is named in the error.</summary>
    private static StructureKind? ParseKind(string? kind) =>
        string.IsNullOrWhiteSpace(kind) ? null
        : Enum.TryParse<StructureKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _) ? k
        : throw new Platform.Errors.RuleViolation("kind", new(
            $"Type de lieu « {kind} » inconnu : site, centreAssocie, pointRelais ou permanence.",
            $"Unknown kind \"{kind}\": site, centreAssocie, pointRelais or permanence."), StatusCodes.Status400BadRequest);
}

internal sealed record StructureDto(
    int Id, string Cite, StructureKind Kind, string Name, string Url, StructureStatus Status,
    AddressDto Address, TerritoryDto? Territory, IReadOnlyList<PoleDto> Poles,
    OpeningHoursDto OpeningHours, OpenNowDto OpenNow, string? Accessibility, string? Phone, string? Email, int? ParentId, string? Operator)
{
    public static StructureDto From(Structure s, OpeningStatus status) => new(
        s.Id, s.Cite.Slug, s.Kind, s.Name, $"/lieux/{s.Cite.Slug}/{s.Slug}", s.Status,
        new AddressDto(s.Street, s.PostalCode, s.City, s.Country, s.Latitude, s.Longitude),
        s.Commune is null ? null : new TerritoryDto(s.Commune.Name, s.Commune.Code, s.Commune.Parent?.Name, s.Commune.Parent?.Kind, s.Qpv?.Name),
        s.Poles.OrderBy(p => p.Order).Select(p => new PoleDto(p.Id, p.Name, p.NameEn)).ToList(),
        new OpeningHoursDto(
            s.TimeZoneId,
            s.Holidays,
            s.WeeklyHours.OrderBy(r => ((int)r.Day + 6) % 7).ThenBy(r => r.Opens)
                .Select(r => new WeeklyRangeDto(r.Day, r.Opens.ToString("HH:mm"), r.Closes.ToString("HH:mm"))).ToList(),
            s.Exceptions.OrderBy(e => e.Date).Select(e => new ExceptionDto(e.Date, e.Closed, e.Opens?.ToString("HH:mm"), e.Closes?.ToString("HH:mm"), e.Reason)).ToList()),
        new OpenNowDto(status.IsOpen, status.ClosesAt, status.NextOpensAt),
        s.Accessibility, s.Phone, s.Email, s.ParentId, s.Operator);
}

internal sealed record AddressDto(string? Street, string? PostalCode, string? City, string Country, double? Latitude, double? Longitude);
internal sealed record TerritoryDto(string Commune, string? CommuneCode, string? Epci, TerritoryKind? EpciKind, string? Qpv);
internal sealed record PoleDto(int Id, string Name, string? NameEn);
internal sealed record OpeningHoursDto(string TimeZone, HolidayCalendar PublicHolidays, IReadOnlyList<WeeklyRangeDto> Weekly, IReadOnlyList<ExceptionDto> Exceptions);
internal sealed record WeeklyRangeDto(DayOfWeek Day, string Opens, string Closes);
internal sealed record ExceptionDto(DateOnly Date, bool Closed, string? Opens, string? Closes, string? Reason);
internal sealed record OpenNowDto(bool IsOpen, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpensAt);
