using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Network;

/// <summary>
/// Communes grouped in EPCIs (France) or cantons (Switzerland), and priority neighbourhoods (QPV)
/// inside a commune. Everything that happens at a structure is attributable to a territory.
/// </summary>
public sealed class Territory : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public TerritoryKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Official code: INSEE for French communes, SIREN for EPCIs, OFS for Swiss communes.</summary>
    public string? Code { get; set; }
    public int? ParentId { get; set; }
    public Territory? Parent { get; set; }
}

public enum TerritoryKind { Commune, Epci, Canton, Qpv }

internal static class TerritoryKindText
{
    public static LocalizedText Describe(this TerritoryKind kind) => kind switch
    {
        TerritoryKind.Commune => new("Commune", "Municipality"),
        TerritoryKind.Epci => new("Intercommunalité (EPCI)", "Inter-municipal authority (EPCI)"),
        TerritoryKind.Canton => new("Canton", "Canton"),
        _ => new("Quartier prioritaire (QPV)", "Priority neighbourhood (QPV)"),
    };
}
