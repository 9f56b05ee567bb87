using Maillage.Network;
using Maillage.Visits;
using Maillage.Visits.Categories;

namespace Maillage.Tests.Visits;

public sealed class VisitRulesTests
{
    [Theory]
    [InlineData("2026-11-23T09:00:00Z", "2026-11-23T09:00:00Z")]
    [InlineData("2026-11-23T09:14:59Z", "2026-11-23T09:00:00Z")]
    [InlineData("2026-11-23T09:15:00Z", "2026-11-23T09:15:00Z")]
    [InlineData("2026-11-23T10:59:59+01:00", "2026-11-23T09:45:00Z")]
    [InlineData("1969-12-31T23:59:00Z", "1969-12-31T23:45:00Z")]
    public void A_time_is_stored_rounded_down_to_its_quarter_hour(string time, string expected)
    {
        var quarter = QuarterHour.Of(DateTimeOffset.Parse(time));
        Assert.Equal(DateTimeOffset.Parse(expected), QuarterHour.ToTime(quarter));
        Assert.Equal(DateTimeOffset.Parse(expected).ToUnixTimeSeconds(), (long)quarter * 900);
    }

    [Fact]
    public void Every_combination_of_the_packed_categories_reads_back_as_written()
    {
        bool?[] firsts = [null, true, false];
        PartnerType?[] referrals = [null, .. Enum.GetValues<PartnerType>()];
        foreach (var first in firsts)
        foreach (var duration in Enum.GetValues<DurationBracket>())
        foreach (var referral in referrals)
        foreach (var diploma in Enum.GetValues<DiplomaLevel>())
        foreach (var source in Enum.GetValues<EntrySource>())
        {
            var extra = VisitExtra.Pack(first, duration, referral, diploma, source);
            Assert.True(extra >= 0);
            Assert.Equal(first, VisitExtra.FirstVisit(extra));
            Assert.Equal(duration, VisitExtra.Duration(extra));
            Assert.Equal(referral, VisitExtra.Referral(extra));
            Assert.Equal(diploma, VisitExtra.Diploma(extra));
            Assert.Equal(source, VisitExtra.Source(extra));
        }
    }

    [Theory]
    [InlineData(null, Residence.NotSaid)]
    [InlineData("outsideSwitzerland", Residence.OutsideSwitzerland)]
    [InlineData("territory:42", 42)]
    [InlineData("territory:-3", int.MinValue)]
    [InlineData("territory:", int.MinValue)]
    [InlineData("74100 Annemasse", int.MinValue)]
    public void Residence_is_a_territory_of_the_Cite_or_an_area_outside(string? value, int expected) =>
        Assert.Equal(expected, VisitIntake.ParseResidence(value));

    [Fact]
    public void Api_names_are_those_of_the_issue()
    {
        Assert.Equal(["under16", "16-25", "26-44", "45-54", "55plus"], Enum.GetValues<AgeBracket>().Select(v => CategoryText.ApiName(v)));
        Assert.Equal(["walkIn", "phone", "email", "outreach"], Enum.GetValues<Channel>().Select(v => CategoryText.ApiName(v)));
        Assert.Equal(["female", "male", "other", "notSaid"], Enum.GetValues<Gender>().Select(v => CategoryText.ApiName(v)));
        Assert.Equal(["pupil", "student", "apprentice", "jobSeeker", "employee", "selfEmployed", "senior", "parent", "professional", "other"],
            Enum.GetValues<PublicStatus>().Select(v => CategoryText.ApiName(v)));
        Assert.True(CategoryText.TryParse<AgeBracket>("16-25", out var age) && age == AgeBracket.From16To25);
        Assert.False(CategoryText.TryParse<AgeBracket>("From16To25", out _));
    }

    [Fact]
    public void The_record_has_no_field_that_could_hold_an_identity()
    {
        var properties = typeof(Visit).GetProperties().Where(p => p.CanWrite).ToList();
        Assert.DoesNotContain(properties, p => p.PropertyType == typeof(string) || p.PropertyType == typeof(DateTime) || p.PropertyType == typeof(DateOnly));
        Assert.All(properties, p => Assert.True(p.PropertyType.IsEnum || p.PropertyType == typeof(int) || p.PropertyType == typeof(short), p.Name));
    }

    [Theory]
    [InlineData("S'orienter, choisir sa formation", Needs.Orientation)]
    [InlineData("Faire évoluer sa vie professionnelle", Needs.TrainingCareerChange)]
    [InlineData("Trouver son emploi, son stage", Needs.JobSearch)]
    [InlineData("Créer son activité", Needs.BusinessCreation)]
    [InlineData("Stages et apprentissage", Needs.InternshipApprenticeship)]
    [InlineData("Accueil des familles", Needs.Other)]
    public void A_pole_stands_for_the_theme_its_name_says(string name, Needs theme) =>
        Assert.Equal(theme, CategoryText.ThemeOf(new Pole { Name = name }));
}
