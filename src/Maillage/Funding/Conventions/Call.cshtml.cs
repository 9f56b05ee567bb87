using Maillage.Platform.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Funding.Conventions;

/// <summary>A call for funds as issued (issue 21, item 10): the page, its PDF and DOCX; read by whoever reads the convention, its funder included.</summary>
[Authorize(Policy = FundingModule.ReadersPolicy)]
internal sealed class CallModel(ConventionReader reader, CallsForFunds calls, DocumentRenderer renderer) : PageModel
{
    /// <summary>The formats a call is downloaded in: the printable documents (it has one table, no spreadsheet is needed).</summary>
    public static readonly IReadOnlyList<Platform.Documents.DocumentFormat> Formats = [Platform.Documents.DocumentFormat.Pdf, Platform.Documents.DocumentFormat.Docx];

    [FromRoute] public int Id { get; set; }
    [FromRoute] public int CallId { get; set; }

    public ConventionView View { get; private set; } = null!;
    public CallForFunds Call { get; private set; } = null!;
    public Document Document { get; private set; } = null!;
    /// <summary>The schedule line's amount today, when it no longer matches the call as issued.</summary>
    public decimal? ScheduleNow { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await reader.GetAsync(Id, ct);
        var call = view is null ? null : await calls.GetAsync(Id, CallId, ct);
        if (view is null || call is null) return NotFound();
        View = view;
        Call = call;
        var rule = view.Convention.PaymentRules.FirstOrDefault(r => r.Id == call.PaymentRuleId);
        Document = CallsForFunds.Describe(call, view.Convention.Title, view.CiteName, rule?.RequiresAnnualReport == true);
        var line = view.Sheet.Schedule.FirstOrDefault(l => l.RuleId == call.PaymentRuleId && l.YearsKey == call.Years);
        if (line is not null && line.Line.Amount != call.Amount) ScheduleNow = line.Line.Amount;
        return (IActionResult?)DocumentResponse.Serve(Request, renderer, () => Document, $"appel-de-fonds-{call.Number}", Formats) ?? Page();
    }
}
