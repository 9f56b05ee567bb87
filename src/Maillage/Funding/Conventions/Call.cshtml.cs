using Maillage.Platform.Documents;
using Maillage.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Funding.Conventions;

/// <summary>
/// A call for funds as issued (issue 21, item 10): the page, its PDF and DOCX; read by whoever reads the convention, its
/// funder included. Those who keep the convention cancel it with a reason (it then reads « ANNULÉ », keeps its number)
/// and re-issue its line as a new numbered call that names it.
/// </summary>
[Authorize(Policy = FundingModule.ReadersPolicy)]
internal sealed class CallModel(ConventionReader reader, CallsForFunds calls, DocumentRenderer renderer) : PageModel
{
    /// <summary>The formats a call is downloaded in: the printable documents (it has one table, no spreadsheet is needed).</summary>
    public static readonly IReadOnlyList<Platform.Documents.DocumentFormat> Formats = [Platform.Documents.DocumentFormat.Pdf, Platform.Documents.DocumentFormat.Docx];

    [FromRoute] public int Id { get; set; }
    [FromRoute] public int CallId { get; set; }
    [FromQuery(Name = "annule")] public bool JustCancelled { get; set; }

    /// <summary>The reason typed in the cancel form.</summary>
    [BindProperty] public string? Reason { get; set; }

    public ConventionView View { get; private set; } = null!;
    public CallForFunds Call { get; private set; } = null!;
    public Document Document { get; private set; } = null!;
    public CallsForFunds.Links Links { get; private set; } = new(null, null);
    public CallForFunds? Replacement { get; private set; }
    public CallForFunds? Replaced { get; private set; }
    public string? Problem { get; private set; }
    /// <summary>The schedule line's amount today, when it no longer matches the call as issued.</summary>
    public decimal? ScheduleNow { get; private set; }

    private async Task<bool> LoadAsync(CancellationToken ct, ConventionUse use = ConventionUse.Read)
    {
        var view = await reader.GetAsync(Id, ct, use);
        var call = view is null ? null : await calls.GetAsync(Id, CallId, ct);
        if (view is null || call is null) return false;
        View = view;
        Call = call;
        Links = await calls.LinksAsync(call, ct);
        Replacement = await calls.ReplacementAsync(call, ct);
        Replaced = call.ReplacesId is { } r ? await calls.GetAsync(Id, r, ct) : null;
        var rule = view.Convention.PaymentRules.FirstOrDefault(r => r.Id == call.PaymentRuleId);
        Document = CallsForFunds.Describe(call, view.Convention.Title, view.CiteName, rule?.RequiresAnnualReport == true, Links);
        var line = view.Sheet.Schedule.FirstOrDefault(l => l.RuleId == call.PaymentRuleId && l.YearsKey == call.Years);
        if (!call.IsCancelled && line is not null && line.Line.Amount != call.Amount) ScheduleNow = line.Line.Amount;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return (IActionResult?)DocumentResponse.Serve(Request, renderer, () => Document, $"appel-de-fonds-{Call.Number}", Formats) ?? Page();
    }

    /// <summary>« Annuler l'appel »: kept with its number, marked cancelled with the date, who and why.</summary>
    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct, ConventionUse.Keep)) return NotFound();
        try
        {
            await calls.CancelAsync(View, CallId, Reason, ct);
        }
        catch (RuleViolation problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            foreach (var p in problem.Problems)
                if (p.Field == "reason") ModelState.AddModelError(nameof(Reason), p.Text);
                else Problem = p.Text;
            return Page();
        }
        return Redirect(CallsForFunds.Url(Id, CallId) + "?annule=true");
    }

    /// <summary>« Émettre l'appel qui le remplace »: a new numbered call of the same line, from the schedule as it is now.</summary>
    public async Task<IActionResult> OnPostReissueAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct, ConventionUse.Keep)) return NotFound();
        try
        {
            var call = await calls.ReissueAsync(View, CallId, ct);
            return Redirect(CallsForFunds.Url(Id, call.Id));
        }
        catch (RuleViolation problem) when (problem.Status != StatusCodes.Status404NotFound)
        {
            Problem = problem.Text;
            return Page();
        }
    }
}
