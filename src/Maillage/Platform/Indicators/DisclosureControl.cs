using Maillage.Platform.Errors;

namespace Maillage.Platform.Indicators;

/// <summary>
/// A two-way table as published: interior cells, row totals, column totals and the grand total.
/// A one-way table has one column and publishes no row totals (they would repeat the cells).
/// </summary>
public sealed class PublishedTable
{
    public long[,] Cells { get; }
    public long[] RowTotals { get; }
    public long[] ColumnTotals { get; }
    public long Total { get; }
    public bool[,] HiddenCells { get; }
    public bool[] HiddenRowTotals { get; }
    public bool[] HiddenColumnTotals { get; }
    public bool HiddenTotal { get; set; }
    /// <summary>False for a one-way table: row totals are not shown.</summary>
    public bool HasRowTotals { get; }

    public int RowCount => Cells.GetLength(0);
    public int ColumnCount => Cells.GetLength(1);

    public PublishedTable(long[,] cells, bool hasRowTotals = true)
    {
        Cells = cells;
        HasRowTotals = hasRowTotals && cells.GetLength(1) > 1;
        RowTotals = new long[RowCount];
        ColumnTotals = new long[ColumnCount];
        for (var r = 0; r < RowCount; r++)
            for (var c = 0; c < ColumnCount; c++) { RowTotals[r] += cells[r, c]; ColumnTotals[c] += cells[r, c]; Total += cells[r, c]; }
        HiddenCells = new bool[RowCount, ColumnCount];
        HiddenRowTotals = new bool[RowCount];
        HiddenColumnTotals = new bool[ColumnCount];
    }

    public bool AnyHidden => HiddenTotal || HiddenCells.Cast<bool>().Any(h => h) || HiddenRowTotals.Any(h => h) || HiddenColumnTotals.Any(h => h);
}

/// <summary>
/// Statistical disclosure control of published and funder-facing tables (docs/disclosure-control.md): one algorithm
/// for every module whose figures count people (the visits' tables and indicators, the CitésLab indicators).
///
/// <b>Primary suppression</b>: a cell or a total counting between 1 and <c>threshold - 1</c> people (visits, project holders) is hidden.
/// <b>Secondary suppression</b>: further cells are hidden until no hidden value can be recomputed from the
/// published ones. The table's additivity (each row adds up to its row total, each column to its column total,
/// the totals to the grand total) is a graph: one vertex per line (row or column, the total line included),
/// one edge per cell joining its row and its column. Published values pin their edges; a hidden value is
/// determined by the others exactly when its edge is a <em>bridge</em> of the graph of hidden cells — when it
/// lies on no cycle, an alternating ±1 along the cycle changes no total. So we hide cells until no hidden cell
/// is a bridge, choosing each time the smallest cell that closes a cycle through the exposed one.
/// A one-way table has a single line (the column) and a free end (no row totals): two hidden cells suffice.
/// </summary>
public static class DisclosureControl
{
    public const int DefaultThreshold = 5;

    /// <summary>
    /// A protected reader compares periods of whole months at the finest: a figure hidden in one period must not be worked
    /// out as the difference of two periods a few days apart. Otherwise a 422 naming <c>from</c> or <c>to</c>.
    /// </summary>
    public static void RequireWholeMonths(DateOnly from, DateOnly to)
    {
        if (from.Day != 1)
            throw new RuleViolation("from", new("Sous secret statistique, une période commence un premier du mois.", "Under disclosure control, a period starts on the first of a month."));
        if (to.AddDays(1).Day != 1)
            throw new RuleViolation("to", new("Sous secret statistique, une période finit le dernier jour d'un mois.", "Under disclosure control, a period ends on the last day of a month."));
    }

    /// <summary>Whether a period runs from the first day of a month to the last day of a month.</summary>
    public static bool IsWholeMonths(DateOnly from, DateOnly to) => from.Day == 1 && to.AddDays(1).Day == 1;

