using Maillage.Platform.Errors;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Funding.Conventions;

/// <summary>
/// The one pattern of the pages where those who keep a convention change it (« Saisie », « Contenu »): the convention
/// is loaded for <see cref="ConventionUse.Keep"/> (404 for anyone else), each small form is checked whole, a refusal
/// names its fields and saves nothing, a success redirects with « Enregistré ». Every save goes to the audit trail.
/// </summary>
internal abstract class ConventionFormPage(ConventionReader reader) : PageModel
{
    [FromRoute] public int Id { get; set; }
    /// <summary>The convention reader, for the pages' own checks of access.</summary>
    protected ConventionReader Reader => reader;
    public ConventionView View { get; private set; } = null!;
    [FromQuery(Name = "enregistre")] public string? Saved { get; set; }

    /// <summary>The page's path under the convention: "saisie", "contenu".</summary>
    protected abstract string PagePath { get; }

    /// <summary>What else the page shows, read after the convention.</summary>
    protected virtual Task LoadMoreAsync(CancellationToken ct) => Task.CompletedTask;

    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        var view = await reader.GetAsync(Id, ct, ConventionUse.Keep);
        if (view is null) return false;
        View = view;
        await LoadMoreAsync(ct);
        return true;
    }

    public virtual async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Shows the page again with each problem on its field of the form bound to <paramref name="prefix"/> ("" for the page as a whole).</summary>
    protected async Task<IActionResult> RefuseAsync(IEnumerable<RuleViolation> problems, string prefix, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddRule(RuleViolation.Of(problems.ToList()), prefix);
        await LoadAsync(ct);
        return Page();
    }

    protected IActionResult Done(string what) => Redirect($"/gestion/conventions/{Id}/{PagePath}?enregistre={what}");

    /// <summary>The years the convention covers: its period, else its signature and validity, else the platform's range.</summary>
    public (int First, int Last) YearsCovered
    {
        get
        {
            var c = View.Convention;
            return (c.EffectiveFrom?.Year ?? c.SignedOn?.Year ?? DateInput.MinYear, c.EffectiveTo?.Year ?? c.ValidUntil?.Year ?? DateInput.MaxYear);
        }
    }

    /// <summary>The years a per-year grid shows: those of the period covered, or those already entered when the period is not known.</summary>
    public IReadOnlyList<int> GridYears(IEnumerable<int> entered)
    {
        var c = View.Convention;
        if (c.EffectiveFrom is { } from && c.EffectiveTo is { } to && to.Year - from.Year < 20) return Enumerable.Range(from.Year, to.Year - from.Year + 1).ToList();
        return entered.Distinct().Order().ToList();
    }

    protected int? CoveredYear(int? year, string field, List<RuleViolation> problems)
    {
        var (first, last) = YearsCovered;
        if (year is { } y && y >= first && y <= last) return y;
        problems.Add(new RuleViolation(field, new($"Choisissez une année de la convention ({first}–{last}).", $"Choose a year of the convention ({first}–{last}).")));
        return null;
    }
}
