using Maillage.Entrepreneurship.Holders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>
/// The coach's workspace (issue 23 item 3): the day's appointments (the next actions planned today), the overdue
/// post-creation follow-ups, and the holders by stage with their next action — a board of one column per stage that
/// is a plain list with a stage selector without JavaScript.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class IndexModel(HolderList list, ProgrammeAccess access, TimeProvider clock, Prospects.Prospects prospects) : PageModel
{
    /// <summary>The stage kept (its API name; "none" for the holders without a step yet), or every stage.</summary>
    [FromQuery(Name = "etape")] public string? StageFilter { get; set; }
    [FromQuery(Name = "retard")] public bool OverdueOnly { get; set; }
    /// <summary>A manager's choice: "mes" for the holders she follows herself; else the whole programme's.</summary>
    [FromQuery(Name = "vue")] public string? View { get; set; }
    public bool Manager { get; private set; }
    public bool OnlyMine => !Manager || View == "mes";

    [TempData] public string? Notice { get; set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<HolderLine> Appointments { get; private set; } = [];
    public IReadOnlyList<HolderLine> Overdue { get; private set; } = [];
    public IReadOnlyList<(StepKind? Stage, IReadOnlyList<HolderLine> Holders)> Columns { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>Registrants of the programme's awareness meetings not yet turned into holders nor dismissed.</summary>
    public IReadOnlyList<Prospects.Prospects.Prospect> Prospects { get; private set; } = [];

    /// <summary>The board's columns, in pipeline order; "no step yet" first.</summary>
    public static readonly StepKind?[] Stages = [null, .. Enum.GetValues<StepKind>().Cast<StepKind?>()];

    public static string StageKey(StepKind? stage) => stage?.ApiName() ?? "none";

    public static Platform.Localization.LocalizedText StageName(StepKind? stage) => stage?.Describe() ?? new("Sans étape encore", "No step yet");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Manager = (await access.ManagedIdsAsync(ct)).Count > 0;
        var all = await list.MineAsync(null, OnlyMine, false, ct);
        Total = all.Count;
        Appointments = [.. all.Where(l => l.NextActionOn == Today).OrderBy(l => l.Name, StringComparer.CurrentCulture)];
        Overdue = [.. all.Where(l => l.Overdue).OrderBy(l => l.FollowUpDue)];
        var kept = Stages.Where(s => string.IsNullOrEmpty(StageFilter) || StageKey(s) == StageFilter).ToList();
        if (kept.Count == 0) kept = [.. Stages]; // an unknown stage in the address shows the whole board
        Columns = [.. kept.Select(s => (s, (IReadOnlyList<HolderLine>)[.. all.Where(l => l.Stage == s && (!OverdueOnly || l.Overdue))]))];
        Prospects = await prospects.OfferedAsync(ct);
        return Page();
    }
}
