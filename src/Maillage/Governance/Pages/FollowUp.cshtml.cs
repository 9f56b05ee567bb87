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
/// What follows a deliberation's vote (issue 22 item 4): its transmission to the prefecture (to whom, when), its
/// publication, and the link to what it decides (a convention, a place, a label decision), shown on the session's page
/// and the register extract's.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class FollowUpModel(MaillageDb db, GovernanceRegister register, GovernanceAccess access) : PageModel
{
    public sealed class FollowUpInput
    {
        public string? TransmittedTo { get; set; }
        public DateOnly? TransmittedOn { get; set; }
        public DateOnly? PublishedOn { get; set; }
        public string? LinkKind { get; set; }
        public string? LinkId { get; set; }
        public string? LinkLabel { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public FollowUpInput Input { get; set; } = new();
    public Deliberation Deliberation { get; private set; } = null!;
    public Session Session { get; private set; } = null!;
    public Body Body { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        var d = Deliberation;
        Input = new FollowUpInput { TransmittedTo = d.TransmittedTo ?? "Préfecture", TransmittedOn = d.TransmittedOn, PublishedOn = d.PublishedOn, LinkKind = d.LinkKind, LinkId = d.LinkId, LinkLabel = d.LinkLabel };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        (string, string, string)? link = null;
        if (!string.IsNullOrWhiteSpace(Input.LinkKind) || !string.IsNullOrWhiteSpace(Input.LinkId))
        {
            var label = Input.LinkLabel?.Trim() ?? "";
            if (!DecisionLink.Kinds.Contains(Input.LinkKind))
                ModelState.AddModelError("Input.LinkKind", Text.T("Choisissez ce que la délibération décide : une convention, un lieu ou une décision de labellisation.", "Choose what the deliberation decides: a convention, a place or a label decision."));
            else if (string.IsNullOrWhiteSpace(Input.LinkId))
                ModelState.AddModelError("Input.LinkId", Text.T("Donnez le numéro de ce que la délibération décide.", "Give the number of what the deliberation decides."));
            else if (Input.LinkKind == DecisionLink.Place)
            {
                // A place is a structure of the shared kernel: of the body's Cité, and its name is the label.
                var place = int.TryParse(Input.LinkId, out var sid) ? await db.Set<Network.Structure>().Where(s => s.Id == sid && s.CiteId == Body.CiteId).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
                if (place is null) ModelState.AddModelError("Input.LinkId", Text.T($"Aucun lieu de la Cité n'a le numéro « {Input.LinkId} ».", $"No place of the Cité has the number « {Input.LinkId} »."));
                else if (label.Length == 0) label = place;
            }
            link = (Input.LinkKind ?? "", Input.LinkId?.Trim() ?? "", label);
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            var d = await register.RecordFollowUpAsync(Id, Input.TransmittedTo, Input.TransmittedOn, Input.PublishedOn, link, ct);
            TempData["Notice"] = Text.T($"Délibération {d.Number} : transmission, publication et lien enregistrés.", $"Deliberation {d.Number}: transmission, publication and link saved.");
            return Redirect($"/gestion/instances/seances/{Session.Id}");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        try
        {
            (Deliberation, Session, Body) = await RegisterExtract.LoadAsync(db, register, Id, HttpContext.RequestAborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        return await access.MayManageAsync(Body) ? null : Forbid();
    }
}
