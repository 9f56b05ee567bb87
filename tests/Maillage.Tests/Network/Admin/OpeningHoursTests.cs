using System.Net;
using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network.Admin;

public sealed class OpeningHoursTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<HttpClient> CoordinatorAsync() => await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");

    private Task<Structure> StructureWithMondayMorningAsync() => app.NewStructureAsync("grand-geneve", StructureKind.CentreAssocie,
        configure: s => s.WeeklyHours.Add(new OpeningRange { Day = DayOfWeek.Monday, Opens = new(9, 0), Closes = new(12, 0) }));

    private Task<List<OpeningRange>> HoursAsync(int id) => app.WithDbAsync(db => db.OpeningRanges.Where(r => r.StructureId == id).OrderBy(r => r.Day).ThenBy(r => r.Opens).ToListAsync());

    [Fact]
    public async Task Given_a_weekly_pattern_When_saving_new_ranges_Then_they_replace_the_old_ones()
    {
        var client = await CoordinatorAsync();
        var structure = await StructureWithMondayMorningAsync();
        var url = $"/gestion/structures/{structure.Id}/horaires";

        var response = await client.PostFormAsync(url + "?handler=Week", new()
        {
            ["Input.Days[1].Ranges[0].Opens"] = "09:00", ["Input.Days[1].Ranges[0].Closes"] = "12:30",
            ["Input.Days[1].Ranges[1].Opens"] = "13:30", ["Input.Days[1].Ranges[1].Closes"] = "17:00",
            ["Input.Days[4].Ranges[0].Opens"] = "10:00", ["Input.Days[4].Ranges[0].Closes"] = "16:00",
        }, formPage: url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var hours = await HoursAsync(structure.Id);
        Assert.Equal([(DayOfWeek.Tuesday, new TimeOnly(9, 0)), (DayOfWeek.Tuesday, new TimeOnly(13, 30)), (DayOfWeek.Friday, new TimeOnly(10, 0))],
            hours.Select(h => (h.Day, h.Opens)).ToList());
        Assert.Contains("value=\"13:30\"", await client.PageTextAsync(url));
    }

    [Fact]
    public async Task Given_overlapping_ranges_on_a_day_When_saving_Then_the_day_shows_the_message_and_nothing_is_saved()
    {
        var client = await CoordinatorAsync();
        var structure = await StructureWithMondayMorningAsync();
        var url = $"/gestion/structures/{structure.Id}/horaires";

        var response = await client.PostFormAsync(url + "?handler=Week", new()
        {
            ["Input.Days[0].Ranges[0].Opens"] = "08:00", ["Input.Days[0].Ranges[0].Closes"] = "12:00",
            ["Input.Days[2].Ranges[0].Opens"] = "09:00", ["Input.Days[2].Ranges[0].Closes"] = "12:00",
            ["Input.Days[2].Ranges[1].Opens"] = "11:00", ["Input.Days[2].Ranges[1].Closes"] = "14:00",
        }, formPage: url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("les plages 09:00–12:00 et 11:00–14:00 se chevauchent", html);
        Assert.Contains("href=\"#Input_Days_2_\"", html);
        Assert.Contains("id=\"Input_Days_2_-error\"", html);
        var hours = await HoursAsync(structure.Id);
        Assert.Equal((DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)), hours.Select(h => (h.Day, h.Opens, h.Closes)).Single());
    }

    [Fact]
    public async Task Given_a_range_ending_before_it_starts_When_saving_Then_it_is_refused()
    {
        var client = await CoordinatorAsync();
        var structure = await StructureWithMondayMorningAsync();
        var url = $"/gestion/structures/{structure.Id}/horaires";

        var response = await client.PostFormAsync(url + "?handler=Week", new()
        {
            ["Input.Days[3].Ranges[0].Opens"] = "17:00", ["Input.Days[3].Ranges[0].Closes"] = "09:00",
        }, formPage: url);

        Assert.Contains("se termine avant de commencer", await response.TextAsync());
        Assert.Single(await HoursAsync(structure.Id));
    }

    [Fact]
    public async Task Given_a_structure_When_adding_a_closure_and_a_special_opening_Then_both_are_listed_and_one_can_be_removed()
    {
        var client = await CoordinatorAsync();
        var structure = await StructureWithMondayMorningAsync();
        var url = $"/gestion/structures/{structure.Id}/horaires";

        var closed = await client.PostFormAsync(url + "?handler=Exception", new() { ["Exception.Date"] = "2026-12-24", ["Exception.Closed"] = "true", ["Exception.Reason"] = "Fermeture de fin d'année" }, formPage: url);
        var open = await client.PostFormAsync(url + "?handler=Exception", new() { ["Exception.Date"] = "2026-12-05", ["Exception.Closed"] = "false", ["Exception.Opens"] = "10:00", ["Exception.Closes"] = "13:00", ["Exception.Reason"] = "Samedi portes ouvertes" }, formPage: url);
        var missingTimes = await client.PostFormAsync(url + "?handler=Exception", new() { ["Exception.Date"] = "2026-12-12", ["Exception.Closed"] = "false" }, formPage: url);

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Contains("Indiquez l'heure d'ouverture", await missingTimes.TextAsync());
        var exceptions = await app.WithDbAsync(db => db.OpeningExceptions.Where(e => e.StructureId == structure.Id).OrderBy(e => e.Date).ToListAsync());
        Assert.Equal(2, exceptions.Count);
        Assert.True(exceptions[1].Closed);
        Assert.Equal(new TimeOnly(10, 0), exceptions[0].Opens);
        var page = await client.PageTextAsync(url);
        Assert.Contains("Fermeture de fin d'année", page);
        Assert.Contains("Samedi portes ouvertes", page);

        var removed = await client.PostFormAsync(url + "?handler=RemoveException", new() { ["exceptionId"] = exceptions[1].Id.ToString() }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Single(await app.WithDbAsync(db => db.OpeningExceptions.Where(e => e.StructureId == structure.Id).ToListAsync()));
    }
}
