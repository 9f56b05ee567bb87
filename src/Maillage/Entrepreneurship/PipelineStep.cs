using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Entrepreneurship;

/// <summary>
/// A dated step of a holder's path (SPEC §9): sensitised (at an awareness meeting), received individually (at a
/// permanence, with its duration), an amorçage session (brakes identified and lifted), referred (to a partner, with its
/// answer), business created (date, legal form, SIRET, place), a post-creation follow-up, or another outcome.
/// A correction goes through <see cref="Correct"/>; the audit trail keeps the values before and after.
/// </summary>
public sealed class PipelineStep : ITenantOwned
{
    public const int MaxNote = 2000;
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int ProgrammeId { get; set; }
    public int HolderId { get; set; }
    public StepKind Kind { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>Interviews and sessions: how long, in minutes.</summary>
    public int? DurationMinutes { get; set; }
    /// <summary>Where it took place (a permanence), if at a structure.</summary>
    public int? StructureId { get; set; }
    /// <summary>Sensitised: the agenda event attended (its id in the Agenda module), if known.</summary>
    public int? AgendaEventId { get; set; }
    /// <summary>Amorçage: the brakes identified / lifted; any step: what was said, briefly.</summary>
    public string? Note { get; set; }

    public int? ReferralPartnerId { get; set; }
    public ReferralAnswer? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }

    public string? LegalForm { get; set; }
    public string? Siret { get; set; }
    public bool? CreatedInQpv { get; set; }

    public OtherOutcome? Outcome { get; set; }

    public string? RecordedBy { get; set; }

    /// <summary>The step's own fields against its kind (the date's order is the holder's rule).</summary>
    public List<RuleViolation> Check(DateOnly today)
    {
        var problems = new List<RuleViolation>();
        if (Date == default) problems.Add(new("date", new("Indiquez la date.", "Give the date.")));
        else if (Date > today) problems.Add(new("date", new("La date est dans le futur.", "The date is in the future.")));
        if (DurationMinutes is < 1 or > 600) problems.Add(new("durationMinutes", new("La durée va de 1 à 600 minutes.", "The duration is from 1 to 600 minutes.")));
        if (Note?.Length > MaxNote) problems.Add(new("note", new($"La note a au plus {MaxNote} caractères.", $"The note has at most {MaxNote} characters.")));
        switch (Kind)
        {
            case StepKind.Referred:
                if (ReferralPartnerId is null) problems.Add(new("partner", new("Indiquez le partenaire vers qui la personne est orientée.", "Give the partner the person is referred to.")));
                if (Answer is not null and not ReferralAnswer.Pending && AnsweredOn is null)
                    problems.Add(new("answeredOn", new("Indiquez la date de la réponse du partenaire.", "Give the date of the partner's answer.")));
                if (AnsweredOn is { } a && Date != default && a < Date)
                    problems.Add(new("answeredOn", new("La réponse précède l'orientation.", "The answer comes before the referral.")));
                if (AnsweredOn > today) problems.Add(new("answeredOn", new("La date de réponse est dans le futur.", "The answer's date is in the future.")));
                break;
            case StepKind.Created:
                if (string.IsNullOrWhiteSpace(LegalForm)) problems.Add(new("legalForm", new("Indiquez la forme juridique.", "Give the legal form.")));
                if (string.IsNullOrWhiteSpace(Siret)) problems.Add(new("siret", new("Indiquez le SIRET (14 chiffres).", "Give the SIRET (14 digits).")));
                else if (Entrepreneurship.Siret.Normalise(Siret) is null) problems.Add(new("siret", new("Le SIRET a 14 chiffres.", "A SIRET has 14 digits.")));
                else if (!Entrepreneurship.Siret.IsValid(Siret)) problems.Add(new("siret", new("Ce SIRET a une clé de contrôle fausse : vérifiez les chiffres.", "This SIRET's check key is wrong: check the digits.")));
                else Siret = Entrepreneurship.Siret.Normalise(Siret);
                break;
            case StepKind.OtherOutcome:
                if (Outcome is null) problems.Add(new("outcome", new("Indiquez l'issue (formation, emploi, abandon, déménagement).", "Give the outcome (training, employment, abandoned, moved).")));
                break;
        }
        return problems;
    }

    /// <summary>
    /// Writes a step's fields as given, keeping only those of its kind (a duration for interviews and sessions, the
    /// partner and answer for a referral, the legal form and SIRET for a creation, the outcome for another outcome):
    /// the one reading of a correction for the page and the API.
    /// </summary>
    public void Assign(StepFields f)
    {
        Date = f.Date;
        DurationMinutes = Kind is StepKind.Received or StepKind.Amorcage or StepKind.FollowUp or StepKind.Sensitised ? f.DurationMinutes : null;
        Note = string.IsNullOrWhiteSpace(f.Note) ? null : f.Note.Trim();
        ReferralPartnerId = Kind == StepKind.Referred ? f.ReferralPartnerId : null;
        Answer = Kind == StepKind.Referred ? f.Answer : null;
        AnsweredOn = Kind == StepKind.Referred && f.Answer is not (null or ReferralAnswer.Pending) ? f.AnsweredOn : null;
        LegalForm = Kind == StepKind.Created && !string.IsNullOrWhiteSpace(f.LegalForm) ? f.LegalForm.Trim() : null;
        Siret = Kind == StepKind.Created && !string.IsNullOrWhiteSpace(f.Siret) ? f.Siret.Trim() : null;
        CreatedInQpv = Kind == StepKind.Created ? f.CreatedInQpv : null;
        Outcome = Kind == StepKind.OtherOutcome ? f.Outcome : null;
    }

