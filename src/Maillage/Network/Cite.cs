using Maillage.Platform.Localization;

namespace Maillage.Network;

/// <summary>A Cité des métiers: the tenant. One installation hosts several.</summary>
public sealed class Cite : Platform.Tenancy.ITenant
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public LabelStatus LabelStatus { get; set; }
    public DateOnly? LabelSince { get; set; }
    public string? LabelReserves { get; set; }
    public string? CoordinatingBody { get; set; }
    /// <summary>The area the Cité serves, in words (e.g. "Grand Genève").</summary>
    public string? Area { get; set; }
    public string? Description { get; set; }
    /// <summary>Where each fact comes from, for reference data.</summary>
    public string? Source { get; set; }
}

public enum LabelStatus { None, Project, Operating }

internal static class LabelStatusText
{
    public static LocalizedText Describe(this LabelStatus status) => status switch
    {
        LabelStatus.Project => new("Label projet", "Project label"),
        LabelStatus.Operating => new("Label fonctionnement", "Operating label"),
        _ => new("Non labellisée", "Not labelled"),
    };
}
