using Maillage.Platform.Localization;
using Maillage.Visits.Categories;

namespace Maillage.Visits.Reception;

/// <summary>A group of large radio or checkbox tiles (a fieldset), with an optional keyboard key per tile.</summary>
internal sealed record TileGroup(string Field, string Legend, IReadOnlyList<Tile> Tiles, bool Multiple = false, string? Error = null, string? Hint = null)
{
    public string Name => $"{VisitForm.Prefix}.{Field}";
    public string Id => $"{VisitForm.Prefix}_{Field}";

    public static TileGroup Of<T>(string field, LocalizedText legend, IEnumerable<T> values, Func<T, LocalizedText> label,
        Func<T, bool> selected, Func<int, string?>? key = null, bool multiple = false, string? error = null) where T : struct, Enum =>
        new(field, legend, values.Select((v, i) => new Tile(CategoryText.ApiName(v), label(v), selected(v), key?.Invoke(i))).ToList(), multiple, error);
}

internal sealed record Tile(string Value, string Label, bool Selected, string? Key = null);

/// <summary>First visit, residence and diploma: the optional fields shared by the reception and counsellor forms.</summary>
internal sealed record MoreFields(VisitForm Input, IReadOnlyList<Network.Territory> Territories);
