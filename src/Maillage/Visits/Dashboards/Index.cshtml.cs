using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Platform.Web;
using Maillage.Visits.Categories;
using Maillage.Visits.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Visits.Dashboards;

/// <summary>
/// The attendance dashboard of the structures the person may read: a period compared with the one before
/// and the same one a year earlier, by every dimension, charts and tables, exports. Staff of the structures
/// read exact counts; a funder reads them through disclosure control.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(StatsAccess access, DashboardBuilder builder, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? Structure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? By { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rows { get; set; }
    [BindProperty(SupportsGet = true)] public string? Columns { get; set; }

    public IReadOnlyList<StatsAccess.Readable> Structures { get; private set; } = [];
    public Dashboard? Dashboard { get; private set; }
    public static readonly string[] Granularities = ["day", "week", "month", "year"];

    /// <summary>Whether the figures are a funder's (disclosure control): no day grouping is offered then.</summary>
    public bool Protected { get; private set; }

    /// <summary>The groupings offered: by day only to those who see exact figures (docs/disclosure-control.md).</summary>
    public IEnumerable<string> OfferedGranularities => Protected ? Granularities.Where(g => g != "day") : Granularities;
    public static readonly string[] Formats = ["csv", "xlsx", "ods"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Structures = await access.StructuresAsync(ct);
        if (Structures.Count == 0) return Forbid();
        ModelState.LocalizeBindingErrors();
        try
        {
            Dashboard = await BuildAsync(ct);
        }
        catch (RuleViolation rule) when (rule.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }
        catch (RuleViolation rule)
        {
            ModelState.AddModelError(char.ToUpperInvariant(rule.Field[0]) + rule.Field[1..], rule.Text);
        }
        return Page();
    }

    /// <summary>One table (or all, as sheets) in CSV, XLSX or ODS, through the shared spreadsheet component.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, string? table, CancellationToken ct)
    {
        if (!SpreadsheetFile.TryParseFormat(format, out var f)) return BadRequest();
        Structures = await access.StructuresAsync(ct);
        if (Structures.Count == 0) return Forbid();
        Dashboard dashboard;
        try
        {
            dashboard = await BuildAsync(ct);
        }
        catch (RuleViolation rule)
        {
            return rule.Status == StatusCodes.Status403Forbidden ? Forbid() : BadRequest();
        }
        var scope = Structure is { } one ? Structures.First(s => s.Id == one).Name
            : Platform.Localization.Text.T($"toutes vos structures ({Structures.Count})", $"all your structures ({Structures.Count})");
        var extracted = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var title = Platform.Localization.Text.T($"Fréquentation — {scope} — {dashboard.Period.Label} — extrait le {Period.Range(extracted, extracted)}",
            $"Attendance — {scope} — {dashboard.Period.Label} — extracted on {Period.Range(extracted, extracted)}");
        var sheets = dashboard.Sheets(table, title);
        if (sheets.Count == 0) return NotFound();
        return SpreadsheetFile.DownloadPage(f, $"frequentation-{dashboard.Period.From:yyyy-MM-dd}-{dashboard.Period.To:yyyy-MM-dd}{(table is null ? "" : "-" + table)}", [.. sheets]);
    }

    private async Task<Dashboard> BuildAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (from, to) = DefaultPeriod(today);
        var scope = await access.ResolveAsync(Structure, ct);
        Protected = scope.Protected;
        VisitKind? kind = null;
        if (!string.IsNullOrEmpty(Kind))
        {
            if (!CategoryText.TryParse<VisitKind>(Kind, out var k)) throw new RuleViolation("kind", new("Type inconnu.", "Unknown kind."));
            kind = k;
        }
        if (scope.Protected) (from, to) = FunderWeeks(from, to, today); // funders: whole weeks, never a day alone
        var granularity = By is null ? (to.DayNumber - from.DayNumber > 62 ? StatDimension.Month : scope.Protected ? StatDimension.Week : StatDimension.Day)
            : Granularities.Contains(By) ? StatDimensions.ByName[By]
            : throw new RuleViolation("by", new("Période de regroupement inconnue.", "Unknown period grouping."));
        if (scope.Protected && granularity == StatDimension.Day) throw StatsPublication.NoDaysForFunders("by");
        if (granularity == StatDimension.Day && to.DayNumber - from.DayNumber > 366)
            throw new RuleViolation("by", new("Par jour : au plus un an.", "By day: a year at most."));
        var rows = Dimension(Rows, StatDimension.Needs, "rows");
        var columns = Dimension(Columns, StatDimension.PublicStatus, "columns");
        if (rows == columns) throw new RuleViolation("columns", new("Choisissez deux dimensions différentes.", "Choose two different dimensions."));
        return await builder.BuildAsync(new DashboardRequest(new Period(from, to), scope.CiteIds, scope.StructureIds, scope.Protected, access.Threshold,
            kind, granularity, rows, columns, DashboardBuilder.AllBreakdowns), ct);
    }

    /// <summary>
    /// The period asked for; by default the last complete month. A period reaching past today ends today (a month or a
    /// year to date), so that it is compared with the same span of the period before, never with a whole one.
    /// </summary>
    private (DateOnly From, DateOnly To) DefaultPeriod(DateOnly today)
    {
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var (from, to) = From is null && To is null
            ? (lastMonth, lastMonth.AddMonths(1).AddDays(-1))
            : StatsPublication.ParsePeriod(From, To, today);
        return (from, from <= today && to > today ? today : to);
    }

    /// <summary>A funder's period widened to whole weeks, ending with the last whole week already past when it would reach beyond today.</summary>
    internal static (DateOnly From, DateOnly To) FunderWeeks(DateOnly from, DateOnly to, DateOnly today)
    {
        (from, to) = StatsPublication.WholeWeeks(from, to);
        var lastSunday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 1);
        if (to > lastSunday && from <= lastSunday) to = lastSunday;
        return (from, to);
    }

    private static StatDimension Dimension(string? name, StatDimension fallback, string field) =>
        name is null ? fallback
        : StatDimensions.ByName.TryGetValue(name, out var d) && DashboardBuilder.AllBreakdowns.Contains(d) ? d
        : throw new RuleViolation(field, new("Dimension inconnue.", "Unknown dimension."));

    /// <summary>The current filters plus the handler and format of an export link.</summary>
    public string ExportUrl(string format, string? table) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["handler"] = "Export", ["format"] = format, ["table"] = table, ["from"] = Dashboard?.Period.From.ToString("yyyy-MM-dd"), ["to"] = Dashboard?.Period.To.ToString("yyyy-MM-dd"),
            ["structure"] = Structure?.ToString(), ["kind"] = Kind, ["by"] = By, ["rows"] = Rows, ["columns"] = Columns,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
