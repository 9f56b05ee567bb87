namespace Maillage.Network;

/// <summary>Settings directly under <c>Maillage</c> that the network reads.</summary>
internal sealed class NetworkOptions
{
    public const string Section = "Maillage";

    /// <summary>Load the reference network (Grand Genève, Marseille-PACA) into a database that has none, at every start.</summary>
    public bool SeedReferenceNetwork { get; set; } = true;
}
