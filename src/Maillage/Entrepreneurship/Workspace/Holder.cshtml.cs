using Maillage.Entrepreneurship.Holders;
using Maillage.Network;
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
/// A holder's record and timeline (issue 23 item 3): every step dated, with its corrections from the audit trail, and
/// the quick entry of an interview — date, kind, duration, note, next action — in one short form. Opening the record
/// is written to the audit trail; a holder outside one's programmes answers 404.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class HolderModel(MaillageDb db, ProgrammeAccess access, HolderRegister register, Partners.PartnerLinks links) : PageModel
{
    /// <summary>The kinds an interview may be: the quick entry's choices.</summary>
    public static readonly StepKind[] InterviewKinds = [StepKind.Sensitised, StepKind.Received, StepKind.Amorcage, StepKind.FollowUp];

    public sealed class InterviewInput
    {
        public string? Date { get; set; }
        public StepKind Kind { get; set; } = StepKind.Received;
        public int? DurationMinutes { get; set; }
        public string? Note { get; set; }
        public string? NextAction { get; set; }
        public string? NextActionOn { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public InterviewInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public ProjectHolder Holder { get; private set; } = null!;
    public DateOnly? FollowUpDue { get; private set; }
    public ILookup<int, WorkspaceForms.Correction> Corrections { get; private set; } = Enumerable.Empty<WorkspaceForms.Correction>().ToLookup(c => c.StepId);
    /// <summary>The changes of the record itself (an edit, a consent scope withdrawn, a new coach), from the audit trail.</summary>
    public IReadOnlyList<WorkspaceForms.Correction> RecordChanges { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Territories { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<int, string> Partners { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<int, string> Places { get; private set; } = new Dictionary<int, string>();
    public string? Commune { get; private set; }
    public string? Qpv { get; private set; }
    public string ProgrammeName { get; private set; } = "";
    public DateOnly Today => register.Today;
    /// <summary>The referral steps sent to a partner that answers by link (or withheld, and why), by step.</summary>
    public IReadOnlyDictionary<int, Partners.PartnerReferral> PartnerReferrals { get; private set; } = new Dictionary<int, Partners.PartnerReferral>();

    /// <summary>The coach confirms the partner's answer given by link: the link then only shows it.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int stepId, CancellationToken ct)
    {
        ProjectHolder holder;
        try { holder = await access.HolderAsync(Id, ct); }
        catch (NotFoundProblem) { return NotFound(); }
        if (!await links.ConfirmAsync(holder, stepId, User.Identity?.Name, ct)) return NotFound();
        Notice = Text.T("Réponse du partenaire confirmée.", "The partner's answer is confirmed.");
        return Redirect($"/gestion/citeslab/porteurs/{Id}");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input.Date = WorkspaceForms.Iso(register.Today);
        Input.Kind = DefaultKind(Holder.Stage);
        return Page();
    }

    /// <summary>The quick entry of an interview: a step of the kind chosen, and the next action on the record.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        ProjectHolder holder;
        try { holder = await access.HolderAsync(Id, ct); }
        catch (NotFoundProblem) { return NotFound(); }
        var problems = new List<RuleViolation>();
        var date = WorkspaceForms.Date(Input.Date, "date", problems);
        var nextOn = WorkspaceForms.Date(Input.NextActionOn, "nextActionOn", problems, required: false);
        if (!InterviewKinds.Contains(Input.Kind))
            problems.Add(new("kind", new("Un entretien est une sensibilisation, un accueil individuel, une séance d'amorçage ou un suivi.", "An interview is a sensitisation, an individual reception, an amorçage session or a follow-up.")));
        if (Input.Note?.Length > PipelineStep.MaxNote)
            problems.Add(new("note", new($"La note a au plus {PipelineStep.MaxNote} caractères.", $"The note has at most {PipelineStep.MaxNote} characters.")));
        if (Input.NextAction?.Trim().Length > ProjectHolder.MaxNextAction)
            problems.Add(new("nextAction", new($"La prochaine action a au plus {ProjectHolder.MaxNextAction} caractères.", $"The next action has at most {ProjectHolder.MaxNextAction} characters.")));
        if (nextOn is { } n && date is { } d && n < d)
            problems.Add(new("nextActionOn", new("La prochaine action vient après l'entretien.", "The next action comes after the interview.")));
        if (nextOn is not null && string.IsNullOrWhiteSpace(Input.NextAction))
            problems.Add(new("nextAction", new("Dites quelle est la prochaine action prévue à cette date.", "Say what the next action planned on that date is.")));
        try
        {
            RuleViolation.ThrowIfAny(problems);
            var programme = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == holder.ProgrammeId, ct);
            // The next action is saved with the step, in the same SaveChanges: a refused step leaves both unsaved.
            if (!string.IsNullOrWhiteSpace(Input.NextAction) || nextOn is not null)
            {
                holder.NextAction = WorkspaceForms.Blank(Input.NextAction);
                holder.NextActionOn = nextOn;
            }
            // The appointment was this interview: the action is done; left as an undated "next action" it stayed on the record
            // and the board after the business was created (found trying the CitésLab as a coach).
            else if (holder.NextActionOn is { } planned && planned <= date) (holder.NextAction, holder.NextActionOn) = (null, null);
            await register.AddStepAsync(holder, new PipelineStep
            {
                Kind = Input.Kind, Date = date!.Value, DurationMinutes = Input.DurationMinutes, Note = WorkspaceForms.Blank(Input.Note),
                // An individual reception or an amorçage session takes place at the programme's permanence.
                StructureId = Input.Kind is StepKind.Received or StepKind.Amorcage ? programme.StructureId : null,
            }, null, ct);
        }
        catch (RuleViolation rule)
        {
            db.ChangeTracker.Clear();
            ModelState.AddRule(rule);
            if (!await LoadAsync(ct)) return NotFound();
            return Page();
        }
        Notice = Text.T($"Entretien du {HumanDates.Date(date!.Value)} enregistré.", $"Interview of {HumanDates.Date(date!.Value)} saved.");
        return Redirect($"/gestion/citeslab/porteurs/{Id}");
    }

    public static StepKind DefaultKind(StepKind? stage) => stage switch
    {
        null or StepKind.Sensitised => StepKind.Received,
        StepKind.Created or StepKind.FollowUp => StepKind.FollowUp,
        _ => StepKind.Amorcage,
    };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try { Holder = await register.ReadAsync(Id, ct); }
        catch (NotFoundProblem) { return false; }
        FollowUpDue = FollowUp.DueOn(Holder);
        Corrections = await WorkspaceForms.CorrectionsAsync(db, Holder, ct);
        ProgrammeName = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.Id == Holder.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        Partners = await db.Set<ReferralPartner>().AsNoTracking().Where(p => p.ProgrammeId == Holder.ProgrammeId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        PartnerReferrals = await links.OfHolderAsync(Holder.Id, ct);
        var places = Holder.Steps.Where(s => s.StructureId != null).Select(s => s.StructureId!.Value).Distinct().ToArray();
        Places = await db.Set<Structure>().IgnoreQueryFilters().AsNoTracking().Where(s => places.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        RecordChanges = await WorkspaceForms.HolderChangesAsync(db, Holder, ct);
        var territories = new[] { Holder.CommuneId, Holder.QpvId }.Where(i => i != null).Select(i => i!.Value)
            .Concat(RecordChanges.SelectMany(c => c.Changes).Where(c => c.Field is nameof(ProjectHolder.CommuneId) or nameof(ProjectHolder.QpvId))
                .SelectMany(c => new[] { c.Before, c.After }).Select(v => int.TryParse(v, out var t) ? t : 0).Where(t => t != 0)).Distinct().ToArray();
        var names = await db.Set<Territory>().IgnoreQueryFilters().AsNoTracking().Where(t => territories.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        Territories = names;
        Commune = Holder.CommuneId is { } c ? names.GetValueOrDefault(c) : null;
        Qpv = Holder.QpvId is { } q ? names.GetValueOrDefault(q) : null;
        return true;
    }

    /// <summary>A field's value in a correction, as a reader reads it (a partner's name rather than its number).</summary>
    public string Shown(string field, string? value) => value switch
    {
        null or "" => "—",
        _ when field == nameof(PipelineStep.ReferralPartnerId) && int.TryParse(value, out var p) => Partners.GetValueOrDefault(p) ?? value,
        _ when field == nameof(PipelineStep.Date) || field == nameof(PipelineStep.AnsweredOn) => DateOnly.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? HumanDates.Date(d) : value,
        _ when field == nameof(PipelineStep.Answer) && int.TryParse(value, out var a) => ((ReferralAnswer)a).Describe().ToString(),
        _ when field == nameof(PipelineStep.Outcome) && int.TryParse(value, out var o) => ((OtherOutcome)o).Describe().ToString(),
        _ when field is nameof(ProjectHolder.CommuneId) or nameof(ProjectHolder.QpvId) && int.TryParse(value, out var t) => Territories.GetValueOrDefault(t) ?? value,
        _ when field == nameof(ProjectHolder.Prescriber) && int.TryParse(value, out var p) => ((Prescriber)p).Describe().ToString(),
        _ when field == nameof(ProjectHolder.Fragility) && int.TryParse(value, out var f) =>
            (Fragility)f == Fragility.None ? "—" : string.Join(", ", ((Fragility)f).Set().Select(x => x.Describe().ToString())),
        _ when field == nameof(Consent.Covers) && int.TryParse(value, out var c) => string.Join(", ", ((ConsentScope)c).Set().Select(x => x.Describe().ToString())),
        "true" => Text.T("oui", "yes"),
        "false" => Text.T("non", "no"),
        _ => value,
    };
}
