using Maillage.Platform.Indicators;

namespace Maillage.Tests.Platform.Indicators;

public sealed class DisclosureControlTests
{
    /// <summary>
    /// What an attacker can work out from a published table: every equation the table satisfies (rows add up
    /// to their totals, columns to theirs, totals to the grand total), the published values substituted, solved
    /// by Gaussian elimination. Returns the hidden values that are determined, with the value found.
    /// </summary>
    private static Dictionary<string, double> Recompute(PublishedTable t)
    {
        var unknowns = new List<(string Name, Func<bool> Hidden, long Value)>();
        int R = t.RowCount, C = t.ColumnCount;
        for (var r = 0; r < R; r++) for (var c = 0; c < C; c++) { var (rr, cc) = (r, c); unknowns.Add(($"cell {r},{c}", () => t.HiddenCells[rr, cc], t.Cells[r, c])); }
        for (var r = 0; r < R; r++) { var rr = r; unknowns.Add(($"row total {r}", () => t.HasRowTotals && t.HiddenRowTotals[rr], t.RowTotals[r])); }
        for (var c = 0; c < C; c++) { var cc = c; unknowns.Add(($"column total {c}", () => t.HiddenColumnTotals[cc], t.ColumnTotals[c])); }
        unknowns.Add(("total", () => t.HiddenTotal, t.Total));
        int Cell(int r, int c) => r * C + c;
        int RowTotal(int r) => R * C + r;
        int ColumnTotal(int c) => R * C + R + c;
        var total = R * C + R + C;
        var equations = new List<double[]>();
        double[] Equation(IEnumerable<(int Index, double Sign)> terms) { var e = new double[unknowns.Count]; foreach (var (i, s) in terms) e[i] += s; return e; }
        for (var c = 0; c < C; c++) equations.Add(Equation(Enumerable.Range(0, R).Select(r => (Cell(r, c), 1.0)).Append((ColumnTotal(c), -1))));
        equations.Add(Equation(Enumerable.Range(0, C).Select(c => (ColumnTotal(c), 1.0)).Append((total, -1))));
        if (t.HasRowTotals)
        {
            for (var r = 0; r < R; r++) equations.Add(Equation(Enumerable.Range(0, C).Select(c => (Cell(r, c), 1.0)).Append((RowTotal(r), -1))));
            equations.Add(Equation(Enumerable.Range(0, R).Select(r => (RowTotal(r), 1.0)).Append((total, -1))));
        }
        var hidden = unknowns.Select((u, i) => (u, i)).Where(x => x.u.Hidden()).Select(x => x.i).ToList();
        // Move the published values to the right-hand side: A x = b over the hidden values only.
        var rows = equations.Select(e => hidden.Select(h => e[h]).Append(-unknowns.Select((u, i) => u.Hidden() ? 0 : e[i] * u.Value).Sum()).ToArray()).ToList();
        var pivotOf = new Dictionary<int, int>();
        var rank = 0;
        for (var col = 0; col < hidden.Count && rank < rows.Count; col++)
        {
            var pivot = Enumerable.Range(rank, rows.Count - rank).FirstOrDefault(r => Math.Abs(rows[r][col]) > 1e-9, -1);
            if (pivot < 0) continue;
            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            var p = rows[rank][col];
            for (var k = 0; k < rows[rank].Length; k++) rows[rank][k] /= p;
            for (var r = 0; r < rows.Count; r++)
            {
                if (r == rank || Math.Abs(rows[r][col]) < 1e-12) continue;
                var f = rows[r][col];
                for (var k = 0; k < rows[r].Length; k++) rows[r][k] -= f * rows[rank][k];
            }
            pivotOf[col] = rank++;
        }
        // A hidden value is determined when its reduced row names it alone.
        var found = new Dictionary<string, double>();
        foreach (var (col, row) in pivotOf)
            if (Enumerable.Range(0, hidden.Count).All(k => k == col || Math.Abs(rows[row][k]) < 1e-9))
                found[unknowns[hidden[col]].Name] = rows[row][^1];
        return found;
    }

