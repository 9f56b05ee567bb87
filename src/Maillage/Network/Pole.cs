using Maillage.Platform.Tenancy;

namespace Maillage.Network;

/// <summary>A counselling pole, named as users phrase their concern ("Créer son activité").</summary>
public sealed class Pole : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Description { get; set; }
    public int Order { get; set; }
    public List<PartnerPole> Partners { get; set; } = [];

    public string DisplayName => Platform.Localization.LocalizedText.IsEnglish && NameEn is not null ? NameEn : Name;
}
