using Maillage.Rooms;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Rooms;

/// <summary>The two rooms the Marseille convention lends (seed 003): loaded at start, once.</summary>
public sealed class ReferenceRoomsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_a_started_application_Then_the_Marseille_site_has_the_salle_Massalia_and_the_amphitheatre_bookable_weekdays_10_to_18_by_the_Academie()
    {
        // The initialiser runs again, as at every start: nothing is added twice.
        await app.WithScopeAsync(async sp =>
        {
            foreach (var init in sp.GetServices<Maillage.Platform.Modules.IDatabaseInitialiser>()) await init.InitialiseAsync(CancellationToken.None);
        });
        var site = await app.StructureAsync("marseille-paca", "marseille");
        var rooms = await app.WithDbAsync(db => db.Set<Room>().Include(r => r.Hours).Include(r => r.Partners)
            .Where(r => r.StructureId == site.Id && r.Source != null).OrderBy(r => r.Capacity).ToListAsync());
        Assert.Equal(["Salle Massalia", "Amphithéâtre Pierre Chevalier"], rooms.Select(r => r.Name));
        Assert.Equal([20, 130], rooms.Select(r => r.Capacity));
        var academie = await app.WithDbAsync(db => db.Set<Maillage.Network.Partner>().Where(p => p.Name == "Académie d'Aix-Marseille").Select(p => p.Id).SingleAsync());
        foreach (var room in rooms)
        {
            Assert.Equal(5, room.Hours.Count);
            Assert.All(room.Hours, h => Assert.Equal((new TimeOnly(10, 0), new TimeOnly(18, 0)), (h.Opens, h.Closes)));
            Assert.DoesNotContain(room.Hours, h => h.Day is DayOfWeek.Saturday or DayOfWeek.Sunday);
            Assert.True(room.NeedsApproval);
            Assert.Contains(room.Partners, p => p.PartnerId == academie && p.Convention);
            Assert.Contains("seed 003", room.Source);
        }
        Assert.Equal("lundi–vendredi 10:00–18:00", rooms[0].DescribeHours().Fr);
    }
}
