using Maillage.Network;
using Maillage.Agenda;
using Maillage.Tests.Infrastructure;
using Maillage.Visits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

/// <summary>The application as <c>dotnet run</c> starts it: the Development environment, on an empty database.</summary>
public sealed class DevelopmentApp : MaillageApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(Path.GetTempPath(), $"maillage-dev-mail-{Guid.NewGuid():N}"));
    }
}

public sealed class DevelopmentStartTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task Given_a_first_start_in_Development_Then_demo_users_events_and_three_years_of_visits_are_there_and_a_restart_adds_none()
    {
        using var client = app.CreateClient();
        var (users, events, visits) = await app.WithDbAsync(async db => (
            await db.Users.CountAsync(),
            await db.Events.CountAsync(),
            await db.Visits.Join(db.Cites, v => v.CiteId, c => c.Id, (v, c) => new { c.Slug, v.Quarter }).GroupBy(v => v.Slug)
                .Select(g => new { Cite = g.Key, Count = g.Count(), First = g.Min(v => v.Quarter), Last = g.Max(v => v.Quarter) }).ToListAsync()));
        Assert.Equal(Maillage.Platform.Identity.DemoUsers.All.Length, users);
        Assert.True(events > 0);
        var now = QuarterHour.Of(app.Clock.GetUtcNow());
        foreach (var (cite, count) in Maillage.Visits.Seeding.DemoVisits.PerCite)
        {
            var seeded = Assert.Single(visits, v => v.Cite == cite);
            Assert.Equal(count, seeded.Count);
            // Spread over the last three years, up to the last few days: the last two full years compare.
            Assert.InRange(now - seeded.First, (365 * Maillage.Visits.Seeding.DemoVisits.Years - 35) * 96, (366 * Maillage.Visits.Seeding.DemoVisits.Years + 1) * 96);
            Assert.InRange(now - seeded.Last, 0, 7 * 96);
        }
        // A second start (as after a restart) finds visits and adds none.
        await app.WithScopeAsync(sp => Maillage.Platform.Startup.PrepareDatabaseAsync(sp));
        Assert.Equal(Maillage.Visits.Seeding.DemoVisits.PerCite.Sum(d => d.Count), await app.WithDbAsync(db => db.Visits.CountAsync()));
    }
}
