using System.Text.Json;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Governance;

/// <summary>The indicator governance.sessions-held (issue 22): sessions held in the period, by body kind, each on its own local day.</summary>
public sealed class GovernanceIndicatorTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(1);

    private async Task<JsonElement> ReadAsync(HttpClient client, string from, string to)
    {
        var response = await client.GetAsync($"/api/v1/indicators?cite=grand-geneve&from={from}&to={to}&names=governance.sessions-held");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "governance.sessions-held").Clone();
    }

    private static decimal Part(JsonElement figure, string key) =>
        figure.GetProperty("parts").EnumerateArray().SingleOrDefault(p => p.GetProperty("key").GetString() == key) is { ValueKind: JsonValueKind.Object } p ? p.GetProperty("value").GetDecimal() : 0;

    [Fact]
    public async Task Given_technical_committees_held_in_2019_Then_they_count_by_kind_on_their_local_day_and_a_future_session_does_not()
    {
        var citeId = await app.CiteIdAsync("grand-geneve");
        await app.WithDbAsync(db =>
        {
            var committee = new Body { CiteId = citeId, Kind = BodyKind.TechnicalCommittee, Name = $"CT {Guid.NewGuid():N}"[..20], NumberPrefix = "CT", ExpectedSessionsPerYear = 3 };
            var steering = new Body { CiteId = citeId, Kind = BodyKind.SteeringCommittee, Name = $"Copil {Guid.NewGuid():N}"[..20], NumberPrefix = "CP", ExpectedSessionsPerYear = 1 };
            db.AddRange(committee, steering);
            db.SaveChanges();
            Session At(Body b, DateTimeOffset local) => new() { CiteId = citeId, BodyId = b.Id, StartsAt = local.ToUniversalTime(), TimeZone = "Europe/Paris" };
            db.AddRange(
                At(committee, new(2019, 3, 14, 14, 0, 0, Paris)), At(committee, new(2019, 6, 20, 14, 0, 0, TimeSpan.FromHours(2))),
                // 23:30 in Paris on 31 December 2019 is 22:30 UTC: 2019's. 00:30 on 1 January 2020 is 23:30 UTC on the 31st: 2020's.
                At(committee, new(2019, 12, 31, 23, 30, 0, Paris)), At(committee, new(2020, 1, 1, 0, 30, 0, Paris)),
                At(steering, new(2019, 10, 3, 10, 0, 0, TimeSpan.FromHours(2))),
                // After the clock's now (23 November 2026): not held yet.
                At(committee, new(2026, 12, 10, 14, 0, 0, Paris)));
            return db.SaveChangesAsync();
        });
        var client = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));

        var year = await ReadAsync(client, "2019-01-01", "2019-12-31");
        Assert.Equal(4, year.GetProperty("value").GetDecimal());
        Assert.Equal(3, Part(year, "technical-committee"));
        Assert.Equal(1, Part(year, "steering-committee"));
        Assert.Equal(0, (await ReadAsync(client, "2026-12-01", "2026-12-31")).GetProperty("value").GetDecimal());
        // Seed 002's comité syndical met on 22 April 2021.
        Assert.Equal(1, Part(await ReadAsync(client, "2021-04-22", "2021-04-22"), "comite-syndical"));
    }
}
