using System.Text.Json;
using Maillage.Entrepreneurship;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>An old development database (issue 23): demo holders recorded before holders named a coach are given to the demo coach at start, once.</summary>
public sealed class DemoHoldersTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_demo_holders_without_a_coach_Then_the_seeder_gives_them_to_the_demo_coach_and_leaves_the_others_and_runs_again_without_change()
    {
        var demoCoach = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope, DemoHolders.CoachEmail);
        var programme = await app.ProgrammeIdAsync();
        var (demo, other) = await app.WithDbAsync(async db =>
        {
            var cite = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.Id == programme).Select(p => p.CiteId).SingleAsync();
            ProjectHolder Holder(string last) => new()
            {
                CiteId = cite, ProgrammeId = programme, FirstName = "Awa", LastName = last,
                Consent = new Consent { GivenOn = new DateOnly(2026, 1, 5), TextVersion = "2024-01", Covers = ConsentScope.Coaching }, LastContactOn = new DateOnly(2026, 1, 5),
            };
            var d = Holder(DemoHolders.SurnamePrefix + "900");
            var o = Holder("Sans-Coach");
            db.AddRange(d, o);
            await db.SaveChangesAsync();
            return (d.Id, o.Id);
        });
        async Task SeedAsync() => await app.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<DemoHolders>(sp).SeedAsync(CancellationToken.None));
        await SeedAsync();
        await SeedAsync();
        var coaches = await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().Where(h => h.Id == demo || h.Id == other).ToDictionaryAsync(h => h.Id, h => (h.CoachUserId, h.CoachName)));
        Assert.Equal((demoCoach.Id, DemoHolders.CoachName), coaches[demo]);
        Assert.Null(coaches[other].CoachUserId);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync(h => h.LastName == DemoHolders.SurnamePrefix + "900")));

        var client = await app.ClientAsync(demoCoach);
        var mine = JsonDocument.Parse(await client.GetStringAsync("/api/v1/entrepreneurship/holders")).RootElement;
        Assert.Contains(mine.EnumerateArray(), r => r.GetProperty("id").GetInt32() == demo);
        Assert.DoesNotContain(mine.EnumerateArray(), r => r.GetProperty("id").GetInt32() == other);
    }
}
