using Maillage.Network;
using Maillage.Platform.Errors;

namespace Maillage.Tests.Network;

public sealed class StructureRulesTests
{
    private static Structure New(StructureKind kind) => new() { Kind = kind, Name = "Test", Slug = "test" };

    [Fact]
    public void A_site_takes_seven_poles_and_refuses_an_eighth_with_a_clear_message()
    {
        var site = New(StructureKind.Site);
        for (var i = 1; i <= 7; i++) site.AddPole($"Pôle {i}");
        var refused = Assert.Throws<RuleViolation>(() => site.AddPole("Pôle 8"));
        Assert.Equal("Name", refused.Field);
        Assert.Contains("au plus 7 pôles", refused.Text.Fr);
        Assert.Contains("at most 7", refused.Text.En);
        Assert.Equal(7, site.Poles.Count);
    }

    [Fact]
    public void A_site_under_three_poles_carries_a_warning_and_a_centre_associe_does_not()
    {
        var site = New(StructureKind.Site);
        site.AddPole("Créer son activité");
        site.AddPole("Trouver son emploi");
        Assert.NotNull(site.PoleWarning);
        site.AddPole("S'orienter");
        Assert.Null(site.PoleWarning);
        var centre = New(StructureKind.CentreAssocie);
        centre.AddPole("Créer son activité");
        Assert.Null(centre.PoleWarning);
        for (var i = 0; i < 8; i++) centre.AddPole($"Pôle {i}");
        Assert.Equal(9, centre.Poles.Count);
    }

    [Fact]
    public void A_pole_name_is_required_and_unique_in_its_structure()
    {
        var site = New(StructureKind.Site);
        site.AddPole("Créer son activité");
        Assert.Throws<RuleViolation>(() => site.AddPole("  créer son activité "));
        Assert.Throws<RuleViolation>(() => site.AddPole(" "));
    }

    [Fact]
    public void Weekly_hours_are_replaced_whole_or_not_at_all()
    {
        var s = New(StructureKind.PointRelais);
        s.ReplaceWeeklyHours([(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(12, 0))]);
        Assert.Throws<RuleViolation>(() => s.ReplaceWeeklyHours([
            (DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)), (DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(11, 0))]));
        var kept = Assert.Single(s.WeeklyHours);
        Assert.Equal(DayOfWeek.Tuesday, kept.Day);
    }

    [Fact]
    public void An_exceptional_opening_needs_its_hours()
    {
        var s = New(StructureKind.PointRelais);
        Assert.Throws<RuleViolation>(() => s.AddException(new DateOnly(2026, 12, 1), closed: false, null, null, "forum"));
        Assert.Throws<RuleViolation>(() => s.AddException(new DateOnly(2026, 12, 1), closed: false, new TimeOnly(16, 0), new TimeOnly(10, 0), "forum"));
        s.AddException(new DateOnly(2026, 12, 1), closed: true, null, null, "inventaire");
        Assert.Single(s.Exceptions);
    }

    [Fact]
    public void The_OpenStreetMap_link_points_at_the_coordinates()
    {
        var s = New(StructureKind.Site);
        Assert.Null(s.OpenStreetMapUrl);
        s.Latitude = 43.2993;
        s.Longitude = 5.3656;
        Assert.Equal("https://www.openstreetmap.org/?mlat=43.2993&mlon=5.3656#map=17/43.2993/5.3656", s.OpenStreetMapUrl);
    }
}
