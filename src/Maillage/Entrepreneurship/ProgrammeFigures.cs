using Maillage.Platform.Data;
using Maillage.Platform.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship;

/// <summary>A programme's indicators for a year through the platform's indicators, against its targets, with the projection to year end.</summary>
public sealed class ProgrammeFigures(MaillageDb db, Platform.Indicators.Indicators indicators, TimeProvider clock)
{
    public sealed record Row(IndicatorDefinition Definition, IndicatorValue Value, decimal? Target, decimal? Projection);
    public sealed record Year(DateOnly From, DateOnly To, IReadOnlyList<Row> Rows);

    public static readonly string[] Names =
    [
        EntrepreneurshipIndicators.Sensitised, EntrepreneurshipIndicators.Received, EntrepreneurshipIndicators.Accompanied,
        EntrepreneurshipIndicators.Referred, EntrepreneurshipIndicators.Created, EntrepreneurshipIndicators.QpvShare,
    ];

    public async Task<Year> YearAsync(int programmeId, int year, int? territory, CancellationToken ct = default)
    {
        var programme = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Include(p => p.Targets).SingleAsync(p => p.Id == programmeId, ct);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var values = await indicators.ComputeAsync(Names, programme.CiteId, from, to, territoryIds: territory is { } t ? [t] : null, ct: ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The current year's counts projected at the pace so far; past years are final, percentages are not projected.
        decimal? Project(IndicatorDefinition d, decimal value) =>
            d.Unit == IndicatorUnit.Count && today.Year == year && today.DayOfYear > 0
                ? Math.Round(value * (DateTime.IsLeapYear(year) ? 366 : 365) / today.DayOfYear, 0) : null;
        return new Year(from, to, [.. values.Select(v =>
        {
            var d = indicators.Find(v.Name)!;
            return new Row(d, v, programme.Targets.FirstOrDefault(x => x.Year == year && x.Indicator == v.Name)?.Value, Project(d, v.Value));
        })]);
    }
}
