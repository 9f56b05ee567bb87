using System.Text.Json.Nodes;
using Maillage.Platform.Identity;
using Maillage.Visits.Categories;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maillage.Visits.Statistics;

/// <summary>
/// <c>GET /api/v1/stats/visits?from=&amp;to=&amp;structure=&amp;kind=&amp;groupBy=pole,publicStatus</c>:
/// <c>{total, rows: [{pole: [...], publicStatus: "jobSeeker", count}]}</c>, rows adding up to the total.
/// </summary>
internal static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stats/visits", async Task<Ok<JsonObject>> (string? from, string? to, int? structure, string? cite, string? kind, string? groupBy,
                StatsAccess access, VisitStatistics statistics, Platform.Data.MaillageDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var dimensions = StatsPublication.ParseGroupBy(groupBy);
                var (start, end) = StatsPublication.ParsePeriod(from, to, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
                VisitKind? kindFilter = null;
                if (!string.IsNullOrEmpty(kind))
                {
                    if (!CategoryText.TryParse<VisitKind>(kind, out var k))
                        throw new Platform.Errors.RuleViolation("kind", new("kind vaut visit ou interview.", "kind is visit or interview."));
                    kindFilter = k;
                }
                var scope = await access.ResolveAsync(structure, ct);
                if (!string.IsNullOrEmpty(cite)) scope = await access.WithinCiteAsync(scope, cite, db, ct);
                if (scope.Protected)
                {
                    if (dimensions.Contains(StatDimension.Day)) throw StatsPublication.NoDaysForFunders("groupBy");
                    (start, end) = StatsPublication.WholeWeeks(start, end);
                }
                var table = await statistics.CountAsync(new StatsQuery(scope.CiteIds, scope.StructureIds, start, end, dimensions, kindFilter), ct);
                var shown = StatsPublication.Show(table, scope.Protected, access.Threshold);
                var names = (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var rows = new JsonArray();
                foreach (var row in shown.Rows)
                {
                    var o = new JsonObject();
                    for (var i = 0; i < names.Length; i++) o[names[i]] = System.Text.Json.JsonSerializer.SerializeToNode(dimensions[i].ApiValue(row.Values[i]));
                    o["count"] = row.Count;
                    if (row.Count is null) o["suppressed"] = true;
                    rows.Add(o);
                }
                return TypedResults.Ok(new JsonObject
                {
                    ["from"] = start.ToString("yyyy-MM-dd"),
                    ["to"] = end.ToString("yyyy-MM-dd"),
                    ["total"] = shown.Total,
                    ["protected"] = shown.Protected,
                    ["suppressed"] = shown.Hidden,
                    ["source"] = table.Source,
                    ["rows"] = rows,
                });
            })
            .RequireAuthorization(Policies.Staff)
            .WithTags("Visits")
            .WithName("VisitStatistics")
            .WithSummary("Counts visits by the dimensions asked for; rows add up to total.")
            .WithDescription("groupBy: any of " + string.Join(", ", StatDimensions.ByName.Keys) + " (pole = needs: each combination of needs is one row, " +
                             "so a visit with two needs is counted once). from/to: yyyy-MM-dd, inclusive (default: this month). structure: one structure " +
                             "(default: all you may read). cite: the slug of one Cité of your scope (default: all of them; another Cité: 403). kind: visit or interview. Funders read through disclosure control: cells under the threshold and " +
                             "the cells hidden to protect them have count null and suppressed true. 422 names a bad parameter; 403 a structure out of scope.");
        return api;
    }
}
