using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Visits.Statistics;

/// <summary>
/// Issue 18, item 12: a funder could subtract the figures of two periods one day apart and read a day's suppressed
/// counts. Funders read whole weeks (Monday to Sunday, the period widened to them) and never a grouping by day; staff
/// keep their exact periods.
/// </summary>
public sealed class FunderPeriodTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<HttpClient> ClientAsync(StaffRole role) => await app.TokenClientAsync(await app.CreateStaffAsync(role, "cite:grand-geneve"));

    [Fact]
    public async Task Given_a_funder_asking_for_one_day_Then_the_API_answers_for_its_whole_week()
    {
        var funder = await ClientAsync(StaffRole.Funder);
        // Wednesday 7 March 2018 → Monday 5 to Sunday 11 March.
        var result = await funder.GetFromJsonAsync<JsonElement>("/api/v1/stats/visits?from=2018-03-07&to=2018-03-07");
        Assert.Equal("2018-03-05", result.GetProperty("from").GetString());
        Assert.Equal("2018-03-11", result.GetProperty("to").GetString());
        var staff = await ClientAsync(StaffRole.Coordinator);
        var exact = await staff.GetFromJsonAsync<JsonElement>("/api/v1/stats/visits?from=2018-03-07&to=2018-03-07");
        Assert.Equal("2018-03-07", exact.GetProperty("from").GetString());
        Assert.Equal("2018-03-07", exact.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Given_a_funder_grouping_by_day_Then_it_is_refused_naming_the_grouping()
    {
        var funder = await ClientAsync(StaffRole.Funder);
        var response = await funder.GetAsync("/api/v1/stats/visits?from=2018-03-05&to=2018-03-11&groupBy=day");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("groupBy", out _));
    }

    [Fact]
    public async Task Given_a_funder_on_the_dashboard_Then_the_period_shown_is_whole_weeks_and_days_are_refused()
    {
        var funder = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        var page = await funder.PageTextAsync("/gestion/statistiques?from=2018-03-07&to=2018-03-08");
        Assert.Contains("value=\"2018-03-05\"", page);
        Assert.Contains("value=\"2018-03-11\"", page);
        Assert.Contains("semaine 10 (5–11 mars 2018), comparée à la semaine précédente", page);
        Assert.Contains("semaine 10 (6–12 mars 2017)", page); // a year earlier: the same weekdays, 52 weeks before
        Assert.DoesNotContain("<option value=\"day\"", page); // not offered to a funder, who only reads weeks
        var coordinator = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        Assert.Contains("<option value=\"day\"", await coordinator.PageTextAsync("/gestion/statistiques?from=2018-03-07&to=2018-03-08"));
        var byDay = await funder.PageTextAsync("/gestion/statistiques?from=2018-03-07&to=2018-03-08&by=day");
        Assert.Contains("Les financeurs lisent des semaines entières", byDay);
    }
}
