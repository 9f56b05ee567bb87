using Maillage.Platform.Identity;
using Maillage.Roster;
using Maillage.Roster.Planning;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Roster;

/// <summary>The application with its scheduler, the gap check every second and e-mail to a real SMTP sink the test owns (so that a second instance, after a "restart", sends to the same sink).</summary>
public sealed class GapNoticeApp : MaillageApp
{
    private readonly SmtpSink _smtp;

    public GapNoticeApp(SmtpSink smtp, string? sharedDatabase = null) : base(sharedDatabase ?? TestDatabase.CreateFromTemplate())
    {
        _smtp = smtp;
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        Clock.Run();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", _smtp.Port.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:DispatchIntervalSeconds", "1");
        // The test runs the check itself (as the agenda's reminder tests do); the scheduler delivers the outbox.
        builder.UseSetting("Roster:GapCheckSeconds", "86400");
        builder.UseSetting("Roster:GapNoticeDays", "7");
    }
}

/// <summary>Issue 20 item 2: the coverage-gap e-mail goes to the structure's coordinators once per structure and date, across a restart.</summary>
public sealed class GapNoticeTests
{
    [Fact]
    public async Task The_gap_email_is_sent_once_to_the_coordinator_even_after_a_restart()
    {
        using var smtp = new SmtpSink();
        string database;
        string coordinatorEmail;
        int structureId;
        DateOnly date;
        var first = new GapNoticeApp(smtp);
        try
        {
            database = first.ConnectionString;
            // Open every day, all day: whatever today is, the day a week ahead is open.
            var place = await first.NewPlanningPlaceAsync(openAllSunday: true);
            await first.WithDbAsync(async db =>
            {
                var s = await db.Set<Maillage.Network.Structure>().Include(x => x.WeeklyHours).SingleAsync(x => x.Id == place.Structure.Id);
                s.ReplaceWeeklyHours(Enum.GetValues<DayOfWeek>().Select(d => (d, new TimeOnly(8, 0), new TimeOnly(18, 0))).ToList());
                return await db.SaveChangesAsync();
            });
            structureId = place.Structure.Id;
            coordinatorEmail = place.Coordinator.Email!;
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
            date = DutyRules.ToLocal(first.Clock.GetUtcNow(), zone).Date.AddDays(7);
            // The place uses the roster: one morning held, so the afternoons of both poles and pole B's morning are gaps.
            await first.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(date, "08:00", "12:00"), default));
            Assert.Equal(1, await first.WithScopeAsync2(sp => sp.GetRequiredService<CoverageNotices>().SendAsync()));
            Assert.Equal(0, await first.WithScopeAsync2(sp => sp.GetRequiredService<CoverageNotices>().SendAsync()));
            var mails = await smtp.WaitForAsync(1, m => m.To.ToString().Contains(coordinatorEmail), seconds: 40);
            var mail = Assert.Single(mails);
            Assert.Contains("3 demi-journées sans personne", mail.Subject);
            Assert.Contains("Pôle de test 2 : matin", mail.TextBody);
        }
        finally { await first.DisposeAsync(); }
        await using var second = new GapNoticeApp(smtp, database);
        // The restarted instance checks again and dispatches its outbox: nothing more is sent.
        Assert.Equal(0, await second.WithScopeAsync2(sp => sp.GetRequiredService<CoverageNotices>().SendAsync()));
        await SchedulerRuns.NextRunFinishedAsync(second.Services, "email-outbox");
        Assert.Single(smtp.Messages(), m => m.To.ToString().Contains(coordinatorEmail));
        var alerts = await second.WithDbAsync(db => db.Set<CoverageAlert>().Where(a => a.StructureId == structureId).ToListAsync());
        Assert.Equal(date, Assert.Single(alerts).Date);
        Assert.Equal(3, alerts[0].Gaps);
        TestDatabase.Drop(database);
    }
}
