using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance.Pages;

/// <summary>A body as its secretary keeps it: its rule, its members and their mandates, its sessions; links to every form.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class BodyPageModel(MaillageDb db, GovernanceAccess access, TimeProvider clock) : PageModel
{
    [FromRoute] public int Id { get; set; }
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<Session> Sessions { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var body = await db.Set<Body>().Include(b => b.Members).FirstOrDefaultAsync(b => b.Id == Id);
        if (body is null) return NotFound();
        if (!await access.MayManageAsync(body)) return Forbid();
        Body = body;
        Sessions = await db.Set<Session>().Where(s => s.BodyId == Id).OrderByDescending(s => s.StartsAt).ToListAsync();
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Notice = TempData["Notice"] as string;
        return Page();
    }

    public string MemberName(int? id) => Body.Members.FirstOrDefault(m => m.Id == id)?.DisplayName ?? "";
}
