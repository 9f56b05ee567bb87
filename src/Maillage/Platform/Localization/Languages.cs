using System.Globalization;

namespace Maillage.Platform.Localization;

/// <summary>
/// Languages by name, never by code: a visitor reads "Langue : français", not "Langue : FR".
/// The list is what an event can be held in (the event form offers it); another code, from an import or the API,
/// is named by .NET in its own language ("Deutsch"), or shown as given when .NET does not know it.
/// </summary>
public static class Languages
{
    public static readonly IReadOnlyList<(string Code, LocalizedText Name)> Offered =
    [
        ("fr", new("français", "French")),
        ("en", new("anglais", "English")),
        ("de", new("allemand", "German")),
        ("it", new("italien", "Italian")),
        ("es", new("espagnol", "Spanish")),
    ];

    /// <summary>The name of the language <paramref name="code"/> in the reader's language, lower-case in French as in a sentence.</summary>
    public static string Name(string code)
    {
        foreach (var (known, name) in Offered)
            if (string.Equals(known, code, StringComparison.OrdinalIgnoreCase)) return name;
        try
        {
            // ICU makes up a culture for any well-formed tag, named after its code ("zz (UNKNOWN)"): that is no name.
            var culture = CultureInfo.GetCultureInfo(code);
            var language = culture.TwoLetterISOLanguageName;
            return culture.NativeName.Length == 0 || culture.EnglishName.StartsWith(language, StringComparison.OrdinalIgnoreCase) ? code : culture.NativeName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
