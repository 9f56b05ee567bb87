using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Partners;

/// <summary>
/// A referral partner's named contact and the option "answers by link", set by the programme's manager (a coach: 403;
/// a partner of another programme: 404). Audited as every change of the programme's data.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class EditModel(MaillageDb db, ProgrammeAccess access, PartnerLinks links) : PageModel
{
    public sealed class ContactInput
    {
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public bool AnswersByLink { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public ContactInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public ReferralPartner Partner { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Input = new ContactInput { ContactName = Partner.ContactName, ContactEmail = Partner.ContactEmail, AnswersByLink = Partner.AnswersByLink };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        if (await LoadAsync(ct) is { } refused) return refused;
        try
        {
            await links.UpdateContactAsync(Partner, Input.ContactName, Input.ContactEmail, Input.AnswersByLink, ct);
        }
        catch (RuleViolation rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule);
            return Page();
        }
        Notice = Text.T($"Contact de {Partner.Name} enregistré.", $"Contact of {Partner.Name} saved.");
        return Redirect("/gestion/citeslab/partenaires");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var partner = await db.Set<ReferralPartner>().FirstOrDefaultAsync(p => p.Id == Id, ct);
        if (partner is null || !await access.IsStaffOfAsync(partner.ProgrammeId, ct)) return NotFound();
        if (!(await access.ManagedIdsAsync(ct)).Contains(partner.ProgrammeId)) return Forbid();
        Partner = partner;
        return null;
    }
}
