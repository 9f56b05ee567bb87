using System.Globalization;

namespace Maillage.Platform.Localization;

/// <summary>
/// A text in the two languages of the product, French first. The interface picks the one matching
/// the current UI culture. Keeping both side by side lets a reviewer check a translation in one glance.
/// </summary>
public readonly record struct LocalizedText(string Fr, string En)
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public override string ToString() => IsEnglish ? En : Fr;

    public static implicit operator string(LocalizedText text) => text.ToString();

    /// <summary>Both languages joined, each with its own: a sentence built of parts stays bilingual.</summary>
    public static LocalizedText operator +(LocalizedText left, LocalizedText right) => new(left.Fr + right.Fr, left.En + right.En);
}

/// <summary>Shorthand used in pages and endpoints: <c>T("Lieux", "Places")</c>.</summary>
public static class Text
{
    public static string T(string fr, string en) => LocalizedText.IsEnglish ? en : fr;
}