    /// <summary>
    /// A period fixed by a signed document (<see cref="IndicatorQuery.FixedPeriod"/>) that does not run over whole months
    /// — a convention's first or last year, « à compter du 1er septembre », « jusqu'au 9 mai » — sits beside the
    /// whole-month periods a protected reader may ask for, and differs from them by two sets of days: those of its part
    /// months inside it (the period less the whole months it contains) and those outside it (the whole months around it
    /// less the period). A count of people — <paramref name="counted"/>, each value and each of its parts — is shown
    /// only when both differences are 0 or at least the threshold; otherwise it is hidden as a small count would be (a
    /// part so found hides every part of its value, so that none is recomputed from the total). <paramref name="exact"/>
    /// computes the same names, exact, for another period. Values already hidden stay hidden; a reader-chosen period, or
    /// one of whole months, is returned as it is.
    /// </summary>
    public static async Task<IReadOnlyList<IndicatorValue>> GuardPartMonthsAsync(IndicatorQuery query, int threshold, IReadOnlyList<IndicatorValue> shown,
        IReadOnlySet<string> counted, Func<IndicatorQuery, Task<IReadOnlyList<IndicatorValue>>> exact)
    {
        if (!query.DisclosureControl || !query.FixedPeriod || threshold <= 1 || IsWholeMonths(query.From, query.To) || !shown.Any(v => counted.Contains(v.Name)))
            return shown;
        var open = query with { DisclosureControl = false };
        var full = (await exact(open)).ToDictionary(v => v.Name);
        var outerTo = new DateOnly(query.To.Year, query.To.Month, 1).AddMonths(1).AddDays(-1);
        var outer = (await exact(open with { From = new DateOnly(query.From.Year, query.From.Month, 1), To = outerTo })).ToDictionary(v => v.Name);
        var innerFrom = query.From.Day == 1 ? query.From : new DateOnly(query.From.Year, query.From.Month, 1).AddMonths(1);
        var innerTo = query.To.AddDays(1).Day == 1 ? query.To : new DateOnly(query.To.Year, query.To.Month, 1).AddDays(-1);
        var inner = innerFrom <= innerTo ? (await exact(open with { From = innerFrom, To = innerTo })).ToDictionary(v => v.Name) : [];

        bool Small(decimal difference) => difference > 0 && difference < threshold;
        bool Risky(decimal period, decimal inside, decimal around) => Small(period - inside) || Small(around - period);
        decimal Part(IndicatorValue? v, string key) => v?.Parts?.GetValueOrDefault(key) ?? 0;

        return [.. shown.Select(v =>
        {
            if (!counted.Contains(v.Name) || v.Suppressed || !full.TryGetValue(v.Name, out var f)) return v;
            var i = inner.GetValueOrDefault(v.Name);
            var o = outer.GetValueOrDefault(v.Name);
            if (Risky(f.Value, i?.Value ?? 0, o?.Value ?? 0))
                return v with { Value = 0, Suppressed = true, Parts = v.Parts?.ToDictionary(p => p.Key, _ => 0m), SuppressedParts = v.Parts?.Keys.ToHashSet() };
            if (v.Parts is { } parts && parts.Keys.Any(k => Risky(Part(f, k), Part(i, k), Part(o, k))))
                return v with { Parts = parts.ToDictionary(p => p.Key, _ => 0m), SuppressedParts = parts.Keys.ToHashSet() };
            return v;
        })];
    }

    public static PublishedTable Protect(PublishedTable table, int threshold)
    {
        if (threshold <= 1) return table;
        if (table.Total < threshold)
        {
            // Too few people to say anything: everything but zeros is hidden.
            table.HiddenTotal = table.Total > 0;
            for (var r = 0; r < table.RowCount; r++)
            {
                table.HiddenRowTotals[r] = table.RowTotals[r] > 0;
                for (var c = 0; c < table.ColumnCount; c++) table.HiddenCells[r, c] = table.Cells[r, c] > 0;
            }
            for (var c = 0; c < table.ColumnCount; c++) table.HiddenColumnTotals[c] = table.ColumnTotals[c] > 0;
            return table;
        }
        var graph = Graph.Of(table);
        foreach (var e in graph.Edges.Where(e => e.Value > 0 && e.Value < threshold && e.Eligible)) e.Hidden = true;
        while (graph.FirstBridge() is { } bridge)
        {
            var (sideA, sideB) = graph.SidesOf(bridge);
            // Best: a cell joining the two sides puts the bridge on a cycle. Otherwise grow the exposed part.
            var complement = graph.Visible().Where(e => (sideA.Contains(e.U) && sideB.Contains(e.V)) || (sideB.Contains(e.U) && sideA.Contains(e.V)))
                                 .OrderBy(Cost).FirstOrDefault()
                             ?? graph.Visible().Where(e => sideA.Contains(e.U) || sideA.Contains(e.V) || sideB.Contains(e.U) || sideB.Contains(e.V))
                                 .OrderBy(Cost).FirstOrDefault();
            if (complement is null) break; // cannot happen while the grand total is published: it is never a bridge's only way out
            complement.Hidden = true;
        }
        graph.WriteBack(table);
        return table;
    }

