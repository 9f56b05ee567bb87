using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Funding.Conventions;

/// <summary>A convention's page: parties, dates, the per-year figures computed beside the signed ones, subsidies, cost sharing, schedule, deadlines.</summary>
[Authorize(Policy = FundingModule.ReadersPolicy)]
internal sealed class ConventionModel(ConventionReader reader, TargetProgress progress, CallsForFunds calls, Platform.Documents.DocumentArchive archive) : PageModel
{
    public ConventionView View { get; private set; } = null!;
    /// <summary>The calls for funds issued on its schedule's lines.</summary>
    public IReadOnlyList<CallForFunds> Calls { get; private set; } = [];
    public string? CallProblem { get; private set; }
    /// <summary>The targets with their figures so far (year to date).</summary>
    public IReadOnlyList<TargetStatus> Targets { get; private set; } = [];
    /// <summary>The annual reports' versions sent, per year: what a funder reads of them (never the live draft).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Platform.Documents.DocumentVersionSummary>> SentReports { get; private set; } =
        new Dictionary<int, IReadOnlyList<Platform.Documents.DocumentVersionSummary>>();
    public DateOnly Today => reader.Today;
    public decimal Tolerance => reader.Tolerance;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var view = await reader.GetAsync(id, ct);
        if (view is null) return NotFound();
        View = view;
        Targets = await progress.ComputeAsync(view.Convention, disclosureControl: view.UnderDisclosureControl, ct: ct);
        Calls = await calls.OfAsync(id, ct);
        if (!view.CanReport)
        {
            var sent = new Dictionary<int, IReadOnlyList<Platform.Documents.DocumentVersionSummary>>();
            foreach (var year in AnnualReports.Years(view.Convention)) sent[year] = await archive.ListAsync(AnnualReport.ArchiveKey(id, year), ct);
            SentReports = sent;
        }
        return Page();
    }

    /// <summary>Issues the call for funds of a schedule line (issue 21, item 10), or opens the one already issued.</summary>
    public async Task<IActionResult> OnPostCallAsync(int id, int ruleId, string? years, CancellationToken ct)
    {
        var view = await reader.GetAsync(id, ct, ConventionUse.Keep);
        if (view is null) return NotFound();
        try
        {
            var call = await calls.IssueAsync(view, ruleId, years ?? "", ct);
            return Redirect(CallsForFunds.Url(id, call.Id));
        }
        catch (Platform.Errors.RuleViolation problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            var page = await OnGetAsync(id, ct);
            CallProblem = problem.Text;
            return page;
        }
        catch (Platform.Errors.RuleViolation)
        {
            return NotFound();
        }
    }
}

/// <summary>Every deadline of a Cité's conventions, in date order: payments due, reports due, end of validity, last day to give notice.</summary>
[Authorize(Policy = FundingModule.ReadersPolicy)]
internal sealed class DeadlinesModel(ConventionReader reader) : PageModel
{
    [FromQuery(Name = "cite")] public string? CiteSlug { get; set; }
    [FromQuery(Name = "passees")] public bool ShowPast { get; set; }

    public Network.Cite? Cite { get; private set; }
    public IReadOnlyList<(ConventionView View, Rules.Deadline Deadline)> Deadlines { get; private set; } = [];
    public DateOnly Today => reader.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var cites = await reader.ReadableCitesAsync(ct);
        Cite = cites.FirstOrDefault(c => c.Slug == CiteSlug) ?? (CiteSlug is null ? cites.FirstOrDefault() : null);
        if (Cite is null) return NotFound();
        var list = await reader.ListAsync(Cite.Id, ct) ?? [];
        Deadlines = list.SelectMany(v => v.Sheet.Deadlines.Select(d => (v, d)))
            .Where(x => ShowPast || x.d.Date is null || x.d.Date >= Today)
            .OrderBy(x => x.d.Date ?? DateOnly.MaxValue).ToList();
        return Page();
    }
}
