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
/// Any step of a holder's path with all its fields (a referral and the partner's answer, a creation with its SIRET,
/// another outcome), and the correction of a recorded step: the pipeline's rules hold, and the audit trail keeps the
/// values before and after, which the timeline shows.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class StepModel(MaillageDb db, ProgrammeAccess access, HolderRegister register) : PageModel
{
    public sealed class StepInput
    {
        public StepKind Kind { get; set; } = StepKind.Received;
        public string? Date { get; set; }
        public int? DurationMinutes { get; set; }
        public string? Note { get; set; }
        public string? Partner { get; set; }
        public ReferralAnswer? Answer { get; set; }
        public string? AnsweredOn { get; set; }
        public string? LegalForm { get; set; }
        public string? Siret { get; set; }
        public bool CreatedInQpv { get; set; }
        public OtherOutcome? Outcome { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [FromRoute] public int? StepId { get; set; }
    [FromQuery(Name = "type")] public string? KindAsked { get; set; }
    [BindProperty] public StepInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public ProjectHolder Holder { get; private set; } = null!;
    public PipelineStep? Step { get; private set; }
    public IReadOnlyList<ReferralPartner> Partners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Step is { } s)
            Input = new StepInput
            {
                Kind = s.Kind, Date = WorkspaceForms.Iso(s.Date), DurationMinutes = s.DurationMinutes, Note = s.Note,
                Partner = Partners.FirstOrDefault(p => p.Id == s.ReferralPartnerId)?.Key, Answer = s.Answer,
                AnsweredOn = s.AnsweredOn is { } a ? WorkspaceForms.Iso(a) : null, LegalForm = s.LegalForm, Siret = s.Siret,
                CreatedInQpv = s.CreatedInQpv == true, Outcome = s.Outcome,
            };
        else
        {
            Input.Date = WorkspaceForms.Iso(register.Today);
            Input.Kind = StepKinds.Parse(KindAsked) ?? NextKind(Holder.Stage);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var date = WorkspaceForms.Date(Input.Date, "date", problems);
        var answeredOn = WorkspaceForms.Date(Input.AnsweredOn, "answeredOn", problems, required: false);
        var kind = Step?.Kind ?? Input.Kind;
        if (Input.Note?.Length > PipelineStep.MaxNote)
            problems.Add(new("note", new($"La note a au plus {PipelineStep.MaxNote} caractères.", $"The note has at most {PipelineStep.MaxNote} characters.")));
        int? partnerId = null;
        if (kind == StepKind.Referred && !string.IsNullOrWhiteSpace(Input.Partner))
        {
            partnerId = Partners.FirstOrDefault(p => p.Key == Input.Partner)?.Id;
            if (partnerId is null) problems.Add(new("partner", new($"Partenaire inconnu du programme : « {Input.Partner} ».", $"Unknown partner of the programme: '{Input.Partner}'.")));
        }
        try
        {
            RuleViolation.ThrowIfAny(problems);
            void Fill(PipelineStep s) => s.Assign(new StepFields(date!.Value, Input.DurationMinutes, Input.Note, partnerId, Input.Answer, answeredOn,
                Input.LegalForm, Input.Siret, Input.CreatedInQpv, Input.Outcome));
            if (Step is { } step)
            {
                step.Correct(Holder, Fill, register.Today);
                await db.SaveChangesAsync(ct);
                Notice = Text.T("Étape corrigée ; l'historique garde les valeurs d'avant.", "Step corrected; the history keeps the values before.");
            }
            else
            {
                var added = new PipelineStep { Kind = kind };
                Fill(added);
                if (kind is StepKind.Received or StepKind.Amorcage)
                    added.StructureId = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.Id == Holder.ProgrammeId).Select(p => p.StructureId).SingleAsync(ct);
                // The partner is already resolved from the programme's list; the register checks it is given.
                await register.AddStepAsync(Holder, added, kind == StepKind.Referred ? Input.Partner : null, ct);
                Notice = Text.T($"Étape « {kind.Describe().Fr} » enregistrée.", $"Step '{kind.Describe().En}' saved.");
            }
        }
        catch (RuleViolation rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule);
            return Page();
        }
        return Redirect($"/gestion/citeslab/porteurs/{Id}");
    }

    /// <summary>The step that usually comes next, offered first when adding one.</summary>
    public static StepKind NextKind(StepKind? stage) => stage switch
    {
        null => StepKind.Sensitised,
        StepKind.Sensitised => StepKind.Received,
        StepKind.Received => StepKind.Amorcage,
        StepKind.Amorcage => StepKind.Referred,
        StepKind.Referred => StepKind.Created,
        _ => StepKind.FollowUp,
    };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try { Holder = await access.HolderAsync(Id, ct); }
        catch (NotFoundProblem) { return false; }
        if (StepId is { } sid && (Step = Holder.Steps.FirstOrDefault(s => s.Id == sid)) is null) return false;
        Partners = await db.Set<ReferralPartner>().AsNoTracking().Where(p => p.ProgrammeId == Holder.ProgrammeId).OrderBy(p => p.Name).ToListAsync(ct);
        return true;
    }
}
