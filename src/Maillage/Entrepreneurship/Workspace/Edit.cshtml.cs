using Maillage.Entrepreneurship.Holders;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>
/// Corrects a holder's record (issue 23): identity, contact, residence, publics, prescriber, project with the new-holder
/// form's fields and rules (<see cref="HolderRegister.UpdateAsync"/>); withdraws consent scopes (withdrawing the coaching
/// is an erasure, the page points to it); and, for the programme's manager, gives the holder to another coach of the
/// programme. Every change is audited; the record's timeline shows it. A holder one does not see answers 404.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class EditModel(MaillageDb db, ProgrammeAccess access, HolderRegister register) : PageModel, IHolderFormPage
{
    /// <summary>The consent scopes that can be withdrawn here (the coaching's withdrawal is an erasure).</summary>
    public static readonly ConsentScope[] Withdrawable = [ConsentScope.SharingWithPartners, ConsentScope.FollowUpContact];

    [FromRoute] public int Id { get; set; }
    [BindProperty] public HolderForm Input { get; set; } = new();
    [BindProperty] public string? Coach { get; set; }

    public ProjectHolder Holder { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Qpvs { get; private set; } = [];
    public bool Manages { get; private set; }
    public IReadOnlyList<ProgrammeAccess.Coach> Coaches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input = HolderForm.Of(Holder);
        Coach = Holder.CoachUserId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        ModelState.Remove(nameof(Coach));
        if (!await LoadAsync(ct)) return NotFound();
        var problems = Input.Check();
        try
        {
            await register.UpdateAsync(Holder, Input.ToInput(null), ct, problems);
        }
        catch (RuleViolation rule)
        {
            db.ChangeTracker.Clear();
            HolderForm.AddErrors(ModelState, rule);
            if (!await LoadAsync(ct)) return NotFound();
            return Page();
        }
        TempData["Notice"] = Text.T("Fiche corrigée.", "Record corrected.");
        return Redirect($"/gestion/citeslab/porteurs/{Id}");
    }

    /// <summary>The programme's manager gives the holder to another coach of the programme.</summary>
    public async Task<IActionResult> OnPostReassignAsync(CancellationToken ct)
    {
        foreach (var key in ModelState.FindKeysWithPrefix(nameof(Input)).Select(k => k.Key).ToList()) ModelState.Remove(key);
        if (!await LoadAsync(ct)) return NotFound();
        if (!Manages) return Forbid();
        try
        {
            await register.ReassignAsync(Holder, Coach, ct);
        }
        catch (RuleViolation rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule, prefix: "");
            if (!await LoadAsync(ct)) return NotFound();
            Input = HolderForm.Of(Holder);
            return Page();
        }
        TempData["Notice"] = Text.T($"{Holder.DisplayName} est désormais suivi·e par {Holder.CoachName}.", $"{Holder.DisplayName} is now coached by {Holder.CoachName}.");
        return Redirect($"/gestion/citeslab/porteurs/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try { Holder = await access.HolderAsync(Id, ct); }
        catch (NotFoundProblem) { return false; }
        (Communes, Qpvs) = await WorkspaceForms.TerritoriesAsync(db, Holder.CiteId, ct);
        Manages = (await access.ManagedIdsAsync(ct)).Contains(Holder.ProgrammeId);
        if (Manages) Coaches = await access.CoachesAsync(Holder.ProgrammeId, ct);
        return true;
    }
}
