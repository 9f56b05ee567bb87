using Maillage.Platform.Indicators;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;
using Maillage.Visits.Categories;
using Maillage.Visits.Statistics;
using Microsoft.EntityFrameworkCore;
using static Maillage.Platform.Localization.Text;

namespace Maillage.Visits.Dashboards;

/// <summary>One line of a dashboard table: a category and its counts in the period and the two compared (null: hidden).</summary>
internal sealed record DashboardRow(string Label, long? Current, long? Previous, long? LastYear);

/// <summary>A one-way table: one dimension, the period and its two comparisons.</summary>
internal sealed record DashboardTable(string Key, string Title, string Heading, IReadOnlyList<DashboardRow> Rows, DashboardRow Total);

/// <summary>A two-way table (rows × columns) of the period with its totals; null marks a hidden cell.</summary>
internal sealed record CrossTable(string Key, string Title, string RowHeading, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels,
    long?[,] Cells, long?[] RowTotals, long?[] ColumnTotals, long? Total);

internal sealed record DashboardRequest(Period Period, IReadOnlyCollection<int> CiteIds, IReadOnlyCollection<int> StructureIds, bool Protected, int Threshold,
    VisitKind? Kind, StatDimension Granularity, StatDimension CrossRows, StatDimension CrossColumns, IReadOnlyList<StatDimension> Breakdowns);

internal sealed record Dashboard(DashboardRequest Request, DashboardTable Totals, DashboardTable Series, IReadOnlyList<DashboardTable> Breakdowns, CrossTable Cross)
{
    public Period Period => Request.Period;
    public bool Protected => Request.Protected;

    public IEnumerable<DashboardTable> Tables => new[] { Totals, Series }.Concat(Breakdowns);

    /// <summary>Every table as a sheet for the spreadsheet component; hidden cells read "secret".</summary>
    /// <param name="title">The title row of each sheet in XLSX and ODS (scope, period, date of extraction).</param>
    public IReadOnlyList<Sheet> Sheets(string? only = null, string? title = null)
    {
        var hidden = T("secret", "suppressed");
        object? Cell(long? v) => v is null ? hidden : v.Value;
        // Each period once: a year's "previous period" is the year before, not a second column of it.
        var sheets = Tables.Where(t => only is null || t.Key == only).Select(t => new Sheet(Truncate(t.Title),
            [t.Heading, .. PeriodLabels(t.Key != "series")],
            t.Rows.Append(t.Total).Select(r => (IReadOnlyList<object?>)[r.Label, .. Values(r, t.Key != "series").Select(Cell)]).ToList(), title)).ToList();
        if (only is null || only == Cross.Key)
        {
            var rows = new List<IReadOnlyList<object?>>();
            for (var r = 0; r < Cross.RowLabels.Count; r++)
                rows.Add([Cross.RowLabels[r], .. Enumerable.Range(0, Cross.ColumnLabels.Count).Select(c => Cell(Cross.Cells[r, c])), Cell(Cross.RowTotals[r])]);
            rows.Add([T("Total", "Total"), .. Cross.ColumnTotals.Select(Cell), Cell(Cross.Total)]);
            sheets.Add(new Sheet(Truncate(Cross.Title), [Cross.RowHeading, .. Cross.ColumnLabels, T("Total", "Total")], rows, title));
        }
        return sheets;
    }

    /// <summary>The column headings of a table's figures: the period, then each period compared once.</summary>
    public IReadOnlyList<string> PeriodLabels(bool compare) => compare ? [Period.Label, .. Period.Comparisons().Select(p => p.Label)] : [Period.Label];

    /// <summary>A row's figures in the order of <see cref="PeriodLabels"/>.</summary>
    public IReadOnlyList<long?> Values(DashboardRow r, bool compare) =>
        !compare ? [r.Current] : Period.ComparesLastYearApart ? [r.Current, r.Previous, r.LastYear] : [r.Current, r.Previous];

