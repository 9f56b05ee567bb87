using Maillage.Platform.Audit;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Governance;

/// <summary>
/// A body (<i>instance</i>) of a Cité or of one of its partners (SPEC §8): a steering or technical committee, a
/// <i>comité syndical</i>… Its members hold mandates; its sessions are convened, attended and deliberate under its
/// quorum rule; its deliberations are numbered from its own yearly sequence (<see cref="NumberPrefix"/>).
/// </summary>
public sealed class Body : ITenantOwned
{
    public const int MaxName = 200;

    public int Id { get; set; }
    public int CiteId { get; set; }
    /// <summary>The partner whose body it is (e.g. the Pôle métropolitain's comité syndical); null for the Cité's own bodies.</summary>
    public int? PartnerId { get; set; }
    public BodyKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>The organisation the body belongs to, as the register's heading names it ("Pôle métropolitain du Genevois français").</summary>
    public string? Organisation { get; set; }
    /// <summary>The seat (<i>siège</i>), as printed under the organisation: "15 avenue Emile Zola, 74100 ANNEMASSE".</summary>
    public string? Seat { get; set; }
    /// <summary>The line above the heading, for a local authority: its <i>arrondissement</i>.</summary>
    public string? District { get; set; }
    /// <summary>What prefixes its deliberation numbers: "CS" gives CS2021-15.</summary>
    public string NumberPrefix { get; set; } = "D";
    /// <summary>Sessions expected per year (a target: 3 technical committees a year for CitésLab); null when none is set.</summary>
    public int? ExpectedSessionsPerYear { get; set; }
    /// <summary>Whole days between the convocation and the session, at least; a shorter delay is warned about, not refused.</summary>
    public int MinConvocationDays { get; set; } = 5;
    public QuorumRule Quorum { get; set; } = QuorumRule.LocalAuthorityDefault;
    /// <summary>The staff user who keeps the body (convenes, records, prints): the body's secretary.</summary>
    public string? SecretaryUserId { get; set; }
    public string? SecretaryName { get; set; }
    /// <summary>Whether its sessions and published deliberations are shown on its public page.</summary>
    public bool Public { get; set; }
    public string? Source { get; set; }

    public List<BodyMember> Members { get; set; } = [];

    /// <summary>The titular members whose mandate covers the day: the "members in office" the quorum is a fraction of.</summary>
    public IEnumerable<BodyMember> InOffice(DateOnly day) => Members.Where(m => m.Role == MandateRole.Titular && m.CoversDay(day));

    public static void Validate(string? name, string? prefix, int? expected, int minConvocationDays, QuorumRule quorum)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(name))
            problems.Add(new("name", new("Le nom de l'instance est obligatoire.", "The body needs a name.")));
        else if (name.Length > MaxName)
            problems.Add(new("name", new($"Le nom de l'instance tient en {MaxName} caractères.", $"The body's name fits in {MaxName} characters.")));
        if (string.IsNullOrWhiteSpace(prefix) || prefix.Length > 12 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            problems.Add(new("numberPrefix", new("Le préfixe des numéros de délibération est fait de 1 à 12 lettres, chiffres ou tirets (ex. CS).", "The deliberation number prefix is 1 to 12 letters, digits or hyphens (e.g. CS).")));
        if (expected is < 0 or > 366)
            problems.Add(new("expectedSessionsPerYear", new("Le nombre de séances attendues par an va de 0 à 366.", "Expected sessions a year range from 0 to 366.")));
        if (minConvocationDays is < 0 or > 90)
            problems.Add(new("minConvocationDays", new("Le délai de convocation va de 0 à 90 jours.", "The convocation delay ranges from 0 to 90 days.")));
        problems.AddRange(quorum.Check());
        RuleViolation.ThrowIfAny(problems);
    }
}

/// <summary>
/// When a session may deliberate: at least (or more than) a fraction of the members in office, counting proxies or not,
/// and how many proxies one member may hold. The default is the French local-authority rule (CGCT L2121-17 and L2121-20):
/// a majority of the members in office present, proxies not counted, one proxy each.
/// </summary>
public sealed record QuorumRule(int Numerator, int Denominator, bool Strict, bool ProxiesCount, int MaxProxiesPerMember)
{
    public static QuorumRule LocalAuthorityDefault { get; } = new(1, 2, Strict: true, ProxiesCount: false, MaxProxiesPerMember: 1);

    /// <summary>How many must be counted for the body to deliberate, out of <paramref name="inOffice"/> members in office.</summary>
    public int Required(int inOffice)
    {
        // n·p/q exactly: "more than half of 44" is 23, "at least a third of 44" is 15.
        var product = (long)inOffice * Numerator;
        return Strict ? (int)(product / Denominator) + 1 : (int)((product + Denominator - 1) / Denominator);
    }

    public LocalizedText Describe() => new(
        $"{(Strict ? "plus de" : "au moins")} {Fraction("fr")} des membres en exercice{(ProxiesCount ? ", pouvoirs compris" : ", pouvoirs non compris")} ; {MaxProxiesPerMember} pouvoir{(MaxProxiesPerMember > 1 ? "s" : "")} au plus par membre",
        $"{(Strict ? "more than" : "at least")} {Fraction("en")} of the members in office{(ProxiesCount ? ", proxies included" : ", proxies not included")}; at most {MaxProxiesPerMember} prox{(MaxProxiesPerMember > 1 ? "ies" : "y")} per member");

