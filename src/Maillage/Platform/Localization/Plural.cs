using System.Globalization;

namespace Maillage.Platform.Localization;

/// <summary>
/// Real plural forms instead of "lieu(x)" or "place(s)". The two languages do not share a rule: in French 0 and 1
/// take the singular ("0 lieu", "1 lieu", "2 lieux"), in English only 1 does ("0 places", "1 place", "2 places").
/// Every form is written out, so irregular plurals ("lieu"/"lieux", "person"/"people") and agreement across a whole
/// phrase ("1 personne ajoutée", "3 personnes ajoutées") need nothing special.
/// <para>A form may hold <c>{n}</c> where the number goes; <see cref="Count"/> puts the number in front instead.</para>
/// </summary>
public static class Plural
{
    /// <summary>French: 0 and 1 are singular, 2 and more plural (and -2 and less).</summary>
    public static bool IsFrenchPlural(long n) => Math.Abs(n) >= 2;

    /// <summary>English: 1 is singular, everything else (0 included) plural.</summary>
    public static bool IsEnglishPlural(long n) => Math.Abs(n) != 1;

    /// <summary>The form for <paramref name="n"/> in both languages, each by its own rule, <c>{n}</c> replaced.</summary>
    public static LocalizedText Of(long n, string frOne, string frMany, string enOne, string enMany) => new(
        Fill(IsFrenchPlural(n) ? frMany : frOne, n),
        Fill(IsEnglishPlural(n) ? enMany : enOne, n));

    /// <summary>
    /// The form for an amount that may have a fraction, such as days of two half-days (« 1,5 jour », "1.5 days"): rounded to
    /// one decimal, French keeps the singular below 2 (CLDR's rule is on the integer part: 0 and 1), English only for exactly
    /// 1; <c>{n}</c> is written with at most one decimal, each language its own way (« 1,5 », "1.5").
    /// </summary>
    public static LocalizedText Of(decimal n, string frOne, string frMany, string enOne, string enMany)
    {
        n = Math.Round(n, 1, MidpointRounding.AwayFromZero);
        return new(
            (Math.Abs(n) >= 2 ? frMany : frOne).Replace("{n}", n.ToString("0.#", HumanDates.French)),
            (Math.Abs(n) == 1 ? enOne : enMany).Replace("{n}", n.ToString("0.#", HumanDates.English)));
    }

    /// <summary>The number followed by the word in the reader's language: <c>Count(9, "lieu", "lieux", "place", "places")</c> is "9 lieux".</summary>
    public static string Count(long n, string frOne, string frMany, string enOne, string enMany) =>
        Of(n, "{n} " + frOne, "{n} " + frMany, "{n} " + enOne, "{n} " + enMany);

    /// <summary>A form with <c>{n}</c> in English only, for the command line and logs.</summary>
    public static string English(long n, string one, string many) => Fill(IsEnglishPlural(n) ? many : one, n);

    // Written as an interpolated count always was: digits only, whatever the culture.
    private static string Fill(string form, long n) => form.Replace("{n}", n.ToString(CultureInfo.InvariantCulture));
}
