using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Platform.Documents;

/// <summary>
/// A sample document as a page, PDF, DOCX, XLSX and ODS (docs/documents.md): where a developer or a tester sees what the
/// renderers make of every block kind, and what the browser tests check for accessibility. Not in production (404).
/// </summary>
[Authorize(Policy = Policies.Administrators)]
internal sealed class SampleModel(DocumentRenderer renderer, IWebHostEnvironment environment) : PageModel
{
    /// <summary>The length of the long table: 2 000 rows make about 40 pages.</summary>
    [BindProperty(SupportsGet = true, Name = "lignes")] public int Rows { get; set; } = DocumentSample.DefaultRows;
    public Document Document { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing")) return NotFound();
        Rows = Math.Clamp(Rows, 0, DocumentSample.MaxRows);
        Document = DocumentSample.Build(LocalizedText.IsEnglish, Rows);
        return (IActionResult?)DocumentResponse.Serve(Request, renderer, () => Document, Text.T("exemple-de-bilan", "sample-report")) ?? Page();
    }
}