    [Fact]
    public void Given_one_small_cell_in_a_two_way_table_When_published_Then_it_and_enough_others_are_hidden_and_nothing_can_be_recomputed_from_the_totals()
    {
        var table = new PublishedTable(new long[,] { { 30, 3, 25 }, { 40, 22, 18 }, { 12, 35, 9 } });
        DisclosureControl.Protect(table, 5);
        Assert.True(table.HiddenCells[0, 1]);
        Assert.False(table.HiddenTotal);
        // Without secondary suppression the 3 is row total − 30 − 25: the attack would find it.
        Assert.True(table.HiddenCells.Cast<bool>().Count(h => h) >= 4);
        Assert.Empty(Recompute(table));

        var naive = new PublishedTable(new long[,] { { 30, 3, 25 }, { 40, 22, 18 }, { 12, 35, 9 } });
        naive.HiddenCells[0, 1] = true;
        Assert.Equal(3, Recompute(naive)["cell 0,1"], 6);
    }

    [Fact]
    public void Given_a_small_row_total_When_published_Then_the_total_is_hidden_and_protected_too()
    {
        var table = new PublishedTable(new long[,] { { 2, 1, 0 }, { 40, 22, 18 }, { 12, 35, 9 }, { 7, 8, 6 } });
        DisclosureControl.Protect(table, 5);
        Assert.True(table.HiddenRowTotals[0]);
        Assert.True(table.HiddenCells[0, 0] && table.HiddenCells[0, 1]);
        Assert.Empty(Recompute(table));
    }

    [Fact]
    public void Given_a_one_way_table_with_one_small_cell_When_published_Then_a_second_cell_is_hidden()
    {
        var table = new PublishedTable(new long[,] { { 120 }, { 2 }, { 48 }, { 31 } });
        DisclosureControl.Protect(table, 5);
        Assert.True(table.HiddenCells[1, 0]);
        Assert.True(table.HiddenCells[3, 0]); // the smallest other cell
        Assert.False(table.HiddenCells[0, 0] || table.HiddenCells[2, 0]);
        Assert.Empty(Recompute(table));
    }

    [Fact]
    public void Given_the_threshold_is_configurable_When_it_is_ten_Then_cells_under_ten_are_hidden()
    {
        var table = new PublishedTable(new long[,] { { 120 }, { 7 }, { 48 }, { 9 } });
        DisclosureControl.Protect(table, 10);
        Assert.True(table.HiddenCells[1, 0] && table.HiddenCells[3, 0]);
        var five = DisclosureControl.Protect(new PublishedTable(new long[,] { { 120 }, { 7 }, { 48 }, { 9 } }), 5);
        Assert.False(five.AnyHidden);
    }

