using Maillage.Platform.Documents;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Funding.Conventions;

/// <summary>
/// The annual report of a convention for a year (issue 21, item 9): the live report (targets against the activity counted
/// on the convention's territory, amounts due, the coordinator's commentary), its files, « Envoyer » which freezes it as
/// a version, and the versions sent, each shown and downloaded as it was sent. A funder's staff read only the versions
/// sent: the live report answers them 404, as a report that does not exist.
/// </summary>
[Authorize(Policy = FundingModule.ReadersPolicy)]
internal sealed class AnnualReportModel(ConventionReader reader, AnnualReports reports, DocumentArchive archive, DocumentRenderer renderer, TimeProvider clock) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [FromRoute] public int Year { get; set; }
    /// <summary>A frozen version to show instead of the live report.</summary>
    [FromQuery(Name = "version")] public int? Version { get; set; }
    [FromQuery(Name = "envoye")] public int? Sent { get; set; }
    [FromQuery(Name = "enregistre")] public bool Saved { get; set; }

    [BindProperty] public string? Activity { get; set; }
    [BindProperty] public string? Outlook { get; set; }

    public ConventionView View { get; private set; } = null!;
    public Document Document { get; private set; } = null!;
    public IReadOnlyList<DocumentVersionSummary> Versions { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string FileName => Text.T($"bilan-{Year}-{View.Convention.Title}", $"report-{Year}-{View.Convention.Title}") + (Version is { } n ? $"-v{n}" : "");

    private async Task<IActionResult?> LoadAsync(CancellationToken ct, ConventionUse use = ConventionUse.Read)
    {
        var view = await reader.GetAsync(Id, ct, use);
        if (view is null) return NotFound();
        View = view;
        Years = AnnualReports.Years(view.Convention);
        if (!Years.Contains(Year)) return NotFound();
        Versions = await archive.ListAsync(AnnualReport.ArchiveKey(Id, Year), ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (Version is { } n)
        {
            var frozen = await archive.GetAsync(AnnualReport.ArchiveKey(Id, Year), n, ct);
            if (frozen is null) return NotFound();
            Document = frozen.Document;
        }
        // A funder reads the versions sent, never the live draft whose commentary is being written (docs/funding.md).
        else if (!View.CanReport) return NotFound();
        else
        {
            var report = await reports.BuildAsync(View, Year, ct);
            Document = AnnualReports.Describe(report);
            Activity = report.Texts?.Activity;
            Outlook = report.Texts?.Outlook;
        }
        return (IActionResult?)DocumentResponse.Serve(Request, renderer, () => Document, FileName) ?? Page();
    }

    /// <summary>Saves the commentary sections of the year.</summary>
    public async Task<IActionResult> OnPostTextsAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct, ConventionUse.Report) is { } refused) return refused;
        try
        {
            await reports.SaveTextsAsync(View.Convention, Year, Activity, Outlook, ct);
        }
        catch (RuleViolation problem)
        {
            foreach (var p in problem.Problems) ModelState.AddModelError(p.Field == "activity" ? nameof(Activity) : nameof(Outlook), p.Text);
            Document = AnnualReports.Describe(await reports.BuildAsync(View, Year, ct));
            return Page();
        }
        return Redirect($"/gestion/conventions/{Id}/bilan/{Year}?enregistre=true#commentaires");
    }

    /// <summary>« Envoyer »: freezes the report as it is now, as the next version; later data changes never alter it.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct, ConventionUse.Report) is { } refused) return refused;
        var report = await reports.BuildAsync(View, Year, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var next = Versions.Count + 1;
        var document = AnnualReports.Describe(report, Text.T($"Version {next} envoyée le {FundingFormat.Date(today)}", $"Version {next} sent on {FundingFormat.Date(today)}"));
        var version = await archive.FreezeAsync(View.Convention.CiteId, AnnualReport.ArchiveKey(Id, Year), document, ct);
        return Redirect($"/gestion/conventions/{Id}/bilan/{Year}?version={version.Version}&envoye={version.Version}");
    }
}
