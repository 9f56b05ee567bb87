using System.Globalization;
using Maillage.Platform.Localization;

namespace Maillage.Tests.Platform.Localization;

/// <summary>Issue 19, item 8: real plural forms instead of "lieu(x)", each language by its own rule.</summary>
public sealed class PluralTests
{
    [Theory]
    [InlineData(0, "0 lieu", "0 places")]
    [InlineData(1, "1 lieu", "1 place")]
    [InlineData(2, "2 lieux", "2 places")]
    [InlineData(9, "9 lieux", "9 places")]
    public void Given_a_count_Then_French_makes_0_and_1_singular_and_English_only_1(long n, string french, string english)
    {
        var text = Plural.Of(n, "{n} lieu", "{n} lieux", "{n} place", "{n} places");
        Assert.Equal(french, text.Fr);
        Assert.Equal(english, text.En);
    }

    [Theory]
    [InlineData(0, "0 personne est inscrite", "0 people are registered")]
    [InlineData(1, "1 personne est inscrite", "1 person is registered")]
    [InlineData(2, "2 personnes sont inscrites", "2 people are registered")]
    public void Given_irregular_forms_and_agreement_across_a_phrase_Then_each_form_is_used_as_written(long n, string french, string english)
    {
        var text = Plural.Of(n, "{n} personne est inscrite", "{n} personnes sont inscrites", "{n} person is registered", "{n} people are registered");
        Assert.Equal(french, text.Fr);
        Assert.Equal(english, text.En);
    }

    [Theory]
    [InlineData("0", "0 jour", "0 days")]
    [InlineData("0.5", "0,5 jour", "0.5 days")]
    [InlineData("1", "1 jour", "1 day")]
    [InlineData("1.0", "1 jour", "1 day")]
    [InlineData("1.5", "1,5 jour", "1.5 days")]
    [InlineData("1.96", "2 jours", "2 days")] // rounded to one decimal before the form is chosen
    [InlineData("2", "2 jours", "2 days")]
    [InlineData("12.5", "12,5 jours", "12.5 days")]
    public void Given_an_amount_with_a_fraction_Then_French_is_singular_below_2_English_only_for_1_each_with_its_decimal_sign(string amount, string french, string english)
    {
        var text = Plural.Of(decimal.Parse(amount, CultureInfo.InvariantCulture), "{n} jour", "{n} jours", "{n} day", "{n} days");
        Assert.Equal(french, text.Fr);
        Assert.Equal(english, text.En);
    }

    [Fact]
    public void Given_a_form_without_the_number_Then_the_word_alone_is_chosen()
    {
        Assert.Equal("visite", Plural.Of(1, "visite", "visites", "visit", "visits").Fr);
        Assert.Equal("visits", Plural.Of(0, "visite", "visites", "visit", "visits").En);
        Assert.Equal("3. Importer l'action valide", Plural.Of(1, "3. Importer l'action valide", "3. Importer les {n} actions valides", "x", "y").Fr);
        Assert.Equal("3. Importer les 4 actions valides", Plural.Of(4, "3. Importer l'action valide", "3. Importer les {n} actions valides", "x", "y").Fr);
    }

    [Fact]
    public void Given_the_readers_language_Then_Count_writes_the_number_and_the_word_in_it()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("1 territoire", Plural.Count(1, "territoire", "territoires", "territory", "territories"));
            Assert.Equal("0 territoire", Plural.Count(0, "territoire", "territoires", "territory", "territories"));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("0 territories", Plural.Count(0, "territoire", "territoires", "territory", "territories"));
            Assert.Equal("2 territories", Plural.Count(2, "territoire", "territoires", "territory", "territories"));
            Assert.Equal("1 territory", Plural.Count(1, "territoire", "territoires", "territory", "territories"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData(-1, false, false)]
    [InlineData(-2, true, true)]
    [InlineData(1_000_000, true, true)]
    public void Given_negative_and_large_counts_Then_the_rules_hold(long n, bool frenchPlural, bool englishPlural)
    {
        Assert.Equal(frenchPlural, Plural.IsFrenchPlural(n));
        Assert.Equal(englishPlural, Plural.IsEnglishPlural(n));
    }

    [Fact]
    public void Given_command_line_output_Then_English_alone_follows_the_English_rule()
    {
        Assert.Equal("1 demo user", Plural.English(1, "{n} demo user", "{n} demo users"));
        Assert.Equal("0 demo users", Plural.English(0, "{n} demo user", "{n} demo users"));
    }

    [Fact]
    public void Given_two_bilingual_parts_Then_joining_them_keeps_both_languages()
    {
        var text = new LocalizedText("Séance du 4/12 : ", "Occurrence of 4/12: ") + Plural.Of(2, "{n} personne", "{n} personnes", "{n} person", "{n} people");
        Assert.Equal("Séance du 4/12 : 2 personnes", text.Fr);
        Assert.Equal("Occurrence of 4/12: 2 people", text.En);
    }
}

/// <summary>Issue 19, item 8: dates for people are lower-case in French, "1er" for the first of the month; languages by name.</summary>
public sealed class HumanDatesTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void Given_a_date_Then_French_writes_day_and_month_in_lower_case_and_English_capitalises_them()
    {
        var friday = new DateOnly(2026, 12, 4);
        Assert.Equal("vendredi 4 décembre 2026", HumanDates.Day(friday, French));
        Assert.Equal("vendredi 4 décembre", HumanDates.DayWithoutYear(friday, French));
        Assert.Equal("Friday 4 December 2026", HumanDates.Day(friday, English));
        Assert.Equal("4 décembre 2026", HumanDates.Date(friday, French));
        Assert.Equal("vendredi 4 décembre 2026, 14:30", HumanDates.DayAndTime(new DateTime(2026, 12, 4, 14, 30, 0), French));
        Assert.Equal("décembre 2026", HumanDates.Month(friday, French));
    }

    [Fact]
    public void Given_the_first_of_the_month_Then_French_writes_1er_and_English_1()
    {
        var first = new DateOnly(2026, 12, 1);
        Assert.Equal("mardi 1er décembre 2026", HumanDates.Day(first, French));
        Assert.Equal("1er décembre 2026", HumanDates.Date(first, French));
        Assert.Equal("Tuesday 1 December 2026", HumanDates.Day(first, English));
        Assert.Equal("11 décembre 2026", HumanDates.Date(new DateOnly(2026, 12, 11), French));
    }

    [Fact]
    public void Given_a_date_opening_a_sentence_Then_only_its_first_letter_is_capitalised()
    {
        Assert.Equal("Vendredi 4 décembre 2026", HumanDates.SentenceStart("vendredi 4 décembre 2026"));
        Assert.Equal("", HumanDates.SentenceStart(""));
    }

    [Fact]
    public void Given_a_language_code_Then_its_name_is_shown_in_the_readers_language()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = French;
            Assert.Equal("français", Languages.Name("fr"));
            Assert.Equal("allemand", Languages.Name("DE"));
            CultureInfo.CurrentUICulture = English;
            Assert.Equal("French", Languages.Name("fr"));
            Assert.Equal("Nederlands", Languages.Name("nl"));
            Assert.Equal("zz-unknown", Languages.Name("zz-unknown"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
