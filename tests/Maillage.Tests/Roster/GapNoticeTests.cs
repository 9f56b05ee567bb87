using Maillage.Platform.Email;
using Maillage.Roster;
using Maillage.Roster.Planning;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Roster;

/// <summary>
/// The application without its scheduler (the test runs the gap check, as the agenda's reminder tests do), e-mail to
/// files; on a database it does not own, so that a second instance on the same database plays the restart.
/// </summary>
public sealed class GapNoticeApp(string database) : MaillageApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(Path.GetTempPath(), "maillage-mail", Guid.NewGuid().ToString("N")));
        builder.UseSetting("Roster:GapNoticeDays", "7");
    }
}

/// <summary>Issue 20 item 2: the coverage-gap e-mail goes to the structure's coordinators once per structure and date, across a restart.</summary>
public sealed class GapNoticeTests
{
    private static Task<int> CheckAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<CoverageNotices>().SendAsync());

    [Fact]
    public async Task The_gap_email_is_written_once_for_the_coordinator_even_after_a_restart()
    {
        var database = TestDatabase.CreateFromTemplate();
        try
        {
            string coordinatorEmail;
            int structureId;
            var date = new DateOnly(2026, 11, 30); // a week after the test clock's Monday 23 November 2026
            var first = new GapNoticeApp(database);
            try
            {
                var place = await first.NewPlanningPlaceAsync();
                structureId = place.Structure.Id;
                coordinatorEmail = place.Coordinator.Email!;
                // Nothing planned near that date: the place does not use the roster, no e-mail.
                Assert.Equal(0, await CheckAsync(first));
                // One morning held: both afternoons and pole B's morning are gaps.
                await first.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(date, "09:00", "12:00"), default));
                Assert.Equal(1, await CheckAsync(first));
                Assert.Equal(0, await CheckAsync(first));
            }
            finally { await first.DisposeAsync(); }

            await using var second = new GapNoticeApp(database);
            Assert.Equal(0, await CheckAsync(second));
            var mails = await second.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == "roster.gaps").ToListAsync());
            var mail = Assert.Single(mails);
            Assert.Equal(coordinatorEmail, mail.To);
            Assert.Contains("3 demi-journées sans personne le lundi 30 novembre 2026", mail.Title);
            Assert.Contains("Pôle de test 2 : matin", mail.TextBody);
            var alert = Assert.Single(await second.WithDbAsync(db => db.Set<CoverageAlert>().Where(a => a.StructureId == structureId).ToListAsync()));
            Assert.Equal((date, 3), (alert.Date, alert.Gaps));
        }
        finally { TestDatabase.Drop(database); }
    }
}
