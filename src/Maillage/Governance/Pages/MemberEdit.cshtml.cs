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
/// Adds (no member id) or edits a member of a body and their mandate (issue 22 item 1): civility, names, e-mail (a member
/// need not be a user), organisation represented, titular or substitute of a named titular, from/to. A mandate that
/// ends before it starts, or a substitute's outside the mandate of the titular they stand in for, is refused.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MemberEditModel(MaillageDb db, GovernanceAccess access, Platform.Identity.AuthorisationCache cache) : PageModel
{
    public sealed class MemberInput
    {
        public string? Civility { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Organisation { get; set; }
        public MandateRole Role { get; set; }
        public int? SubstituteOfId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        /// <summary>The member's staff account, if they have one: they then see their convocations in « Mes convocations ».</summary>
        public string? UserId { get; set; }
    }

    [FromRoute] public int BodyId { get; set; }
    [FromRoute] public int? MemberId { get; set; }
    [BindProperty] public MemberInput Input { get; set; } = new();
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<BodyMember> Titular { get; private set; } = [];
    /// <summary>The staff of the body's Cité, one of whom the member may be.</summary>
    public IReadOnlyList<(string Id, string Name)> StaffUsers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        if (MemberId is { } id)
        {
            var m = Body.Members.FirstOrDefault(x => x.Id == id);
            if (m is null) return NotFound();
            Input = new MemberInput
            {
                Civility = m.Civility, FirstName = m.FirstName, LastName = m.LastName, Email = m.Email, Organisation = m.Organisation,
                Role = m.Role, SubstituteOfId = m.SubstituteOfId, From = m.From, To = m.To, UserId = m.UserId,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        BodyMember? member = null;
        if (MemberId is { } id && (member = Body.Members.FirstOrDefault(x => x.Id == id)) is null) return NotFound();
        try
        {
            Check(Body, member?.Id, Input, StaffUsers);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
        }
        if (!ModelState.IsValid) return Page();
        if (member is null) Body.Members.Add(member = new BodyMember { CiteId = Body.CiteId, BodyId = Body.Id, FirstName = "", LastName = "" });
        (member.Civility, member.FirstName, member.LastName, member.Email, member.Organisation) =
            (BodyEditModel.Blank(Input.Civility), Input.FirstName?.Trim() ?? "", Input.LastName!.Trim(), BodyEditModel.Blank(Input.Email), BodyEditModel.Blank(Input.Organisation));
        (member.Role, member.SubstituteOfId, member.From, member.To) = (Input.Role, Input.Role == MandateRole.Substitute ? Input.SubstituteOfId : null, Input.From!.Value, Input.To);
        var linkedBefore = member.UserId;
        member.UserId = BodyEditModel.Blank(Input.UserId);
        await db.SaveChangesAsync(ct);
        // The menu's « Mes convocations » (BodyMemberHandler) asks again for the accounts linked or unlinked.
        foreach (var user in new[] { linkedBefore, member.UserId }.OfType<string>().Distinct()) cache.ForgetUser(user);
        TempData["Notice"] = Text.T($"Membre {member.DisplayName} enregistré.", $"Member {member.DisplayName} saved.");
        return Redirect($"/gestion/instances/{Body.Id}");
    }

    /// <summary>Every rule of a mandate, checked together: names, dates, e-mail, and for a substitute the titular they stand in for.</summary>
    public static void Check(Body body, int? memberId, MemberInput input, IReadOnlyList<(string Id, string Name)> staffUsers)
    {
        var problems = new List<RuleViolation>();
        try
        {
            BodyMember.Validate(input.FirstName, input.LastName, input.From ?? DateOnly.MinValue, input.To, input.Role, input.Role == MandateRole.Substitute ? input.SubstituteOfId : null);
        }
        catch (RuleViolation rule)
        {
            problems.AddRange(rule.Problems);
        }
        if (input.From is null)
            problems.Add(new("from", new("La date de début du mandat est obligatoire.", "The mandate's start date is required.")));
        else if (input.From.Value.Year is < 2000 or > 2100 || input.To?.Year is < 2000 or > 2100)
            problems.Add(new(input.From.Value.Year is < 2000 or > 2100 ? "from" : "to", new("Les dates du mandat sont entre 2000 et 2100.", "The mandate's dates lie between 2000 and 2100.")));
        if (input.Email is { Length: > 0 } email && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)))
            problems.Add(new("email", new("Adresse électronique invalide (ex. nom@exemple.fr).", "Invalid e-mail address (e.g. name@example.org).")));
        if (input.Role == MandateRole.Substitute && input.SubstituteOfId is { } of)
        {
            var titular = body.Members.FirstOrDefault(m => m.Id == of && m.Role == MandateRole.Titular && m.Id != memberId);
            if (titular is null)
                problems.Add(new("substituteOfId", new("Choisissez un membre titulaire de l'instance.", "Choose a titular member of the body.")));
            else if (input.From is { } from && (from < titular.From || (titular.To is { } end && (input.To is null || input.To > end))))
                problems.Add(new("from", new(
                    $"Le mandat du suppléant est hors des dates de celui de {titular.DisplayName} ({titular.From:dd/MM/yyyy} – {titular.To?.ToString("dd/MM/yyyy") ?? "sans fin"}).",
                    $"The substitute's mandate lies outside {titular.DisplayName}'s ({titular.From:yyyy-MM-dd} – {titular.To?.ToString("yyyy-MM-dd") ?? "open"}).")));
        }
        if (input.Role == MandateRole.Titular && memberId is { } self && body.Members.Any(m => m.SubstituteOfId == self))
        {
            // A titular whose mandate shrinks below a substitute's would leave that substitute outside: say so.
            var outside = body.Members.FirstOrDefault(m => m.SubstituteOfId == self && (m.From < input.From || (input.To is { } end && (m.To is null || m.To > end))));
            if (outside is not null)
                problems.Add(new("to", new($"Le mandat de son suppléant {outside.DisplayName} en sortirait : modifiez-le d'abord.", $"Their substitute {outside.DisplayName}'s mandate would fall outside: edit it first.")));
        }
        if (!string.IsNullOrWhiteSpace(input.UserId))
        {
            // Explicit, never guessed from an address: one of the Cité's staff, linked to one member of the body at most.
            if (!staffUsers.Any(u => u.Id == input.UserId))
                problems.Add(new("userId", new("Choisissez un membre du personnel de la Cité de l'instance.", "Choose a staff member of the body's Cité.")));
            else if (body.Members.FirstOrDefault(m => m.UserId == input.UserId && m.Id != memberId) is { } other)
                problems.Add(new("userId", new($"Ce compte est déjà celui de {other.DisplayName} dans cette instance.", $"This account is already {other.DisplayName}'s in this body.")));
        }
        RuleViolation.ThrowIfAny(problems);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var body = await db.Set<Body>().Include(b => b.Members).FirstOrDefaultAsync(b => b.Id == BodyId);
        if (body is null) return NotFound();
        if (!await access.MayManageAsync(body)) return Forbid();
        Body = body;
        StaffUsers = await BodyEditModel.StaffOfCitesAsync(db, [body.CiteId]);
        Titular = [.. body.Members.Where(m => m.Role == MandateRole.Titular && m.Id != MemberId).OrderBy(m => m.LastName, StringComparer.CurrentCulture)];
        return null;
    }
}