    // Spreadsheet sheet names: at most 31 characters, none of []:*?/\
    private static string Truncate(string title)
    {
        var clean = new string(title.Where(c => !"[]:*?/\\".Contains(c)).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }
}

/// <summary>Builds dashboards from <see cref="VisitStatistics"/>, through disclosure control when the reader is not staff of every structure.</summary>
internal sealed class DashboardBuilder(VisitStatistics statistics, MaillageDb db)
{
    public static readonly StatDimension[] AllBreakdowns =
    [
        StatDimension.Structure, StatDimension.Needs, StatDimension.Partner, StatDimension.PublicStatus, StatDimension.AgeBracket,
        StatDimension.Gender, StatDimension.Residence, StatDimension.Channel, StatDimension.Services, StatDimension.FirstVisit,
    ];

    public async Task<Dashboard> BuildAsync(DashboardRequest request, CancellationToken ct = default)
    {
        var names = await NamesAsync(request.CiteIds, ct);
        var totals = await OneWayAsync(request, StatDimension.Kind, names, ct);
        var series = await SeriesAsync(request, names, ct);
        var breakdowns = new List<DashboardTable>();
        foreach (var d in request.Breakdowns) breakdowns.Add(await OneWayAsync(request, d, names, ct));
        var cross = await CrossAsync(request, names, ct);
        return new Dashboard(request, totals with { Title = T("Fréquentation totale", "Total attendance") }, series, breakdowns, cross);
    }

    private sealed record Names(Dictionary<int, string> Structures, Dictionary<int, string> Partners, Dictionary<int, string> Territories);

    private async Task<Names> NamesAsync(IReadOnlyCollection<int> cites, CancellationToken ct) => new(
        await db.Structures.AsNoTracking().Where(s => cites.Contains(s.CiteId)).ToDictionaryAsync(s => s.Id, s => s.Name, ct),
        await db.Partners.AsNoTracking().Where(p => cites.Contains(p.CiteId)).ToDictionaryAsync(p => p.Id, p => p.Name, ct),
        await db.Territories.AsNoTracking().Where(t => cites.Contains(t.CiteId)).ToDictionaryAsync(t => t.Id, t => t.Name, ct));

    private static string Label(StatDimension d, int value, Names names) => d switch
    {
        StatDimension.Structure => names.Structures.GetValueOrDefault(value) ?? $"#{value}",
        StatDimension.Partner => value == 0 ? T("Sans partenaire", "No partner") : names.Partners.GetValueOrDefault(value) ?? $"#{value}",
        StatDimension.Residence when value > 0 => names.Territories.GetValueOrDefault(value) ?? $"#{value}",
        _ => d.Label(value),
    };

    private async Task<ShownTable> CountAsync(DashboardRequest r, Period p, IReadOnlyList<StatDimension> groupBy, CancellationToken ct) =>
        StatsPublication.Show(await statistics.CountAsync(new StatsQuery(r.CiteIds, r.StructureIds, p.From, p.To, groupBy, r.Kind), ct), r.Protected, r.Threshold);

    private async Task<DashboardTable> OneWayAsync(DashboardRequest r, StatDimension d, Names names, CancellationToken ct)
    {
        var current = await CountAsync(r, r.Period, [d], ct);
        var previous = await CountAsync(r, r.Period.Previous(), [d], ct);
        var lastYear = await CountAsync(r, r.Period.LastYear(), [d], ct);
        static Dictionary<int, long?> ByValue(ShownTable t) => t.Rows.ToDictionary(row => row.Values[0], row => row.Count);
        var (c, p, y) = (ByValue(current), ByValue(previous), ByValue(lastYear));
        var values = c.Keys.Union(p.Keys).Union(y.Keys).Order();
        var rows = values.Select(v => new DashboardRow(Label(d, v, names), Get(c, v), Get(p, v), Get(y, v)))
            .OrderByDescending(row => d == StatDimension.Structure || d == StatDimension.Needs || d == StatDimension.Partner ? row.Current ?? -1 : 0).ToList();
        // "Not stated" (no need, no service chosen) is a line of its own, last, never spread over the others.
        if (d is StatDimension.Needs or StatDimension.Services && values.Contains(0))
        {
            var notStated = rows.Single(row => row.Label == Label(d, 0, names));
            rows.Remove(notStated);
            rows.Add(notStated);
        }
        return new DashboardTable(Key(d), d.Title(), d.Title(), rows, new DashboardRow(T("Total", "Total"), current.Total, previous.Total, lastYear.Total));
    }

