using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Entrepreneurship;

/// <summary>
/// A person coached by a programme (<i>porteur de projet</i>, SPEC §9), recorded only with their consent. Identity and
/// contact, consent, residence (from the territory reference data), fragility criteria, prescriber, project; and their
/// dated pipeline steps (<see cref="PipelineStep"/>), whose rules live here.
/// </summary>
public sealed class ProjectHolder : ITenantOwned
{
    public const int MaxName = 100;
    public const int MaxNextAction = 300;
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int ProgrammeId { get; set; }
    /// <summary>The coach following the person ("my holders").</summary>
    public string? CoachUserId { get; set; }
    public string? CoachName { get; set; }

    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    public required Consent Consent { get; set; }

    /// <summary>The commune of residence (a territory of kind Commune of the Cité).</summary>
    public int? CommuneId { get; set; }
    /// <summary>The priority neighbourhood of residence, if any (a territory of kind Qpv).</summary>
    public int? QpvId { get; set; }
    public bool FromQpv => QpvId is not null;

    public Fragility Fragility { get; set; }
    public Prescriber Prescriber { get; set; }
    public string? PrescriberDetail { get; set; }

    public string? Activity { get; set; }
    public string? Sector { get; set; }
    public string? IntendedLegalForm { get; set; }
    /// <summary>Whether the business is intended in a QPV (null: not known yet).</summary>
    public bool? IntendedInQpv { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The last contact (the latest step, or the record's creation): retention counts from it.</summary>
    public DateOnly LastContactOn { get; set; }

    /// <summary>What comes next with the person, as the coach wrote it at the last interview (the workspace's "next action").</summary>
    public string? NextAction { get; set; }
    /// <summary>When the next action is planned: an appointment shows among the day's appointments on that day.</summary>
    public DateOnly? NextActionOn { get; set; }

    /// <summary>
    /// What the coach's board shows, stored on the record so that the board reads one row per holder and never the
    /// steps: the stage reached (<see cref="Stage"/>) and the next post-creation follow-up due (<see cref="Holders.FollowUp.DueOn"/>).
    /// Kept by <see cref="Refresh"/>, called by every step write and correction in the same SaveChanges.
    /// </summary>
    public StepKind? CurrentStage { get; set; }
    /// <inheritdoc cref="CurrentStage"/>
    public DateOnly? FollowUpDueOn { get; set; }

    public List<PipelineStep> Steps { get; set; } = [];

    public string DisplayName => $"{FirstName} {LastName}";

    /// <summary>The stage reached: the kind of the latest step in pipeline order, or null before any step.</summary>
    public StepKind? Stage => Steps.Count == 0 ? null : Steps.OrderBy(s => s.Date).ThenBy(s => s.Kind.Rank()).ThenBy(s => s.Id).Last().Kind;

    /// <summary>
    /// Adds a dated step after checking the pipeline's rules: not in the future, not before the previous step, not
    /// back to an earlier stage (amorçage sessions go on while a referral waits for its answer), follow-up only after
    /// a creation, nothing after another outcome; and each kind's own fields (<see cref="PipelineStep.Check"/>).
    /// </summary>
    public PipelineStep AddStep(PipelineStep step, DateOnly today)
    {
        var problems = step.Check(today);
        if (Steps.Count > 0)
        {
            var last = Steps.Max(s => s.Date);
            if (step.Date < last)
                problems.Add(new("date", new($"La date précède l'étape précédente ({last:dd/MM/yyyy}).", $"The date comes before the previous step ({last:yyyy-MM-dd}).")));
            var stage = Stage!.Value;
            if (stage == StepKind.OtherOutcome)
                problems.Add(new("kind", new("Le parcours est clos par une autre issue : aucune étape ne suit.", "The path ended with another outcome: no step follows.")));
            else if (!step.Kind.MayFollow(stage))
                problems.Add(new("kind", new($"Étape « {step.Kind.Describe().Fr} » impossible après « {stage.Describe().Fr} ».",
                    $"Step '{step.Kind.Describe().En}' cannot follow '{stage.Describe().En}'.")));
        }
        if (step.Kind == StepKind.FollowUp && Steps.All(s => s.Kind != StepKind.Created))
            problems.Add(new("kind", new("Un suivi post-création suit une création d'entreprise.", "A post-creation follow-up comes after a business creation.")));
        RuleViolation.ThrowIfAny(problems);
        step.CiteId = CiteId;
        step.ProgrammeId = ProgrammeId;
        Steps.Add(step);
        if (step.Date > LastContactOn) LastContactOn = step.Date;
        Refresh();
        return step;
    }

    /// <summary>Recomputes the stored board values (<see cref="CurrentStage"/>, <see cref="FollowUpDueOn"/>) from the steps.</summary>
    public void Refresh()
    {
        CurrentStage = Stage;
        FollowUpDueOn = Holders.FollowUp.DueOn(this);
    }

    /// <summary>The years and stages this person counts in (once per stage and year, whatever the number of steps).</summary>
    public IEnumerable<(int Year, StepKind Kind)> Counted() => Steps.Select(s => (s.Date.Year, s.Kind)).Distinct();
}

/// <summary>The consent given by the person: when, to which text (its version), and what it covers.</summary>
public sealed class Consent
{
    public DateOnly GivenOn { get; set; }
    public required string TextVersion { get; set; }
    public ConsentScope Covers { get; set; }

    /// <summary>Checks a consent as given on a form or through the API: a date not in the future, a text version, coaching covered.</summary>
    public static List<RuleViolation> Check(bool? given, DateOnly? on, string? version, ConsentScope covers, DateOnly today, string prefix = "consent.")
    {
        var problems = new List<RuleViolation>();
        if (given != true)
        {
            problems.Add(new(prefix + "given", new(
                "Sans consentement, aucune fiche n'est créée : comptez la personne de façon anonyme.",
                "Without consent no record is made: count the person anonymously instead.")));
            return problems;
        }
        if (on is null) problems.Add(new(prefix + "date", new("Indiquez la date du consentement.", "Give the date of the consent.")));
        else if (on > today) problems.Add(new(prefix + "date", new("La date du consentement est dans le futur.", "The consent's date is in the future.")));
        if (string.IsNullOrWhiteSpace(version)) problems.Add(new(prefix + "textVersion", new("Indiquez la version du texte de consentement.", "Give the version of the consent text.")));
        if (!covers.HasFlag(ConsentScope.Coaching))
            problems.Add(new(prefix + "covers", new("Le consentement doit couvrir au moins l'accompagnement.", "The consent must cover at least the coaching.")));
        return problems;
    }
}

/// <summary>What a consent covers.</summary>
[Flags]
public enum ConsentScope
{
    None = 0,
    /// <summary>Recording the person's data for their coaching.</summary>
    Coaching = 1,
    /// <summary>Sharing with the partners they are referred to.</summary>
    SharingWithPartners = 2,
    /// <summary>Being contacted after creation for the follow-up.</summary>
    FollowUpContact = 4,
}

/// <summary>The publics the convention names (seed 001).</summary>
[Flags]
public enum Fragility
{
    None = 0,
    LongTermJobSeeker = 1,
    MinimumSocialBenefits = 2,
    NonFrenchSpeaker = 4,
    RecognisedDisabledWorker = 8,
    YoungPerson = 16,
    Woman = 32,
}

/// <summary>How the person came.</summary>
public enum Prescriber { FranceTravail, MissionLocale, CapEmploi, Cio, Cidff, Association, AgendaEvent, WordOfMouth, Other }

public static class HolderText
{
    public static string ApiName<T>(this T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static LocalizedText Describe(this Fragility f) => f switch
    {
        Fragility.LongTermJobSeeker => new("Demandeur·se d'emploi de longue durée", "Long-term job seeker"),
        Fragility.MinimumSocialBenefits => new("Bénéficiaire de minima sociaux", "Minimum social benefits"),
        Fragility.NonFrenchSpeaker => new("Non francophone", "Non-French speaker"),
        Fragility.RecognisedDisabledWorker => new("Travailleur·se handicapé·e (RQTH)", "Recognised disabled worker"),
        Fragility.YoungPerson => new("Jeune", "Young person"),
        Fragility.Woman => new("Femme", "Woman"),
        _ => new("Aucun", "None"),
    };

    public static LocalizedText Describe(this Prescriber p) => p switch
    {
        Prescriber.FranceTravail => new("France Travail", "France Travail"),
        Prescriber.MissionLocale => new("Mission locale", "Mission locale"),
        Prescriber.CapEmploi => new("Cap emploi", "Cap emploi"),
        Prescriber.Cio => new("CIO", "CIO"),
        Prescriber.Cidff => new("CIDFF", "CIDFF"),
        Prescriber.Association => new("Association", "Association"),
        Prescriber.AgendaEvent => new("Événement de l'agenda", "Agenda event"),
        Prescriber.WordOfMouth => new("Bouche-à-oreille", "Word of mouth"),
        _ => new("Autre", "Other"),
    };

    public static LocalizedText Describe(this ConsentScope c) => c switch
    {
        ConsentScope.Coaching => new("Accompagnement", "Coaching"),
        ConsentScope.SharingWithPartners => new("Transmission aux partenaires", "Sharing with partners"),
        ConsentScope.FollowUpContact => new("Contact pour le suivi", "Contact for the follow-up"),
        _ => new("Rien", "Nothing"),
    };

    /// <summary>Reads a list of API names into flags; the unknown names are returned.</summary>
    public static (T Flags, List<string> Unknown) Flags<T>(IEnumerable<string>? names) where T : struct, Enum
    {
        var value = 0;
        var unknown = new List<string>();
        foreach (var name in names ?? [])
        {
            var match = Enum.GetValues<T>().Where(v => Convert.ToInt32(v) != 0).FirstOrDefault(v => v.ApiName() == name);
            if (Convert.ToInt32(match) == 0) unknown.Add(name);
            else value |= Convert.ToInt32(match);
        }
        return ((T)(object)value, unknown);
    }

    public static IEnumerable<T> Set<T>(this T flags) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => Convert.ToInt32(v) != 0 && flags.HasFlag(v));
}