    /// <summary>
    /// Corrects a step's fields (the holder's order rules hold for the new date against its neighbours): the audit trail
    /// records the change with the values before and after.
    /// </summary>
    public void Correct(ProjectHolder holder, Action<PipelineStep> change, DateOnly today)
    {
        var copy = (PipelineStep)MemberwiseClone();
        change(copy);
        var problems = copy.Check(today);
        var others = holder.Steps.Where(s => s != this).ToList();
        var before = others.Where(s => s.Kind.Rank() < Kind.Rank()).Select(s => s.Date).DefaultIfEmpty().Max();
        var after = others.Where(s => s.Kind.Rank() > Kind.Rank()).Select(s => s.Date).DefaultIfEmpty(DateOnly.MaxValue).Min();
        if (copy.Date < before) problems.Add(new("date", new("La date précède l'étape précédente.", "The date comes before the previous step.")));
        if (copy.Date > after) problems.Add(new("date", new("La date suit l'étape suivante.", "The date comes after the next step.")));
        RuleViolation.ThrowIfAny(problems);
        change(this);
        Siret = copy.Siret;
        holder.LastContactOn = holder.Steps.Max(s => s.Date);
        holder.Refresh();
    }
}

/// <summary>What a step is given (its kind aside, which a correction does not change): see <see cref="PipelineStep.Assign"/>.</summary>
public sealed record StepFields(DateOnly Date, int? DurationMinutes, string? Note, int? ReferralPartnerId, ReferralAnswer? Answer, DateOnly? AnsweredOn,
    string? LegalForm, string? Siret, bool? CreatedInQpv, OtherOutcome? Outcome);

/// <summary>The pipeline's stages, in order; <see cref="OtherOutcome"/> ends a path at any stage but after creation.</summary>
public enum StepKind { Sensitised, Received, Amorcage, Referred, Created, FollowUp, OtherOutcome }

public enum ReferralAnswer { Pending, TakenOn, Refused, NoAnswer, Redirected }

public enum OtherOutcome { Training, Employment, Abandoned, Moved }

public static class StepKinds
{
    public static int Rank(this StepKind kind) => kind switch
    {
        StepKind.OtherOutcome => 4,
        _ => (int)kind,
    };

    /// <summary>
    /// Whether a step of <paramref name="kind"/> may come when the path has reached <paramref name="stage"/>: the same
    /// stage again or a later one; amorçage sessions go on while a referral waits; another outcome ends any path that
    /// has not led to a creation.
    /// </summary>
    public static bool MayFollow(this StepKind kind, StepKind stage) => (kind, stage) switch
    {
        (_, StepKind.OtherOutcome) => false,
        (StepKind.OtherOutcome, StepKind.Created or StepKind.FollowUp) => false,
        (StepKind.OtherOutcome, _) => true,
        (StepKind.Amorcage, StepKind.Referred) => true,
        (StepKind.Created, StepKind.Created) => false,
        (StepKind.FollowUp, StepKind.Created) => true,
        _ => kind >= stage,
    };

    public static LocalizedText Describe(this StepKind kind) => kind switch
    {
        StepKind.Sensitised => new("Sensibilisé·e", "Sensitised"),
        StepKind.Received => new("Reçu·e en individuel", "Received individually"),
        StepKind.Amorcage => new("Accompagné·e à l'amorçage", "Accompanied to amorçage"),
        StepKind.Referred => new("Orienté·e", "Referred"),
        StepKind.Created => new("Entreprise créée", "Business created"),
        StepKind.FollowUp => new("Suivi post-création", "Post-creation follow-up"),
        _ => new("Autre issue", "Other outcome"),
    };

    public static LocalizedText Describe(this ReferralAnswer a) => a switch
    {
        ReferralAnswer.TakenOn => new("Pris en charge", "Taken on"),
        ReferralAnswer.Refused => new("Refusé", "Refused"),
        ReferralAnswer.NoAnswer => new("Sans réponse", "No answer"),
        ReferralAnswer.Redirected => new("Réorienté", "Redirected"),
        _ => new("En attente", "Pending"),
    };

    public static LocalizedText Describe(this OtherOutcome o) => o switch
    {
        OtherOutcome.Training => new("Formation", "Training"),
        OtherOutcome.Employment => new("Emploi", "Employment"),
        OtherOutcome.Abandoned => new("Projet abandonné", "Project abandoned"),
        _ => new("Déménagement", "Moved"),
    };

    public static StepKind? Parse(string? name) =>
        Enum.GetValues<StepKind>().Cast<StepKind?>().FirstOrDefault(k => k!.Value.ApiName() == name);
}
