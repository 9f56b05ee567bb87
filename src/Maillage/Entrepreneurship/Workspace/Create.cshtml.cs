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
/// A new project holder with their consent (issue 23 items 1 and 3): no record without it — the consent text is read
/// to the person, its version and what it covers are recorded. A person who refuses is counted anonymously with the
/// second form of the page, and nothing else is kept.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class CreateModel(MaillageDb db, ProgrammeAccess access, HolderRegister register, Prospects.Prospects prospects) : PageModel, IHolderFormPage
{
    public sealed class AnonymousForm
    {
        public int? Programme { get; set; }
        public StepKind Kind { get; set; } = StepKind.Sensitised;
        public string? Date { get; set; }
        public int? Count { get; set; } = 1;
        public int? CommuneId { get; set; }
        public int? QpvId { get; set; }
    }

    [BindProperty] public HolderForm Input { get; set; } = new();
    [BindProperty] public AnonymousForm Anonymous { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    /// <summary>A prospect opened from the board (a registrant of an awareness meeting): the form is prefilled with what they gave the agenda.</summary>
    [BindProperty(SupportsGet = true, Name = "prospect")] public long? ProspectId { get; set; }
    public Prospects.Prospects.Prospect? Prospect { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Programmes { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Qpvs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ProspectId is { } id)
        {
            Prospect = await prospects.FindAsync(id, ct);
            (Input.Programme, Input.FirstName, Input.LastName, Input.Email, Input.Phone) = (Prospect.ProgrammeId, Prospect.FirstName, Prospect.LastName, Prospect.Email, Prospect.Phone);
            (Input.Prescriber, Input.PrescriberDetail) = (Entrepreneurship.Prescriber.AgendaEvent, Prospect.EventTitle);
        }
        await LoadAsync(ct);
        Input.ConsentDate = Anonymous.Date = WorkspaceForms.Iso(register.Today);
        return Page();
    }

    /// <summary>The prospect is not offered again (no record is made).</summary>
    public async Task<IActionResult> OnPostDismissAsync(CancellationToken ct)
    {
        if (ProspectId is not { } id) return NotFound();
        var prospect = await prospects.FindAsync(id, ct);
        try
        {
            await prospects.DismissAsync(id, ct);
        }
        catch (RuleViolation rule) when (rule.Field == "prospect")
        {
            Notice = rule.Text.ToString();
            return Redirect("/gestion/citeslab");
        }
        Notice = Text.T($"{prospect.Name} ne sera plus proposé·e comme prospect.", $"{prospect.Name} will not be offered as a prospect again.");
        return Redirect("/gestion/citeslab");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        Forget(nameof(Anonymous));
        var problems = Input.Check();
        var consentDate = WorkspaceForms.Date(Input.ConsentDate, "consent.date", problems, required: false); // a missing date is the consent rule's to tell
        try
        {
            Prospect = ProspectId is { } prospectId ? await prospects.FindAsync(prospectId, ct) : null;
            var programme = Prospect?.ProgrammeId ?? await access.ProgrammeForAsync(Input.Programme, ct);
            var holder = await register.CreateAsync(programme, Input.ToInput(consentDate), ct, problems, Prospect);
            Notice = Text.T($"Fiche de {holder.DisplayName} créée. Saisissez le premier entretien.", $"Record of {holder.DisplayName} created. Log the first interview.");
            return Redirect($"/gestion/citeslab/porteurs/{holder.Id}");
        }
        catch (RuleViolation rule)
        {
            HolderForm.AddErrors(ModelState, rule);
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>A person who refused consent, counted without a record (sensitised or received).</summary>
    public async Task<IActionResult> OnPostAnonymousAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        Forget(nameof(Input));
        var problems = new List<RuleViolation>();
        var date = WorkspaceForms.Date(Anonymous.Date, "date", problems);
        try
        {
            var programme = await access.ProgrammeForAsync(Anonymous.Programme, ct);
            RuleViolation.ThrowIfAny(problems);
            await register.CountAnonymousAsync(programme, Anonymous.Kind, date!.Value, Anonymous.Count ?? 0, Anonymous.CommuneId, Anonymous.QpvId, ct);
        }
        catch (RuleViolation rule)
        {
            foreach (var p in rule.Problems)
                ModelState.AddModelError($"Anonymous.{(p.Field switch { "qpv" => nameof(AnonymousForm.QpvId), "commune" => nameof(AnonymousForm.CommuneId), _ => char.ToUpperInvariant(p.Field[0]) + p.Field[1..] })}", p.Text);
            await LoadAsync(ct);
            Input.ConsentDate = WorkspaceForms.Iso(register.Today);
            return Page();
        }
        var n = Anonymous.Count ?? 0;
        Notice = Plural.Of(n, $"{{n}} personne comptée sans fiche : {Anonymous.Kind.Describe().Fr}.", $"{{n}} personnes comptées sans fiche : {Anonymous.Kind.Describe().Fr}.",
            $"{{n}} person counted without a record: {Anonymous.Kind.Describe().En}.", $"{{n}} people counted without a record: {Anonymous.Kind.Describe().En}.");
        return Redirect("/gestion/citeslab");
    }

    /// <summary>The other form of the page was not posted: what binding said of it is no error.</summary>
    private void Forget(string prefix)
    {
        foreach (var key in ModelState.FindKeysWithPrefix(prefix).Select(k => k.Key).ToList()) ModelState.Remove(key);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var mine = await access.ProgrammeIdsAsync(ct);
        var programmes = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Where(p => mine.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.CiteId }).ToListAsync(ct);
        Programmes = [.. programmes.Select(p => (p.Id, p.Name))];
        var cite = programmes.FirstOrDefault(p => p.Id == (Input.Programme ?? Anonymous.Programme))?.CiteId ?? programmes.FirstOrDefault()?.CiteId;
        if (cite is { } c) (Communes, Qpvs) = await WorkspaceForms.TerritoriesAsync(db, c, ct);
    }
}
