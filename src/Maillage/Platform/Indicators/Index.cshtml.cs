using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Indicators;

/// <summary>
/// The indicators of a Cité for a period and a territory (docs/indicators.md), with their definitions, as a table and as
/// CSV, XLSX or ODS (<c>?format=</c>). Read through <see cref="IndicatorReaders"/>: the same checks as the API.
/// </summary>
[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class IndexModel(IndicatorReaders readers, Indicators indicators, MaillageDb db, TimeProvider clock) : PageModel
{
    /// <summary>A territory of the select, <paramref name="Depth"/> levels under the widest (an EPCI's communes at 1, their QPVs at 2).</summary>
    public sealed record Choice(int Id, string Name, int Depth);

    public sealed record Row(IndicatorDefinition Definition, IndicatorValue Value);

    [FromQuery(Name = "cite")] public string? Cite { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "territory")] public string? Territory { get; set; }
    [FromQuery(Name = "format")] public string? Format { get; set; }

    public IReadOnlyList<(int Id, string Slug, string Name)> Cites { get; private set; } = [];
    public (int Id, string Slug, string Name)? CurrentCite { get; private set; }
    public IReadOnlyList<Choice> Territories { get; private set; } = [];
    public IndicatorReading? Reading { get; private set; }
    public DateOnly ShownFrom { get; private set; }
    public DateOnly ShownTo { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        Cites = await readers.CitesAsync(ct);
        if (Cites.Count == 0) return Forbid();
        // The Cité asked (by slug or id) among those the reader may read, else the first.
        var cite = Cites.Any(c => c.Slug == Cite || c.Id.ToString() == Cite) ? Cites.First(c => c.Slug == Cite || c.Id.ToString() == Cite) : Cites[0];
        CurrentCite = cite;
        var territories = await db.Territories.AsNoTracking().Where(t => t.CiteId == cite.Id).Select(t => new { t.Id, t.Name, t.ParentId }).ToListAsync(ct);
        Territories = Tree([.. territories.Select(t => (t.Id, t.Name, t.ParentId))]);
        (ShownFrom, ShownTo) = readers.Period(null, null);
        try
        {
            Reading = await readers.ReadAsync(cite.Slug, null, [Territory], [], From, To, null, ct);
            (ShownFrom, ShownTo) = (Reading.From, Reading.To);
            var values = await readers.ComputeAsync(Reading, ct);
            Rows = values.Select(v => new Row(indicators.Find(v.Name)!, v)).ToList();
        }
        catch (RuleViolation rule) when (rule.Status != StatusCodes.Status403Forbidden)
        {
            ModelState.AddRule(rule, "");
            Reading = null;
            return Page();
        }
        if (Format is null) return Page();
        if (!SpreadsheetFile.TryParseFormat(Format, out var format)) return BadRequest();
        return SpreadsheetFile.DownloadPage(format, $"indicateurs-{cite.Slug}-{ShownFrom:yyyyMMdd}-{ShownTo:yyyyMMdd}", Sheet(cite.Name));
    }

    /// <summary>Each territory under the one it lies in (EPCI → communes → QPVs), three no-break spaces a level.</summary>
    public static string Indent(int depth) => new('\u00a0', 3 * depth);

    /// <summary>The territories as a tree, in alphabetical order: each widest one, then what lies inside it.</summary>
    private static List<Choice> Tree(List<(int Id, string Name, int? ParentId)> all)
    {
        var order = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true);
        var ids = all.Select(t => t.Id).ToHashSet();
        var children = all.Where(t => t.ParentId is { } p && ids.Contains(p)).ToLookup(t => t.ParentId!.Value);
        var result = new List<Choice>();
        var seen = new HashSet<int>();
        void Walk(IEnumerable<(int Id, string Name, int? ParentId)> level, int depth)
        {
            foreach (var t in level.OrderBy(t => t.Name, order))
                if (seen.Add(t.Id))
                {
                    result.Add(new Choice(t.Id, t.Name, depth));
                    Walk(children[t.Id], depth + 1);
                }
        }
        Walk(all.Where(t => t.ParentId is not { } p || !ids.Contains(p)), 0);
        return result;
    }

    public string TerritoryName => Territories.FirstOrDefault(t => t.Id.ToString() == Territory?.Trim())?.Name ?? Text.T("toute la Cité", "the whole Cité");

    /// <summary>One line per indicator (its total) and one per part, with the definition: what the files hold.</summary>
    private Sheet Sheet(string citeName)
    {
        var columns = new[]
        {
            Text.T("Indicateur", "Indicator"), Text.T("Nom", "Name"), Text.T("Partie", "Part"), Text.T("Valeur", "Value"),
            Text.T("Unité", "Unit"), Text.T("Définition", "Definition"),
        };
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var r in Rows)
        {
            rows.Add([r.Definition.Label.ToString(), r.Definition.Name, Text.T("Total", "Total"), Shown(r.Value.Suppressed, r.Value.Value), UnitLabel(r.Definition.Unit), r.Definition.Definition.ToString()]);
            foreach (var (key, value) in r.Value.Parts ?? new Dictionary<string, decimal>())
                rows.Add([r.Definition.Label.ToString(), r.Definition.Name, r.Value.PartLabel(key), Shown(r.Value.IsSuppressed(key), value), UnitLabel(r.Definition.Unit), null]);
        }
        var title = Text.T($"Indicateurs — {citeName} — {TerritoryName} — du {HumanDates.Date(ShownFrom)} au {HumanDates.Date(ShownTo)} — extrait le {HumanDates.Date(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))}",
            $"Indicators — {citeName} — {TerritoryName} — {HumanDates.Date(ShownFrom)} to {HumanDates.Date(ShownTo)} — extracted on {HumanDates.Date(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))}");
        return new Sheet(Text.T("Indicateurs", "Indicators"), columns, rows, title);
    }

    private static object Shown(bool suppressed, decimal value) => suppressed ? Text.T("secret", "suppressed") : value;

    public static string UnitLabel(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Count => Text.T("nombre", "count"),
        IndicatorUnit.Percent => "%",
        IndicatorUnit.Hours => Text.T("heures", "hours"),
        IndicatorUnit.HalfDays => Text.T("demi-journées", "half-days"),
        IndicatorUnit.Days => Text.T("jours", "days"),
        _ => "€",
    };

    /// <summary>The query string of the current reading with a format (the export links).</summary>
    public string Link(string format)
    {
        var query = Request.Query.Where(q => q.Key is not ("format" or "culture"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").Append($"format={format}");
        return "/gestion/indicateurs?" + string.Join("&", query);
    }
}
