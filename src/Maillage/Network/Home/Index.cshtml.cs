using Maillage.Network.OpeningHours;
using Maillage.Network.Places;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Home;

[AllowAnonymous]
internal sealed class IndexModel(PlaceQueries places, Platform.Data.MaillageDb db) : PageModel
{
    public sealed record CiteSummary(Cite Cite, IReadOnlyList<(Structure Structure, OpeningStatus Status)> Places);

    public IReadOnlyList<CiteSummary> Cites { get; private set; } = [];
    public DateTimeOffset Now => places.Now;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await places.ListAsync(new PlaceFilter(), ct);
        var cites = await db.Cites.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        Cites = cites.Select(c => new CiteSummary(c, all.Where(p => p.Structure.CiteId == c.Id).ToList())).ToList();
    }
}
