using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance.Pages;

/// <summary>Adds (no id) or follows up an action item of a body (issue 22 item 6): what, the owner (a member or a name), the due date, where it stands.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ActionEditModel(MaillageDb db, GovernanceAccess access, MinutesRegister minutes) : PageModel
{
    public sealed class ActionForm
    {
        public string? Title { get; set; }
        public int? OwnerMemberId { get; set; }
        public string? OwnerName { get; set; }
        public DateOnly? DueOn { get; set; }
        public ActionStatus Status { get; set; }
        public int? SessionId { get; set; }
    }

    [FromRoute] public int BodyId { get; set; }
    [FromRoute] public int? ActionId { get; set; }
    [FromQuery(Name = "seance")] public int? FromSession { get; set; }
    [BindProperty] public ActionForm Input { get; set; } = new();
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<Session> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (ActionId is { } id)
        {
            var a = await db.Set<ActionItem>().FirstOrDefaultAsync(x => x.Id == id && x.BodyId == BodyId, ct);
            if (a is null) return NotFound();
            Input = new ActionForm { Title = a.Title, OwnerMemberId = a.OwnerMemberId, OwnerName = a.OwnerName, DueOn = a.DueOn, Status = a.Status, SessionId = a.SessionId };
        }
        else Input = new ActionForm { SessionId = Sessions.Any(s => s.Id == FromSession) ? FromSession : null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        try
        {
            var a = await minutes.SaveActionAsync(Body, ActionId, new ActionInput(Input.Title, Input.OwnerMemberId, Input.OwnerName, Input.DueOn, Input.Status, Input.SessionId), ct);
            TempData["Notice"] = Text.T($"Action « {a.Title} » enregistrée.", $"Action item « {a.Title} » saved.");
            return Redirect(a.SessionId is { } s ? $"/gestion/instances/seances/{s}/compte-rendu" : $"/gestion/instances/{BodyId}/actions");
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var body = await db.Set<Body>().Include(b => b.Members).FirstOrDefaultAsync(b => b.Id == BodyId, ct);
        if (body is null) return NotFound();
        if (!await access.MayManageAsync(body)) return Forbid();
        Body = body;
        Sessions = [.. (await db.Set<Session>().Where(s => s.BodyId == BodyId).ToListAsync(ct)).OrderByDescending(s => s.StartsAt)];
        return null;
    }
}
