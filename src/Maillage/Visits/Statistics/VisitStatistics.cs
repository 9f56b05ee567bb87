using System.Data.Common;
using System.Text;
using Maillage.Platform.Data;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Maillage.Visits.Statistics;

/// <summary>A question: visits of some structures of some Cités between two days (inclusive), counted by dimensions.</summary>
internal sealed record StatsQuery(
    IReadOnlyCollection<int> CiteIds,
    IReadOnlyCollection<int>? StructureIds,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<StatDimension> GroupBy,
    Categories.VisitKind? Kind = null);

/// <summary>One combination of dimension values (in the order of the query) and its count.</summary>
internal sealed record StatsRow(int[] Values, long Count);

/// <summary>The answer: rows whose counts add up to <see cref="Total"/>, and where they were read from.</summary>
internal sealed record StatsTable(IReadOnlyList<StatDimension> GroupBy, IReadOnlyList<StatsRow> Rows, long Total, string Source);

/// <summary>
/// Counts visits. Whole calendar months are read from the rollups when one grouping holds every dimension
/// asked for; the days before the first and after the last whole month (and any question a rollup cannot
/// answer, e.g. by day) are counted on the visits themselves, through the (structure, quarter) index.
/// The two parts are added: the answer is the same as a GROUP BY over the visits, only faster.
/// </summary>
internal sealed class VisitStatistics(MaillageDb db, TenantContext tenant)
{
    public async Task<StatsTable> CountAsync(StatsQuery query, CancellationToken ct = default)
    {
        var cites = query.CiteIds.Where(tenant.Allows).Distinct().ToArray();
        var sums = new Dictionary<Key, long>();
        var source = "visits";
        if (cites.Length > 0 && (query.StructureIds is null || query.StructureIds.Count > 0))
        {
            var grouping = GroupingFor(query.GroupBy);
            var firstWhole = VisitRollupSchema.MonthOf(query.From) + (query.From.Day == 1 ? 0 : 1);
            var lastWhole = VisitRollupSchema.MonthOf(query.To) - (query.To.AddDays(1).Day == 1 ? 0 : 1);
            if (grouping is { } g && firstWhole <= lastWhole)
            {
                source = "rollups";
                await AddAsync(sums, RollupSql(query, cites, g, firstWhole, lastWhole), query.GroupBy.Count, ct);
                var wholeStart = VisitRollupSchema.FirstDayOf(firstWhole);
                var wholeEnd = VisitRollupSchema.FirstDayOf(lastWhole + 1);
                if (query.From < wholeStart)
                    await AddAsync(sums, VisitSql(query, cites, query.From, wholeStart), query.GroupBy.Count, ct);
                if (wholeEnd <= query.To)
                    await AddAsync(sums, VisitSql(query, cites, wholeEnd, query.To.AddDays(1)), query.GroupBy.Count, ct);
            }
            else
            {
                await AddAsync(sums, VisitSql(query, cites, query.From, query.To.AddDays(1)), query.GroupBy.Count, ct);
            }
        }
        var rows = sums.Where(s => s.Value != 0).Select(s => new StatsRow(s.Key.Values, s.Value))
            .OrderBy(r => r.Values, KeyComparer.Instance).ToList();
        return new StatsTable(query.GroupBy, rows, rows.Sum(r => r.Count), source);
    }

    /// <summary>The same answer read from the visits alone: the baseline the benchmark compares with.</summary>
    public async Task<StatsTable> CountFromVisitsAsync(StatsQuery query, CancellationToken ct = default)
    {
        var cites = query.CiteIds.Where(tenant.Allows).Distinct().ToArray();
        var sums = new Dictionary<Key, long>();
        if (cites.Length > 0)
            await AddAsync(sums, VisitSql(query, cites, query.From, query.To.AddDays(1)), query.GroupBy.Count, ct);
        var rows = sums.Select(s => new StatsRow(s.Key.Values, s.Value)).OrderBy(r => r.Values, KeyComparer.Instance).ToList();
        return new StatsTable(query.GroupBy, rows, rows.Sum(r => r.Count), "visits");
    }

    /// <summary>Groupings from the fewest rows to the most: the first that holds the dimensions is read.</summary>
    private static readonly RollupGrouping[] BySize =
        [RollupGrouping.AgeGender, RollupGrouping.Partner, RollupGrouping.Channel, RollupGrouping.Residence, RollupGrouping.NeedsByPublic, RollupGrouping.Profile];

    /// <summary>The smallest grouping holding every dimension asked for (periods and structure are in all).</summary>
    public static RollupGrouping? GroupingFor(IReadOnlyList<StatDimension> dimensions)
    {
        foreach (var g in BySize)
            if (dimensions.All(d => d.RollupSql(g) is not null)) return g;
        return null;
    }

    private bool Postgres => !db.OnSqlite;

    private string RollupSql(StatsQuery q, int[] cites, RollupGrouping g, int firstMonth, int lastMonth)
    {
        var columns = q.GroupBy.Select(d => d.RollupSql(g)!).ToList();
        var where = new StringBuilder($"\"CiteId\" IN ({string.Join(", ", cites)}) AND \"Grouping\" = {(short)g} AND \"Month\" BETWEEN {firstMonth} AND {lastMonth}");
        Filters(where, q);
        return Select(columns, "SUM(\"Count\")", "\"VisitRollups\"", where.ToString());
    }

    private string VisitSql(StatsQuery q, int[] cites, DateOnly from, DateOnly before)
    {
        var columns = q.GroupBy.Select(d => d.VisitSql(Postgres)).ToList();
        var where = new StringBuilder($"\"CiteId\" IN ({string.Join(", ", cites)}) AND \"Quarter\" >= {QuarterOf(from)} AND \"Quarter\" < {QuarterOf(before)}");
        Filters(where, q);
        return Select(columns, "COUNT(*)", "\"Visits\"", where.ToString());
    }

    public static int QuarterOf(DateOnly day) => QuarterHour.Of(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private static void Filters(StringBuilder where, StatsQuery q)
    {
        if (q.StructureIds is not null) where.Append($" AND \"StructureId\" IN ({string.Join(", ", q.StructureIds.Distinct())})");
        if (q.Kind is { } kind) where.Append($" AND \"Kind\" = {(short)kind}");
    }

    // Only integers and whitelisted column expressions are ever written into the SQL.
    private static string Select(List<string> columns, string count, string table, string where) => columns.Count == 0
        ? $"SELECT {count} FROM {table} WHERE {where}"
        : $"SELECT {string.Join(", ", columns)}, {count} FROM {table} WHERE {where} GROUP BY {string.Join(", ", columns)}";

    private async Task AddAsync(Dictionary<Key, long> sums, string sql, int width, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(width)) continue; // SUM over no row
                var values = new int[width];
                for (var i = 0; i < width; i++) values[i] = Convert.ToInt32(reader.GetValue(i));
                var key = new Key(values);
                sums[key] = sums.GetValueOrDefault(key) + Convert.ToInt64(reader.GetValue(width));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Key(int[] values) : IEquatable<Key>
    {
        public int[] Values { get; } = values;
        public bool Equals(Key? other) => other is not null && Values.AsSpan().SequenceEqual(other.Values);
        public override bool Equals(object? obj) => Equals(obj as Key);
        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var v in Values) hash.Add(v);
            return hash.ToHashCode();
        }
    }

    private sealed class KeyComparer : IComparer<int[]>
    {
        public static readonly KeyComparer Instance = new();
        public int Compare(int[]? x, int[]? y) => x!.AsSpan().SequenceCompareTo(y);
    }
}
