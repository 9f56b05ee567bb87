using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Governance.Pages;

/// <summary>
/// Records a deliberation of a session: object, recitals, articles and the vote. While the quorum is not reached the page
/// says so first and the vote is refused (a blocking warning, issue 22 item 3).
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class DeliberateModel(GovernanceRegister register, GovernanceAccess access) : PageModel
{
    public sealed class DeliberationForm
    {
        public string? Object { get; set; }
        public string? Recitals { get; set; }
        public string? Articles { get; set; }
        public bool Unanimous { get; set; } = true;
        public int? For { get; set; }
        public int? Against { get; set; }
        public int? Abstentions { get; set; }
        public int? NotVoting { get; set; }
        public string? Rapporteur { get; set; }
        public string? BudgetImputation { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public DeliberationForm Input { get; set; } = new();
    public Session Session { get; private set; } = null!;
    public Body Body { get; private set; } = null!;
    public AttendanceCounts Counts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        var vote = Input.Unanimous && (Input.For ?? 0) + (Input.Against ?? 0) + (Input.Abstentions ?? 0) + (Input.NotVoting ?? 0) == 0
            ? new Vote(0, 0, 0, 0, Unanimous: true)
            : new Vote(Input.For ?? 0, Input.Against ?? 0, Input.Abstentions ?? 0, Input.NotVoting ?? 0, Input.Unanimous);
        var input = new DeliberationInput(Input.Object, vote, Lines(Input.Recitals).Select(Classify).ToList(), Lines(Input.Articles),
            Rapporteur: Input.Rapporteur, BudgetImputation: Input.BudgetImputation);
        try
        {
            var d = await register.RecordDeliberationAsync(Id, input, ct);
            TempData["Notice"] = Text.T($"Délibération {d.Number} enregistrée.", $"Deliberation {d.Number} recorded.");
            return Redirect($"/gestion/instances/seances/{Id}");
        }
        catch (RuleViolation rule)
        {
            // The vote's counts belong to the "For" field; the quorum is the form's own problem.
            foreach (var p in rule.Problems)
                ModelState.AddModelError(p.Field switch { "quorum" => "", "vote" => "Input.For", _ => $"Input.{char.ToUpperInvariant(p.Field[0])}{p.Field[1..]}" }, p.Text);
            return Page();
        }
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>"Vu …" and "Considérant …" lines are recitals of that kind; any other line is a paragraph of the exposé.</summary>
    public static (RecitalKind, string) Classify(string line) =>
        line.StartsWith("Vu ", StringComparison.OrdinalIgnoreCase) ? (RecitalKind.Vu, line)
        : line.StartsWith("Considérant", StringComparison.OrdinalIgnoreCase) ? (RecitalKind.Considerant, line)
        : (RecitalKind.Expose, line);

    private async Task<IActionResult?> LoadAsync()
    {
        try
        {
            (Session, Body) = await register.SessionAsync(Id, HttpContext.RequestAborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(Body)) return Forbid();
        Counts = GovernanceRegister.Counts(Session, Body);
        return null;
    }
}
