using Maillage.Network;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Funding.Conventions;

/// <summary>The conventions of a Cité: status, period, next deadline; and the deadlines page of the Cité.</summary>
[Authorize(Policy = FundingModule.ReadersPolicy)]
internal sealed class IndexModel(ConventionReader reader) : PageModel
{
    [FromQuery(Name = "cite")] public string? CiteSlug { get; set; }

    public IReadOnlyList<Cite> Cites { get; private set; } = [];
    public Cite? Cite { get; private set; }
    public IReadOnlyList<ConventionView> Conventions { get; private set; } = [];
    public DateOnly Today => reader.Today;
    /// <summary>True when the person keeps the Cité's conventions (may create one), not only reads some.</summary>
    public bool Keeps { get; private set; }
    /// <summary>Cités where the person's Funder role is on the whole Cité, so no convention opens (issue 21): the page says why and whom to ask.</summary>
    public IReadOnlyList<CiteWideFunder> CiteWideFunder { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Cites = await reader.ReadableCitesAsync(ct);
        CiteWideFunder = await reader.CiteWideFunderAsync(Cites.Select(c => c.Id).ToList(), ct);
        Cite = Cites.FirstOrDefault(c => c.Slug == CiteSlug) ?? (CiteSlug is null ? Cites.FirstOrDefault() : null);
        if (Cite is null) return CiteSlug is null ? Page() : NotFound();
        Conventions = await reader.ListAsync(Cite.Id, ct) ?? [];
        Keeps = (await reader.CitesAsync(ct)).Any(c => c.Id == Cite.Id);
        return Page();
    }
}
