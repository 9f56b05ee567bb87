using Maillage.Platform.Documents;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Maillage.Governance.Pages;

/// <summary>The register extract of a published deliberation of a public body (issue 22 item 7): page, PDF and DOCX, without signing in; anything else 404.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = Platform.Web.PublicCache.Policy, Tags = [GovernancePublic.CacheTag])]
internal sealed class PublicExtractModel(GovernancePublic governance, DocumentRenderer renderer) : PageModel
{
    [FromRoute] public int Id { get; set; }
    public Body Body { get; private set; } = null!;
    public Deliberation Deliberation { get; private set; } = null!;
    public Document Document { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await governance.DeliberationAsync(Id, ct) is not { } found) return NotFound();
        (Body, Deliberation) = (found.Body, found.Published.Deliberation);
        Document = RegisterExtract.Build(Body, found.Published.Session, Deliberation, LocalizedText.IsEnglish);
        return (IActionResult?)DocumentResponse.Serve(Request, renderer, () => Document, RegisterExtract.FileName(Deliberation, LocalizedText.IsEnglish), ExtractModel.Formats) ?? Page();
    }
}
