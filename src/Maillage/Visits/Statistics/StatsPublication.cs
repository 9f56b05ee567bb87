using Maillage.Platform.Indicators;
using System.Globalization;
using Maillage.Platform.Errors;

namespace Maillage.Visits.Statistics;

/// <summary>A row as shown: its count, or null when disclosure control hides it.</summary>
internal sealed record ShownRow(int[] Values, long? Count);

/// <summary>A counted table as shown to its reader: exact, or protected by disclosure control.</summary>
internal sealed record ShownTable(IReadOnlyList<StatDimension> GroupBy, IReadOnlyList<ShownRow> Rows, long? Total, int Hidden, bool Protected);

internal static class StatsPublication
{
    /// <summary>Exact for the staff of the structures; otherwise the flat rows are laid out as a table
    /// (the last dimension as columns, the others as rows) and protected with its totals.</summary>
    public static ShownTable Show(StatsTable table, bool protect, int threshold)
    {
        if (!protect)
            return new ShownTable(table.GroupBy, table.Rows.Select(r => new ShownRow(r.Values, r.Count)).ToList(), table.Total, 0, false);
        if (table.GroupBy.Count == 0)
            return new ShownTable(table.GroupBy, [], table.Total is > 0 and var t && t < threshold ? null : table.Total, 0, true);

        var rowKeys = table.Rows.Select(r => RowKey(r.Values)).Distinct().ToList();
        var columnKeys = table.Rows.Select(r => r.Values[^1]).Distinct().Order().ToList();
        var twoWay = table.GroupBy.Count > 1;
        if (!twoWay) { rowKeys = [""]; }
        var rowIndex = rowKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var columnIndex = columnKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        // One-way: the values are the rows of a single column.
        var cells = twoWay ? new long[rowKeys.Count, columnKeys.Count] : new long[columnKeys.Count, 1];
        foreach (var r in table.Rows)
        {
            if (twoWay) cells[rowIndex[RowKey(r.Values)], columnIndex[r.Values[^1]]] = r.Count;
            else cells[columnIndex[r.Values[^1]], 0] = r.Count;
        }
        var published = DisclosureControl.Protect(new PublishedTable(cells, hasRowTotals: twoWay), threshold);
        var rows = table.Rows.Select(r =>
        {
            var hidden = twoWay ? published.HiddenCells[rowIndex[RowKey(r.Values)], columnIndex[r.Values[^1]]] : published.HiddenCells[columnIndex[r.Values[^1]], 0];
            return new ShownRow(r.Values, hidden ? null : r.Count);
        }).ToList();
        return new ShownTable(table.GroupBy, rows, published.HiddenTotal ? null : table.Total, rows.Count(r => r.Count is null), true);
    }

    private static string RowKey(int[] values) => string.Join(",", values[..^1]);

    /// <summary>Reads <c>groupBy=pole,publicStatus</c>; an unknown name is a 422 naming <c>groupBy</c>.</summary>
    public static IReadOnlyList<StatDimension> ParseGroupBy(string? groupBy)
    {
        var names = (groupBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dimensions = new List<StatDimension>();
        foreach (var name in names)
        {
            if (!StatDimensions.ByName.TryGetValue(name, out var d))
                throw new RuleViolation("groupBy", new($"Regroupement inconnu « {name} ». Possibles : {string.Join(", ", StatDimensions.ByName.Keys)}.",
                    $"Unknown grouping \"{name}\". Known: {string.Join(", ", StatDimensions.ByName.Keys)}."));
            if (dimensions.Contains(d))
                throw new RuleViolation("groupBy", new($"« {name} » est demandé deux fois.", $"\"{name}\" is asked for twice."));
            dimensions.Add(d);
        }
        if (dimensions.Count > 4)
            throw new RuleViolation("groupBy", new("Au plus 4 regroupements.", "At most 4 groupings."));
        return dimensions;
    }

    /// <summary>Reads a day (yyyy-MM-dd); a bad one is a 422 naming the parameter.</summary>
    public static DateOnly? ParseDay(string? value, string field)
    {
        return DateInput.Parse(value, field, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// What a protected reader (a funder) reads: whole weeks, Monday to Sunday, the period widened to them, and never a
    /// day alone. Two periods then differ by whole weeks at least, so suppressed daily figures cannot be worked out by
    /// subtracting one period from another (docs/disclosure-control.md).
    /// </summary>
    public static (DateOnly From, DateOnly To) WholeWeeks(DateOnly from, DateOnly to) =>
        (from.AddDays(-(((int)from.DayOfWeek + 6) % 7)), to.AddDays((7 - (int)to.DayOfWeek) % 7));

    /// <summary>The refusal of a grouping by day to a protected reader, naming <paramref name="field"/>.</summary>
    public static RuleViolation NoDaysForFunders(string field) =>
        new(field, new("Les financeurs lisent des semaines entières au plus fin : regroupez par semaine, mois ou année.",
            "Funders read whole weeks at the finest: group by week, month or year."));

    /// <summary>The period asked for, by default the current month until today.</summary>
    public static (DateOnly From, DateOnly To) ParsePeriod(string? from, string? to, DateOnly today)
    {
        var end = ParseDay(to, "to") ?? today;
        var start = ParseDay(from, "from") ?? new DateOnly(end.Year, end.Month, 1);
        if (start > end)
            throw new RuleViolation("to", new("La fin de la période précède son début.", "The end of the period is before its start."));
        if (end.DayNumber - start.DayNumber > 366 * 30)
            throw new RuleViolation("from", new("Une période couvre au plus 30 ans.", "A period covers at most 30 years."));
        return (start, end);
    }
}