    // A category absent from a period counted no visit there: a true zero, which discloses no one.
    private static long? Get(Dictionary<int, long?> counts, int value) => counts.TryGetValue(value, out var v) ? v : 0;

    private async Task<DashboardTable> SeriesAsync(DashboardRequest r, Names names, CancellationToken ct)
    {
        var current = await CountAsync(r, r.Period, [r.Granularity], ct);
        var rows = current.Rows.Select(row => new DashboardRow(Label(r.Granularity, row.Values[0], names), row.Count, null, null)).ToList();
        return new DashboardTable("series", T($"Fréquentation par {r.Granularity.Title().ToString().ToLowerInvariant()}", $"Attendance by {r.Granularity.Title().ToString().ToLowerInvariant()}"),
            r.Granularity.Title(), rows, new DashboardRow(T("Total", "Total"), current.Total, null, null));
    }

    private async Task<CrossTable> CrossAsync(DashboardRequest r, Names names, CancellationToken ct)
    {
        var table = await statistics.CountAsync(new StatsQuery(r.CiteIds, r.StructureIds, r.Period.From, r.Period.To, [r.CrossRows, r.CrossColumns], r.Kind), ct);
        var rowValues = table.Rows.Select(x => x.Values[0]).Distinct().Order().ToList();
        var columnValues = table.Rows.Select(x => x.Values[1]).Distinct().Order().ToList();
        var cells = new long[rowValues.Count, columnValues.Count];
        foreach (var x in table.Rows) cells[rowValues.IndexOf(x.Values[0]), columnValues.IndexOf(x.Values[1])] = x.Count;
        var published = new PublishedTable(cells);
        if (r.Protected) DisclosureControl.Protect(published, r.Threshold);
        var shown = new long?[rowValues.Count, columnValues.Count];
        for (var i = 0; i < rowValues.Count; i++)
            for (var j = 0; j < columnValues.Count; j++) shown[i, j] = published.HiddenCells[i, j] ? null : cells[i, j];
        return new CrossTable("cross", T($"{r.CrossRows.Title()} × {r.CrossColumns.Title()}", $"{r.CrossRows.Title()} × {r.CrossColumns.Title()}"), r.CrossRows.Title(),
            rowValues.Select(v => Label(r.CrossRows, v, names)).ToList(), columnValues.Select(v => Label(r.CrossColumns, v, names)).ToList(), shown,
            published.RowTotals.Select((t, i) => published.HiddenRowTotals[i] ? null : (long?)t).ToArray(),
            published.ColumnTotals.Select((t, i) => published.HiddenColumnTotals[i] ? null : (long?)t).ToArray(),
            published.HiddenTotal ? null : published.Total);
    }

    public static string Key(StatDimension d) => StatDimensions.ByName.First(n => n.Value == d).Key;
}

/// <summary>What the table partial shows: a table, whether with its comparisons, and how to link its exports (none on public pages).</summary>
/// <param name="CountHeading">The heading of the single count column when there is no comparison (default: the period's name).</param>
internal sealed record DashboardTableView(Dashboard Dashboard, DashboardTable Table, bool Compare, Func<string, string?, string>? ExportUrl, string? CountHeading = null)
{
    /// <summary>The table as the platform's chart and figures: the period charted, each period compared as one more column, headed by its name.</summary>
    internal Maillage.Platform.Web.FiguresChart Figures => new(
        $"t-{Table.Key}-chart", Table.Title, Table.Heading, !Compare && CountHeading is not null ? [CountHeading] : Dashboard.PeriodLabels(Compare),
        Table.Rows.Select(Row).ToList(), Row(Table.Total), T("Aucune visite sur la période.", "No visit in the period."));

    private Maillage.Platform.Web.FiguresRow Row(DashboardRow r) => new(r.Label, Dashboard.Values(r, Compare));
}

internal sealed record CrossTableView(CrossTable Table, Func<string, string?, string>? ExportUrl);
