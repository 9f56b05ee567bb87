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
/// Creates (no id) or edits a body (issue 22 item 1): kind, name, organisation and seat, number prefix, quorum rule,
/// proxies per member, minimum convocation delay, expected frequency, secretary, public page. The Cité's coordinators
/// and administrators create; they and the body's secretary edit. Saved changes go to the audit trail.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class BodyEditModel(MaillageDb db, StaffAccess staff, GovernanceAccess access) : PageModel
{
    public sealed class BodyInput
    {
        public int CiteId { get; set; }
        public BodyKind Kind { get; set; } = BodyKind.SteeringCommittee;
        public string? Name { get; set; }
        public string? Organisation { get; set; }
        public string? Seat { get; set; }
        public string? District { get; set; }
        public string? NumberPrefix { get; set; } = "D";
        public int? ExpectedSessionsPerYear { get; set; }
        public int MinConvocationDays { get; set; } = 5;
        public int QuorumNumerator { get; set; } = 1;
        public int QuorumDenominator { get; set; } = 2;
        public bool QuorumStrict { get; set; } = true;
        public bool ProxiesCount { get; set; }
        public int MaxProxiesPerMember { get; set; } = 1;
        public string? SecretaryUserId { get; set; }
        public bool Public { get; set; }
    }

    [FromRoute] public int? Id { get; set; }
    [BindProperty] public BodyInput Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Name)> Cites { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Secretaries { get; private set; } = [];
    public string? Heading { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var body = await db.Set<Body>().FirstOrDefaultAsync(b => b.Id == id);
            if (body is null) return NotFound();
            if (!await access.MayManageAsync(body)) return Forbid();
            Heading = body.Name;
            Input = new BodyInput
            {
                CiteId = body.CiteId, Kind = body.Kind, Name = body.Name, Organisation = body.Organisation, Seat = body.Seat, District = body.District,
                NumberPrefix = body.NumberPrefix, ExpectedSessionsPerYear = body.ExpectedSessionsPerYear, MinConvocationDays = body.MinConvocationDays,
                QuorumNumerator = body.Quorum.Numerator, QuorumDenominator = body.Quorum.Denominator, QuorumStrict = body.Quorum.Strict,
                ProxiesCount = body.Quorum.ProxiesCount, MaxProxiesPerMember = body.Quorum.MaxProxiesPerMember, SecretaryUserId = body.SecretaryUserId, Public = body.Public,
            };
        }
        else if (!await staff.HasRoleAsync(GovernanceModule.Managers)) return Forbid();
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        Body body;
        if (Id is { } id)
        {
            var found = await db.Set<Body>().FirstOrDefaultAsync(b => b.Id == id, ct);
            if (found is null) return NotFound();
            if (!await access.MayManageAsync(found)) return Forbid();
            body = found;
            Heading = body.Name;
            Input.CiteId = body.CiteId;
        }
        else
        {
            if (!await staff.HasRoleAsync(GovernanceModule.Managers)) return Forbid();
            body = new Body { CiteId = Input.CiteId, Name = "" };
            if (!await staff.CanOnCiteAsync(GovernanceModule.Managers, Input.CiteId))
                ModelState.AddModelError("Input.CiteId", Text.T("Choisissez une Cité dont vous gérez les instances.", "Choose a Cité whose bodies you manage."));
        }
        await LoadChoicesAsync();
        var quorum = new QuorumRule(Input.QuorumNumerator, Input.QuorumDenominator, Input.QuorumStrict, Input.ProxiesCount, Input.MaxProxiesPerMember);
        var prefix = Input.NumberPrefix?.Trim();
        try
        {
            Body.Validate(Input.Name?.Trim(), prefix, Input.ExpectedSessionsPerYear, Input.MinConvocationDays, quorum);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            // The rule names the fraction "quorum": its first field on the form.
            if (ModelState.TryGetValue("Input.Quorum", out var q))
            {
                var messages = q.Errors.Select(e => e.ErrorMessage).ToList();
                ModelState.Remove("Input.Quorum");
                foreach (var m in messages) ModelState.AddModelError("Input.QuorumNumerator", m);
            }
        }
        string? secretaryName = null;
        if (!string.IsNullOrEmpty(Input.SecretaryUserId))
        {
            var secretary = Secretaries.FirstOrDefault(s => s.Id == Input.SecretaryUserId);
            var onCite = await db.RoleAssignments.AnyAsync(a => a.UserId == Input.SecretaryUserId && a.CiteId == Input.CiteId, ct);
            if (secretary.Id is null || !onCite)
                ModelState.AddModelError("Input.SecretaryUserId", Text.T("Le secrétaire est un membre du personnel de la Cité de l'instance.", "The secretary is a staff member of the body's Cité."));
            else secretaryName = secretary.Name;
        }
        if (!ModelState.IsValid) return Page();
        (body.Kind, body.Name, body.Organisation, body.Seat, body.District, body.NumberPrefix) =
            (Input.Kind, Input.Name!.Trim(), Blank(Input.Organisation), Blank(Input.Seat), Blank(Input.District), prefix!);
        (body.ExpectedSessionsPerYear, body.MinConvocationDays, body.Quorum, body.Public) = (Input.ExpectedSessionsPerYear, Input.MinConvocationDays, quorum, Input.Public);
        (body.SecretaryUserId, body.SecretaryName) = (Blank(Input.SecretaryUserId), secretaryName);
        if (body.Id == 0) db.Add(body);
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = Text.T("Instance enregistrée.", "Body saved.");
        return Redirect($"/gestion/instances/{body.Id}");
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task LoadChoicesAsync()
    {
        Cites = [.. (await (await staff.ManageableCitesAsync(GovernanceModule.Managers)).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync()).Select(c => (c.Id, c.Name))];
        if (Id is null && Input.CiteId == 0 && Cites.Count > 0) Input.CiteId = Cites[0].Id;
        // The secretary: a staff member of the body's Cité (or of any Cité one manages, before the Cité is chosen).
        var cites = Id is null ? Cites.Select(c => c.Id).ToList() : [Input.CiteId];
        Secretaries = await StaffOfCitesAsync(db, cites);
    }

    /// <summary>The staff users with a role on one of the Cités, by name: a body's secretary, a member's staff account.</summary>
    internal static async Task<IReadOnlyList<(string Id, string Name)>> StaffOfCitesAsync(MaillageDb db, IReadOnlyCollection<int> cites)
    {
        var users = await db.RoleAssignments.Where(a => a.CiteId != null && cites.Contains(a.CiteId.Value)).Select(a => a.UserId).Distinct()
            .Join(db.Users, id => id, u => u.Id, (id, u) => new { u.Id, u.DisplayName, u.Email }).ToListAsync();
        return [.. users.Select(u => (u.Id, u.DisplayName ?? u.Email ?? u.Id)).OrderBy(u => u.Item2, StringComparer.CurrentCulture)];
    }
}
