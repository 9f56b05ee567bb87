using System.Globalization;
using Maillage.Platform.Localization;

namespace Maillage.Platform.Errors;

/// <summary>
/// The one rule on text that comes in, wherever it comes from (a form, a JSON body, a query string, a route value, an
/// import): no character that a person cannot see or type and that breaks what reads the text later — NUL (PostgreSQL
/// refuses it in text), the other C0 and C1 control characters, an unpaired surrogate, and the bidirectional overrides
/// and isolates (U+202A–U+202E, U+2066–U+2069) that make a name or a title read differently from what it is. Tab and
/// line breaks are allowed only in text that may have lines (a description, an answer); a single-line value (a name, a
/// title, an email address) refuses them too, so that it cannot add a line to a mail header or a CSV row.
/// </summary>
public static class TextInput
{
    /// <summary>The first character of <paramref name="value"/> that the rule refuses, with its position, or null.</summary>
    public static (int Index, int CodePoint)? FirstRefused(string value, bool multiLine)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return (i, c);
            if (c < ' ' ? !(multiLine && c is '\t' or '\n' or '\r')
                : c is >= '\u007f' and <= '\u009f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069')
                return (i, c);
        }
        return null;
    }

    /// <summary>The rule broken by <paramref name="value"/> in <paramref name="field"/>, naming the character and where it is; null if none.</summary>
    public static RuleViolation? Problem(string field, string? value, bool multiLine, int status = 422)
    {
        if (value is null || FirstRefused(value, multiLine) is not { } bad) return null;
        var code = $"U+{bad.CodePoint:X4}";
        var position = bad.Index + 1;
        LocalizedText text = bad.CodePoint is '\n' or '\r' or '\t'
            ? new($"Ce champ tient sur une ligne : retirez le retour à la ligne ou la tabulation ({code}, caractère {position}).",
                  $"This field is a single line: remove the line break or tab ({code}, character {position}).")
            : new($"Ce champ contient un caractère de contrôle invisible ({code}, caractère {position}) : retirez-le.",
                  $"This field contains an invisible control character ({code}, character {position}): remove it.");
        return new RuleViolation(field, text, status);
    }

    /// <summary>Throws <see cref="Problem"/> if there is one.</summary>
    public static void Check(string field, string? value, bool multiLine = false, int status = 422)
    {
        if (Problem(field, value, multiLine, status) is { } rule) throw rule;
    }

    /// <summary>
    /// Whether a stored text property is single-line, by its name: names, titles, email addresses, phone numbers, slugs
    /// and addresses on the web (<c>FirstName</c>, <c>Title</c>, <c>VenueName</c>, <c>Email</c>, <c>OnlineUrl</c>…).
    /// Every other text may have lines.
    /// </summary>
    public static bool IsSingleLine(string propertyName) =>
        SingleLineSuffixes.Any(s => propertyName.EndsWith(s, StringComparison.Ordinal));

    private static readonly string[] SingleLineSuffixes = ["Name", "Title", "Email", "Phone", "Slug", "Url", "Token", "Key"];
}

/// <summary>
/// Dates and times that come in: a year between <see cref="MinYear"/> and <see cref="MaxYear"/> (outside it a date is a
/// typing error, and 0001-01-01 or 9999-12-31 overflow the arithmetic of periods), written YYYY-MM-DD.
/// </summary>
public static class DateInput
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>Reads a YYYY-MM-DD date; null for an empty value; a 400 naming <paramref name="field"/> for anything else.</summary>
    public static DateOnly? Parse(string? value, string field, int status = 400)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new RuleViolation(field, new($"« {Shown(value)} » n'est pas une date existante (AAAA-MM-JJ).", $"\"{Shown(value)}\" is not an existing date (YYYY-MM-DD)."), status);
        CheckYear(date.Year, field, status);
        return date;
    }

    /// <summary>
    /// A form's date: as an &lt;input type="date"&gt; sends it (2026-12-24) or typed by hand (24/12/2026), an existing
    /// day in <see cref="MinYear"/>–<see cref="MaxYear"/>; false otherwise (the form names the field in its own words).
    /// </summary>
    public static bool TryParseForm(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && Problem(date.Year, "") is null;

    /// <summary>Refuses a year outside <see cref="MinYear"/>–<see cref="MaxYear"/>, naming <paramref name="field"/>.</summary>
    public static void CheckYear(int year, string field, int status = 422)
    {
        if (Problem(year, field, status) is { } rule) throw rule;
    }

    /// <summary>The rule a year outside <see cref="MinYear"/>–<see cref="MaxYear"/> breaks, or null.</summary>
    public static RuleViolation? Problem(int year, string field, int status = 422) =>
        year is < MinYear or > MaxYear
            ? new RuleViolation(field, new($"L'année doit être comprise entre {MinYear} et {MaxYear}.", $"The year must be between {MinYear} and {MaxYear}."), status)
            : null;

    /// <summary>A value quoted back in a message, cut and without its control characters.</summary>
    internal static string Shown(string value)
    {
        var cut = value.Length > 40 ? value[..40] + "…" : value;
        return new string(cut.Select(c => TextInput.FirstRefused(c.ToString(), multiLine: false) is null ? c : '?').ToArray());
    }
}

/// <summary>Page numbers and sizes that come in: 1 to <see cref="MaxPage"/> (a larger one overflows an offset).</summary>
public static class PageInput
{
    public const int MaxPage = 100_000;

    /// <summary>The page asked for, 1 when none; a 400 naming <paramref name="field"/> outside 1–<see cref="MaxPage"/>.</summary>
    public static int Page(int? page, string field = "page") =>
        page switch
        {
            null => 1,
            < 1 or > MaxPage => throw new RuleViolation(field, new($"La page va de 1 à {MaxPage}.", $"The page is 1 to {MaxPage}."), 400),
            _ => page.Value,
        };

    /// <summary>The page read from a query-string text (pages read it by hand), 1 when absent or not a number in range.</summary>
    public static int PageOrFirst(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPage ? n : 1;
}
