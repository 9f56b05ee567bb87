using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Network;

/// <summary>An organisation that funds, prescribes or provides services in a Cité.</summary>
public sealed class Partner : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public required string Name { get; set; }
    public PartnerType Type { get; set; }
    public PartnerRoles Roles { get; set; }
    /// <summary>The publics it serves, in words.</summary>
    public string? Publics { get; set; }
    public string? Website { get; set; }
    public string? Source { get; set; }
    public List<PartnerPole> Poles { get; set; } = [];
}

/// <summary>A partner staffs a pole. Carries the Cité like everything else, so tenancy filters it too.</summary>
public sealed class PartnerPole : ITenantOwned
{
    public int CiteId { get; set; }
    public int PartnerId { get; set; }
    public Partner Partner { get; set; } = null!;
    public int PoleId { get; set; }
    public Pole Pole { get; set; } = null!;
}

public enum PartnerType
{
    Cio, FranceTravail, MissionLocale, CapEmploi, Cidff, ChambreConsulaire, Association, Collectivite, Entreprise, FinancingNetwork, Other,
}

[Flags]
public enum PartnerRoles { None = 0, Funder = 1, Prescriber = 2, Provider = 4 }

public static class PartnerText
{
    public static LocalizedText Describe(this PartnerType type) => type switch
    {
        PartnerType.Cio => new("Centre d'information et d'orientation (CIO)", "Guidance centre (CIO)"),
        PartnerType.FranceTravail => new("France Travail", "France Travail (public employment service)"),
        PartnerType.MissionLocale => new("Mission locale", "Mission locale (youth employment)"),
        PartnerType.CapEmploi => new("Cap emploi", "Cap emploi (disability and employment)"),
        PartnerType.Cidff => new("CIDFF", "CIDFF (women's and family rights)"),
        PartnerType.ChambreConsulaire => new("Chambre consulaire", "Chamber of commerce or trades"),
        PartnerType.Association => new("Association", "Non-profit association"),
        PartnerType.Collectivite => new("Collectivité", "Local authority"),
        PartnerType.Entreprise => new("Entreprise", "Company"),
        PartnerType.FinancingNetwork => new("Réseau de financement", "Financing network"),
        _ => new("Autre", "Other"),
    };

    public static IEnumerable<PartnerRoles> Each(this PartnerRoles roles) =>
        new[] { PartnerRoles.Funder, PartnerRoles.Prescriber, PartnerRoles.Provider }.Where(r => roles.HasFlag(r));

    public static LocalizedText Describe(this PartnerRoles role) => role switch
    {
        PartnerRoles.Funder => new("Financeur", "Funder"),
        PartnerRoles.Prescriber => new("Prescripteur", "Prescriber"),
        PartnerRoles.Provider => new("Prestataire", "Provider"),
        _ => new("Aucun", "None"),
    };
}
