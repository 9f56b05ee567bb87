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

/// <summary>
/// The minutes of a session (issue 22 item 6): written by the secretary, approved at a following session (recorded),
/// then locked — the text is shown and a late edit is refused with a message; the action items decided at the session.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MinutesPageModel(MaillageDb db, GovernanceRegister register, GovernanceAccess access, MinutesRegister minutes) : PageModel
{
    public sealed class MinutesInput
    {
        public MinutesKind Kind { get; set; }
        public string? Text { get; set; }
        public int? ApprovedAtSessionId { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public MinutesInput Input { get; set; } = new();
    public Session Session { get; private set; } = null!;
    public Body Body { get; private set; } = null!;
    public Minutes? Minutes { get; private set; }
    public Session? ApprovedAt { get; private set; }
    public IReadOnlyList<Session> LaterSessions { get; private set; } = [];
    public IReadOnlyList<ActionItem> Actions { get; private set; } = [];
    public DateOnly Today => minutes.Today;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Input = new MinutesInput { Kind = Minutes?.Kind ?? MinutesKind.Account, Text = Minutes?.Text };
        Notice = TempData["Notice"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        try
        {
            await minutes.WriteAsync(Session, Input.Kind, Input.Text, ct);
            TempData["Notice"] = Text.T("Compte rendu enregistré.", "Minutes saved.");
            return Redirect($"/gestion/instances/seances/{Id}/compte-rendu");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        try
        {
            var m = await minutes.ApproveAsync(Session, Input.ApprovedAtSessionId, ct);
            TempData["Notice"] = Text.T($"Compte rendu approuvé lors de la séance du {m.ApprovedOn:dd/MM/yyyy} : il est désormais verrouillé.",
                $"Minutes approved at the session of {m.ApprovedOn:yyyy-MM-dd}: they are now locked.");
            return Redirect($"/gestion/instances/seances/{Id}/compte-rendu");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            return Page();
        }
    }

    public string Owner(ActionItem a) => MinutesRegister.Owner(a, Body);

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            (Session, Body) = await register.SessionAsync(Id, ct);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(Body)) return Forbid();
        Minutes = await minutes.MinutesAsync(Id, ct);
        if (Minutes?.ApprovedAtSessionId is { } approving)
            ApprovedAt = await db.Set<Session>().FirstOrDefaultAsync(s => s.Id == approving, ct);
        LaterSessions = await minutes.LaterSessionsAsync(Session, ct);
        Actions = (await minutes.ActionsAsync(Body.Id, withDone: true, ct)).Where(a => a.SessionId == Id).ToList();
        return null;
    }
}