    [Fact]
    public void Given_many_random_tables_When_published_Then_every_small_count_is_hidden_and_no_hidden_value_can_be_recomputed()
    {
        var random = new Random(11);
        for (var n = 0; n < 300; n++)
        {
            int rows = random.Next(1, 7), columns = random.Next(1, 6);
            var cells = new long[rows, columns];
            for (var r = 0; r < rows; r++) for (var c = 0; c < columns; c++) cells[r, c] = random.Next(4) == 0 ? random.Next(0, 5) : random.Next(0, 60);
            var table = DisclosureControl.Protect(new PublishedTable(cells, hasRowTotals: columns > 1), 5);
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < columns; c++)
                    if (cells[r, c] is > 0 and < 5) Assert.True(table.HiddenCells[r, c], $"table {n}: cell {r},{c} = {cells[r, c]} shown");
            if (table.HasRowTotals)
                for (var r = 0; r < rows; r++)
                    if (table.RowTotals[r] is > 0 and < 5) Assert.True(table.HiddenRowTotals[r]);
            var leaked = Recompute(table);
            Assert.True(leaked.Count == 0, $"table {n}: {string.Join(", ", leaked.Keys)} recomputed");
        }
    }

    // People counted per day (and per part): what a source's exact count over any period would give.
    private static Func<IndicatorQuery, Task<IReadOnlyList<IndicatorValue>>> Days(Dictionary<DateOnly, (int A, int B)> people) => q =>
    {
        var (a, b) = (0, 0);
        foreach (var (day, (x, y)) in people) if (q.Covers(day)) { a += x; b += y; }
        return Task.FromResult<IReadOnlyList<IndicatorValue>>([new IndicatorValue("people", a + b, new Dictionary<string, decimal> { ["a"] = a, ["b"] = b })]);
    };

    private static async Task<IndicatorValue> GuardedAsync(Dictionary<DateOnly, (int A, int B)> people, DateOnly from, DateOnly to, bool fixedPeriod = true)
    {
        var query = new IndicatorQuery(1, from, to, DisclosureControl: true, FixedPeriod: fixedPeriod);
        var exact = Days(people);
        return Assert.Single(await DisclosureControl.GuardPartMonthsAsync(query, 5, await exact(query), new HashSet<string> { "people" }, exact));
    }

    [Fact]
    public async Task Given_a_convention_year_ending_on_9_May_When_its_days_of_May_or_the_rest_of_May_hold_a_few_people_Then_the_figure_is_hidden()
    {
        DateOnly D(int month, int day) => new(2023, month, day);
        var (from, to) = (D(1, 1), D(5, 9));
        Dictionary<DateOnly, (int, int)> Year(params (DateOnly Day, int A, int B)[] more)
        {
            var days = new Dictionary<DateOnly, (int, int)> { [D(2, 10)] = (20, 20), [D(4, 3)] = (10, 10) };
            foreach (var (day, a, b) in more) days[day] = (a, b);
            return days;
        }

        // January–April (a reader's whole months) holds 60; the 9 days of May 2 more: 62 against 60 would give them away.
        var inside = await GuardedAsync(Year((D(5, 4), 1, 1)), from, to);
        Assert.True(inside.Suppressed);
        Assert.Equal(0, inside.Value);
        // Nobody in those 9 days but 3 later in May: 60 against January–May's 63 would give those 3 away.
        var outside = await GuardedAsync(Year((D(5, 20), 2, 1)), from, to);
        Assert.True(outside.Suppressed);
        // 10 in the 9 days (5 of each part) and none after: every difference is 0 or at least 5, the figure is shown exact.
        var shown = await GuardedAsync(Year((D(5, 4), 5, 5)), from, to);
        Assert.False(shown.Suppressed);
        Assert.Equal(70, shown.Value);
        Assert.Null(shown.SuppressedParts);
        // A part alone at risk (part « a » 6 against « b » 1 in those days): every part hidden, the total kept.
        var part = await GuardedAsync(Year((D(5, 4), 6, 1)), from, to);
        Assert.False(part.Suppressed);
        Assert.Equal(67, part.Value);
        Assert.Equal(["a", "b"], part.SuppressedParts!.Order());
        Assert.All(part.Parts!.Values, v => Assert.Equal(0, v));
        // A period of whole months, and a period the reader chose (refused elsewhere when not whole months), are left as they are.
        Assert.False((await GuardedAsync(Year((D(5, 4), 1, 1)), D(1, 1), D(5, 31))).Suppressed);
        Assert.False((await GuardedAsync(Year((D(5, 4), 1, 1)), from, to, fixedPeriod: false)).Suppressed);
        // A period inside one month (from the 3rd to the 20th): no whole month inside, the month around it is the reference.
        Assert.True((await GuardedAsync(new() { [D(3, 10)] = (10, 10), [D(3, 25)] = (1, 0) }, D(3, 3), D(3, 20))).Suppressed);
    }
}