    // Zeros last: hiding a zero protects less (a count cannot go below it).
    private static (bool, long) Cost(Edge e) => (e.Value == 0, e.Value);

    internal sealed class Edge(int u, int v, long value, bool eligible, Action<bool> write)
    {
        public int U { get; } = u;
        public int V { get; } = v;
        public long Value { get; } = value;
        public bool Eligible { get; } = eligible;
        public bool Hidden { get; set; }
        public void Write() => write(Hidden);
    }

    internal sealed class Graph
    {
        public List<Edge> Edges { get; } = [];

        public IEnumerable<Edge> Visible() => Edges.Where(e => !e.Hidden && e.Eligible);

        // Vertices: rows 0..R-1, the column-totals line R; columns R+1..R+C, the row-totals column R+C+1.
        // A one-way table's cells join the single column to a free vertex (no equation there).
        public static Graph Of(PublishedTable t)
        {
            var g = new Graph();
            int R = t.RowCount, C = t.ColumnCount;
            int Row(int r) => r;
            int Column(int c) => R + 1 + c;
            var totalsLine = R;
            var rowTotalsColumn = R + C + 1;
            var free = R + C + 2;
            if (t.HasRowTotals)
            {
                for (var r = 0; r < R; r++)
                    for (var c = 0; c < C; c++) { var (rr, cc) = (r, c); g.Edges.Add(new Edge(Row(r), Column(c), t.Cells[r, c], true, h => t.HiddenCells[rr, cc] = h)); }
                for (var r = 0; r < R; r++) { var rr = r; g.Edges.Add(new Edge(Row(r), rowTotalsColumn, t.RowTotals[r], true, h => t.HiddenRowTotals[rr] = h)); }
                for (var c = 0; c < C; c++) { var cc = c; g.Edges.Add(new Edge(totalsLine, Column(c), t.ColumnTotals[c], true, h => t.HiddenColumnTotals[cc] = h)); }
                g.Edges.Add(new Edge(totalsLine, rowTotalsColumn, t.Total, false, h => t.HiddenTotal = h));
            }
            else
            {
                // Each column adds up to its total; with one column, the column total is the grand total.
                for (var r = 0; r < R; r++)
                    for (var c = 0; c < C; c++) { var (rr, cc) = (r, c); g.Edges.Add(new Edge(Column(c), free, t.Cells[r, c], true, h => t.HiddenCells[rr, cc] = h)); }
                for (var c = 0; c < C; c++) { var cc = c; g.Edges.Add(new Edge(Column(c), totalsLine, t.ColumnTotals[c], C > 1, h => t.HiddenColumnTotals[cc] = h)); }
            }
            return g;
        }

        public void WriteBack(PublishedTable table)
        {
            foreach (var e in Edges) e.Write();
        }

        public Edge? FirstBridge() => Edges.FirstOrDefault(e => e.Hidden && !Reachable(e.U, e).Contains(e.V));

        public (HashSet<int>, HashSet<int>) SidesOf(Edge bridge) => (Reachable(bridge.U, bridge), Reachable(bridge.V, bridge));

        /// <summary>Vertices joined to <paramref name="start"/> by hidden cells other than <paramref name="without"/>.</summary>
        private HashSet<int> Reachable(int start, Edge without)
        {
            var seen = new HashSet<int> { start };
            var queue = new Queue<int>([start]);
            while (queue.Count > 0)
            {
                var x = queue.Dequeue();
                foreach (var e in Edges)
                {
                    if (!e.Hidden || ReferenceEquals(e, without)) continue;
                    var other = e.U == x ? e.V : e.V == x ? e.U : -1;
                    if (other >= 0 && seen.Add(other)) queue.Enqueue(other);
                }
            }
            return seen;
        }
    }
}