    private string Fraction(string lang) => (Numerator, Denominator) switch
    {
        (1, 2) => lang == "fr" ? "la moitié" : "half",
        (1, 3) => lang == "fr" ? "le tiers" : "a third",
        (2, 3) => lang == "fr" ? "les deux tiers" : "two thirds",
        (1, 4) => lang == "fr" ? "le quart" : "a quarter",
        _ => $"{Numerator}/{Denominator}",
    };

    public IEnumerable<RuleViolation> Check()
    {
        if (Denominator is < 1 or > 100 || Numerator < 0 || Numerator > Denominator)
            yield return new("quorum", new("Le quorum est une fraction des membres en exercice, entre 0 et 1 (ex. 1/2).", "The quorum is a fraction of the members in office, between 0 and 1 (e.g. 1/2)."));
        if (MaxProxiesPerMember is < 0 or > 10)
            yield return new("maxProxiesPerMember", new("Un membre détient de 0 à 10 pouvoirs.", "A member holds 0 to 10 proxies."));
    }
}

public enum BodyKind { SteeringCommittee, TechnicalCommittee, ProgrammingCommittee, ComiteSyndical, Board, WorkingGroup }

public enum MandateRole { Titular, Substitute }

/// <summary>A member's mandate on a body: titular or substitute (of a named titular), from/to, for an organisation.</summary>
public sealed class BodyMember : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int BodyId { get; set; }
    /// <summary>"M." or "Mme", as the register prints it.</summary>
    public string? Civility { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    /// <summary>Where convocations go: a member need not be a staff user.</summary>
    public string? Email { get; set; }
    /// <summary>The organisation the member represents (a commune, an EPCI, a partner).</summary>
    public string? Organisation { get; set; }
    public MandateRole Role { get; set; }
    /// <summary>For a substitute: the titular member they stand in for, when the mandate names one.</summary>
    public int? SubstituteOfId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary>A staff user who is also this member, if any (sees convocations in the back office).</summary>
    public string? UserId { get; set; }
    public string? Source { get; set; }

    public bool CoversDay(DateOnly day) => From <= day && (To is null || day <= To);

    /// <summary>"M. Christian DUPESSEY": the register's way, family name in capitals.</summary>
    public string DisplayName => string.Join(" ", new[] { Civility, FirstName, LastName.ToUpperInvariant() }.Where(s => !string.IsNullOrWhiteSpace(s)));
    /// <summary>"Christian DUPESSEY".</summary>
    public string PlainName => string.Join(" ", new[] { FirstName, LastName.ToUpperInvariant() }.Where(s => !string.IsNullOrWhiteSpace(s)));

    public static void Validate(string? firstName, string? lastName, DateOnly from, DateOnly? to, MandateRole role, int? substituteOf)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(lastName))
            problems.Add(new("lastName", new("Le nom du membre est obligatoire.", "The member's family name is required.")));
        if (to is { } end && end < from)
            problems.Add(new("to", new("La fin du mandat ne précède pas son début.", "The mandate cannot end before it starts.")));
        if (role == MandateRole.Titular && substituteOf is not null)
            problems.Add(new("substituteOf", new("Seul un suppléant est « suppléant de » quelqu'un.", "Only a substitute stands in for someone.")));
        RuleViolation.ThrowIfAny(problems);
    }
}

public static class GovernanceText
{
    public static LocalizedText Describe(this BodyKind kind) => kind switch
    {
        BodyKind.SteeringCommittee => new("Comité de pilotage", "Steering committee"),
        BodyKind.TechnicalCommittee => new("Comité technique", "Technical committee"),
        BodyKind.ProgrammingCommittee => new("Comité de programmation", "Programming committee"),
        BodyKind.ComiteSyndical => new("Comité syndical", "Joint authority committee"),
        BodyKind.Board => new("Conseil d'administration", "Board"),
        _ => new("Groupe de travail", "Working group"),
    };

    public static string ApiName(this BodyKind kind) => kind switch
    {
        BodyKind.SteeringCommittee => "steering-committee",
        BodyKind.TechnicalCommittee => "technical-committee",
        BodyKind.ProgrammingCommittee => "programming-committee",
        BodyKind.ComiteSyndical => "comite-syndical",
        BodyKind.Board => "board",
        _ => "working-group",
    };

    public static LocalizedText Describe(this MandateRole role) => role == MandateRole.Titular ? new("Titulaire", "Titular") : new("Suppléant", "Substitute");

    public static LocalizedText Describe(this AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => new("Présent", "Present"),
        AttendanceStatus.Replaced => new("Remplacé par son suppléant", "Replaced by a substitute"),
        AttendanceStatus.Represented => new("Représenté (pouvoir)", "Represented (proxy)"),
        AttendanceStatus.Excused => new("Excusé", "Excused"),
        _ => new("Absent", "Absent"),
    };

    public static string ApiName(this AttendanceStatus status) => status.ToString().ToLowerInvariant();
}
