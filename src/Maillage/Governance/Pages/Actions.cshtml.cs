using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance.Pages;

/// <summary>A body's action items followed until done (issue 22 item 6): the open ones by due date, overdue ones marked; the done ones on demand.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ActionsModel(MaillageDb db, GovernanceAccess access, MinutesRegister minutes) : PageModel
{
    [FromRoute] public int BodyId { get; set; }
    [FromQuery(Name = "faites")] public bool WithDone { get; set; }
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<ActionItem> Actions { get; private set; } = [];
    public DateOnly Today => minutes.Today;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var body = await db.Set<Body>().Include(b => b.Members).FirstOrDefaultAsync(b => b.Id == BodyId, ct);
        if (body is null) return NotFound();
        if (!await access.MayManageAsync(body)) return Forbid();
        Body = body;
        Actions = await minutes.ActionsAsync(BodyId, WithDone, ct);
        Notice = TempData["Notice"] as string;
        return Page();
    }
}
