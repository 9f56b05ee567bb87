using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Governance.Pages;

/// <summary>
/// The extract from the register of a deliberation (issue 22 item 5): the printable page, and the PDF and DOCX through
/// <see cref="DocumentResponse"/> (<c>?format=pdf|docx</c> or <c>Accept</c>). Those who manage the body see it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ExtractModel(MaillageDb db, GovernanceRegister register, GovernanceAccess access, DocumentRenderer renderer) : PageModel
{
    public static readonly IReadOnlyList<Platform.Documents.DocumentFormat> Formats = [Platform.Documents.DocumentFormat.Html, Platform.Documents.DocumentFormat.Pdf, Platform.Documents.DocumentFormat.Docx];

    [FromRoute] public int Id { get; set; }
    public Deliberation Deliberation { get; private set; } = null!;
    public Session Session { get; private set; } = null!;
    public Body Body { get; private set; } = null!;
    public Document Document { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            (Deliberation, Session, Body) = await RegisterExtract.LoadAsync(db, register, Id, ct);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(Body)) return Forbid();
        Document = RegisterExtract.Build(Body, Session, Deliberation, LocalizedText.IsEnglish);
        return (IActionResult?)DocumentResponse.Serve(Request, renderer, () => Document, RegisterExtract.FileName(Deliberation, LocalizedText.IsEnglish), Formats) ?? Page();
    }
}
