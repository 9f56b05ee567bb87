using Maillage.Platform.Tenancy;

namespace Maillage.Entrepreneurship;

/// <summary>
/// A coaching programme (the CitésLab of Annemasse Agglo, run by the Maison de l'Economie Développement, with its
/// permanence at the QPV Saint-Georges): its staff are the holders of the role <c>EntrepreneurshipCoach</c> on its place —
/// its permanence (or the structure above it), its operating partner — and nobody else (<see cref="ProgrammeAccess"/>).
/// </summary>
public sealed class Programme : ITenantOwned
{
    public const int MaxName = 200;
    public int Id { get; set; }
    public int CiteId { get; set; }
    public required string Name { get; set; }
    /// <summary>The permanence where its coaches receive people: a coach's role on it (or above it) opens the programme.</summary>
    public int? StructureId { get; set; }
    /// <summary>The partner that runs it: a coach's role on that partner opens the programme.</summary>
    public int? OperatorPartnerId { get; set; }
    public string? Source { get; set; }
    public List<ReferralPartner> Partners { get; set; } = [];
    public List<ProgrammeTarget> Targets { get; set; } = [];
}

/// <summary>
/// A partner a holder is referred to (Rez'Up business-plan workshops, ADIE, France Active, Initiative Genevois,
/// Réseau Entreprendre): the programme's own list; a referral names one of them by its key.
/// </summary>
public sealed class ReferralPartner
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    /// <summary>Stable key used by the API (<c>adie</c>, <c>france-active</c>...).</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    /// <summary>Common-law support (business-plan workshops) or a financing network.</summary>
    public ReferralKind Kind { get; set; }

    /// <summary>Optional: the person at the partner who receives the referrals (<see cref="Partners.PartnerLinks"/>).</summary>
    public string? ContactName { get; set; }
    /// <inheritdoc cref="ContactName"/>
    public string? ContactEmail { get; set; }
    /// <summary>Whether a referral to this partner is e-mailed to its contact with a link to answer (if the person consents to sharing).</summary>
    public bool AnswersByLink { get; set; }
}

public enum ReferralKind { Support, Financing }

/// <summary>A yearly target of the programme's convention, named after the indicator it is read against.</summary>
public sealed class ProgrammeTarget
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public int Year { get; set; }
    public required string Indicator { get; set; }
    public decimal Value { get; set; }
}
