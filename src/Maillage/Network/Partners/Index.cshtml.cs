using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Partners;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class IndexModel(MaillageDb db, StaffAccess access) : PageModel
{
    public sealed record Row(int Id, string Name, PartnerType Type, PartnerRoles Roles, string Cite, int Poles);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync()
    {
        var cites = await (await access.ManageableCitesAsync(StaffAccess.NetworkManagers)).Select(c => c.Id).ToListAsync();
        CanCreate = cites.Count > 0;
        Rows = await db.Partners.AsNoTracking().Where(p => cites.Contains(p.CiteId))
            .Join(db.Cites, p => p.CiteId, c => c.Id, (p, c) => new { p, Cite = c.Name })
            .OrderBy(x => x.Cite).ThenBy(x => x.p.Name)
            .Select(x => new Row(x.p.Id, x.p.Name, x.p.Type, x.p.Roles, x.Cite, x.p.Poles.Count))
            .ToListAsync();
    }
}
