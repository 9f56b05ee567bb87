using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Reports;

/// <summary>
/// The agenda's report: figures per event and per period, grouped by structure, territory, organiser
/// or type, as accessible tables, and as CSV, XLSX or ODS (<c>?format=</c>). For coordinators,
/// administrators and funders of a scope; no personal data.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(MaillageDb db, AgendaReports reports, StaffAccess access, TimeProvider clock) : PageModel
{
    public sealed record Choice(int Id, string Name);

    public ReportRequest Input { get; private set; } = new();
    [FromQuery(Name = "format")] public string? Format { get; set; }

    public AgendaReport? Report { get; private set; }
    public ReportFilter Filter { get; private set; } = null!;
    public IReadOnlyList<Choice> Structures { get; private set; } = [];
    public IReadOnlyList<Choice> Territories { get; private set; } = [];
    public IReadOnlyList<Choice> Organisers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] ReportRequest input, CancellationToken ct)
    {
        Input = input;
        if (!await access.HasRoleAsync(AgendaReports.ReaderRoles)) return Forbid();
        var scope = await reports.ScopeAsync();
        await LoadChoicesAsync(scope, ct);
        ModelState.LocalizeBindingErrors();
        Filter = reports.ThisYear();
        if (!ModelState.IsValid) return Page();
        try
        {
            Filter = Input.ToFilter(reports.ThisYear());
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, "");
            return Page();
        }
        SpreadsheetFormat format = default;
        if (Format is not null && !SpreadsheetFile.TryParseFormat(Format, out format))
            return BadRequest();
        Report = await reports.BuildAsync(Filter, scope, ct);
        if (Format is null) return Page();
        var scopeName = Filter.StructureId is { } one ? Structures.FirstOrDefault(s => s.Id == one)?.Name : null;
        var title = ReportSheets.Title(Filter, scopeName, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return SpreadsheetFile.DownloadPage(format, ReportSheets.FileName(Filter), ReportSheets.Build(Report, title));
    }

    /// <summary>The query string of the current report with another value (export links, grouping links).</summary>
    public string Link(string key, string? value)
    {
        var query = Request.Query.Where(q => q.Key != key && q.Key != "format" && q.Key != "culture")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        if (value is not null) query.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}");
        return "/gestion/agenda/bilans" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    private async Task LoadChoicesAsync(ReportScope scope, CancellationToken ct)
    {
        var cites = scope.Cites is null ? await db.Cites.Select(c => c.Id).ToArrayAsync(ct)
            : scope.Cites.Concat(await db.Structures.Where(s => scope.Structures.Contains(s.Id)).Select(s => s.CiteId).ToListAsync(ct)).Distinct().ToArray();
        var structures = db.Structures.AsNoTracking().Where(s => cites.Contains(s.CiteId));
        if (scope.Cites is not null && scope.Cites.Length == 0) structures = structures.Where(s => scope.Structures.Contains(s.Id));
        Structures = await structures.OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        Territories = await db.Territories.AsNoTracking().Where(t => cites.Contains(t.CiteId) && t.Kind != Network.TerritoryKind.Qpv)
            .OrderBy(t => t.Kind == Network.TerritoryKind.Commune).ThenBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        Organisers = await db.Partners.AsNoTracking().Where(p => cites.Contains(p.CiteId))
            .OrderBy(p => p.Name).Select(p => new Choice(p.Id, p.Name)).ToListAsync(ct);
    }
}
