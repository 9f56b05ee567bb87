using System.Globalization;

namespace Maillage.Platform.Localization;

/// <summary>
/// Dates written for people, in the reader's language. French writes day and month names in lower case
/// ("vendredi 4 décembre 2026"), English capitalises them ("Friday 4 December 2026"); a French date that opens
/// a sentence or a line on its own gets a capital with <see cref="SentenceStart"/>, nowhere else.
/// Every page, e-mail and export that writes a long date goes through here, so that they all read alike.
/// </summary>
public static class HumanDates
{
    /// <summary>The culture dates are written in: the request's one (fr-FR, fr-CH or en).</summary>
    public static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>French (France) and English (United Kingdom), for a text written in both languages at once. Read once:
    /// <see cref="CultureInfo.GetCultureInfo(string)"/> takes a process-wide lock, which a hot path felt (the booking rush).</summary>
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR"), English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"vendredi 4 décembre 2026" / "Friday 4 December 2026"; "mardi 1er décembre 2026" in French.</summary>
    public static string Day(DateOnly date, CultureInfo? culture = null) => Day(date.ToDateTime(TimeOnly.MinValue), culture);

    /// <inheritdoc cref="Day(DateOnly, CultureInfo?)"/>
    public static string Day(DateTime date, CultureInfo? culture = null) => Format(date, "dddd {d} MMMM yyyy", culture);

    /// <summary>"vendredi 4 décembre" / "Friday 4 December", for a date in the coming weeks.</summary>
    public static string DayWithoutYear(DateOnly date, CultureInfo? culture = null) => Format(date.ToDateTime(TimeOnly.MinValue), "dddd {d} MMMM", culture);

    /// <summary>"4 décembre 2026" / "4 December 2026"; "1er décembre 2026" in French.</summary>
    public static string Date(DateOnly date, CultureInfo? culture = null) => Date(date.ToDateTime(TimeOnly.MinValue), culture);

    /// <inheritdoc cref="Date(DateOnly, CultureInfo?)"/>
    public static string Date(DateTime date, CultureInfo? culture = null) => Format(date, "{d} MMMM yyyy", culture);

    /// <summary>"vendredi 4 décembre 2026, 14:00" / "Friday 4 December 2026, 14:00".</summary>
    public static string DayAndTime(DateTime moment, CultureInfo? culture = null) => $"{Day(moment, culture)}, {moment:HH:mm}";

    /// <summary>"décembre 2026" / "December 2026".</summary>
    public static string Month(DateOnly month, CultureInfo? culture = null) => month.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", culture ?? Culture);

    /// <summary>The weekday alone: "vendredi" / "Friday".</summary>
    public static string Weekday(DateTime date, CultureInfo? culture = null) => date.ToString("dddd", culture ?? Culture);

    // French writes the first of the month as an ordinal, "1er", every other day as a number.
    private static string Format(DateTime date, string pattern, CultureInfo? culture)
    {
        culture ??= Culture;
        var day = date.Day == 1 && culture.TwoLetterISOLanguageName == "fr" ? "'1er'" : "d";
        return date.ToString(pattern.Replace("{d}", day), culture);
    }

    /// <summary>A capital for the first letter, where the text starts a sentence ("Vendredi 4 décembre : fermé").</summary>
    public static string SentenceStart(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpper(text[0], Culture) + text[1..];
}
