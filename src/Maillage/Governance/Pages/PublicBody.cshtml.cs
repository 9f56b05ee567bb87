using Maillage.Platform.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Maillage.Governance.Pages;

/// <summary>
/// A body's public page (issue 22 item 7), without signing in: its sessions held and its published deliberations with
/// their register extracts; <c>?format=csv</c> gives the published deliberations in the SCDL <i>délibérations</i> schema.
/// A body not marked public answers 404.
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = Platform.Web.PublicCache.Policy, Tags = [GovernancePublic.CacheTag])]
internal sealed class PublicBodyModel(GovernancePublic governance, IOptions<EmailOptions> email) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [FromQuery] public string? Format { get; set; }
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<Session> Held { get; private set; } = [];
    public IReadOnlyList<GovernancePublic.PublishedDeliberation> Published { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The page shows no member, attendance, recital nor article: it reads none; the SCDL file needs the counts.
        var full = Format is not null;
        if (await governance.BodyAsync(Id, ct, full) is not { } body) return NotFound();
        Body = body;
        Held = await governance.HeldSessionsAsync(Id, ct, full);
        Published = await governance.PublishedAsync(Id, Held, ct, full);
        if (Format is null) return Page();
        if (Format != "csv") return NotFound();
        return File(GovernancePublic.Scdl(body, Published, email.Value.PublicBaseUrl.TrimEnd('/')), "text/csv; charset=utf-8", $"deliberations-{Id}.csv");
    }
}
