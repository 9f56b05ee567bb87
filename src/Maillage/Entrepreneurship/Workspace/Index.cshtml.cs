using Maillage.Entrepreneurship.Holders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>
/// The coach's workspace (issue 23 item 3): the day's appointments (the next actions planned today), the overdue
/// post-creation follow-ups, and the holders by stage with their next action — a board of one column per stage that
/// is a plain list with a stage selector without JavaScript. The whole board shows the first <see cref="PerColumn"/>
/// holders of each stage with its count; one stage chosen is paged by <see cref="PerPage"/>.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class IndexModel(HolderList list, ProgrammeAccess access, TimeProvider clock, Prospects.Prospects prospects) : PageModel
{
    public const int PerColumn = 30;
    public const int PerPage = 100;

    /// <summary>The stage kept (its API name; "none" for the holders without a step yet), or every stage.</summary>
    [FromQuery(Name = "etape")] public string? StageFilter { get; set; }
    [FromQuery(Name = "retard")] public bool OverdueOnly { get; set; }
    /// <summary>A manager's choice: "mes" for the holders she follows herself; else the whole programme's.</summary>
    [FromQuery(Name = "vue")] public string? View { get; set; }
    /// <summary>The page of the one stage chosen (from 1).</summary>
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public bool Manager { get; private set; }
    public bool OnlyMine => !Manager || View == "mes";
    /// <summary>Whether one stage is shown (paged) rather than the whole board.</summary>
    public bool OneStage { get; private set; }
    public int PageSize => OneStage ? PerPage : PerColumn;

    [TempData] public string? Notice { get; set; }
    public DateOnly Today { get; private set; }
    public HolderBoard Board { get; private set; } = new([], 0, [], 0, [], 0);
    /// <summary>Registrants of the programme's awareness meetings not yet turned into holders nor dismissed.</summary>
    public IReadOnlyList<Prospects.Prospects.Prospect> Prospects { get; private set; } = [];
    /// <summary>Prospects whose e-mail is that of a holder the person sees: "already followed" (<see cref="Prospects.Prospects.MatchedAsync"/>).</summary>
    public IReadOnlyList<Prospects.Prospects.Match> Matched { get; private set; } = [];
    /// <summary>Why the last "already followed" action was refused (the pipeline's rule), shown above the prospects.</summary>
    [TempData] public string? ProspectProblem { get; set; }

    /// <summary>The board's columns, in pipeline order; "no step yet" first.</summary>
    public static readonly StepKind?[] Stages = [null, .. Enum.GetValues<StepKind>().Cast<StepKind?>()];

    public static string StageKey(StepKind? stage) => stage?.ApiName() ?? "none";

    public static Platform.Localization.LocalizedText StageName(StepKind? stage) => stage?.Describe() ?? new("Sans étape encore", "No step yet");

    /// <summary>The address of this board with another stage and page, the other choices kept.</summary>
    public string Link(string? stage, int page = 1)
    {
        var query = new List<string>();
        if (stage is not null) query.Add("etape=" + Uri.EscapeDataString(stage));
        if (Manager && View is not null) query.Add("vue=" + Uri.EscapeDataString(View));
        if (OverdueOnly) query.Add("retard=true");
        if (page > 1) query.Add($"page={page}");
        return "/gestion/citeslab" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Manager = (await access.ManagedIdsAsync(ct)).Count > 0;
        var kept = Stages.Where(s => string.IsNullOrEmpty(StageFilter) || StageKey(s) == StageFilter).ToList();
        if (kept.Count == 0) kept = [.. Stages]; // an unknown stage in the address shows the whole board
        OneStage = kept.Count == 1;
        if (PageNumber < 1 || !OneStage) PageNumber = 1;
        Board = await list.BoardAsync(kept, OnlyMine, OverdueOnly, (PageNumber - 1) * PageSize, PageSize, ct);
        (Prospects, Matched) = await prospects.BoardAsync(ct);
        return Page();
    }

    /// <summary>"Already followed": the meeting's sensitised step added to the holder, the prospect decided as matched.</summary>
    public async Task<IActionResult> OnPostMatchAsync(long prospect, CancellationToken ct)
    {
        try
        {
            var match = await prospects.MatchAsync(prospect, User.Identity?.Name, ct);
            Notice = Platform.Localization.Text.T($"Sensibilisation du {Platform.Localization.HumanDates.Date(match.Prospect.Day)} ajoutée à la fiche de {match.HolderName}.",
                $"Sensitisation of {Platform.Localization.HumanDates.Date(match.Prospect.Day)} added to the record of {match.HolderName}.");
        }
        catch (Platform.Errors.NotFoundProblem) { return NotFound(); }
        catch (Platform.Errors.RuleViolation rule)
        {
            ProspectProblem = Platform.Localization.Text.T($"La sensibilisation n'est pas ajoutée : {rule.Text.Fr}", $"The sensitisation is not added: {rule.Text.En}");
        }
        return Redirect("/gestion/citeslab#prospects-title");
    }

    /// <summary>A prospect shown as already followed that the coach does not want to add: not offered again.</summary>
    public async Task<IActionResult> OnPostDismissAsync(long prospect, CancellationToken ct)
    {
        try { await prospects.DismissAsync(prospect, ct); }
        catch (Platform.Errors.NotFoundProblem) { return NotFound(); }
        catch (Platform.Errors.RuleViolation rule) { ProspectProblem = rule.Text.ToString(); }
        return Redirect("/gestion/citeslab#prospects-title");
    }
}
