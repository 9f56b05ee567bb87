using Maillage.Platform.Email;
using Maillage.Roster;
using Maillage.Roster.Planning;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Roster;

/// <summary>
/// The application without its scheduler (the test runs the gap check and the outbox, as the agenda's reminder tests
/// do), e-mail through a real SMTP server; on a database it does not own, so that a second instance on the same
/// database plays the restart.
/// </summary>
public sealed class GapNoticeApp(string database, SmtpSink smtp) : MaillageApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", smtp.Port.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Roster:GapNoticeDays", "7");
    }
}

/// <summary>Issue 20 item 2: the coverage-gap e-mail goes to the structure's coordinators once per structure and date, across a restart.</summary>
public sealed class GapNoticeTests
{
    private static Task<int> CheckAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<CoverageNotices>().SendAsync());
    private static Task<int> DeliverAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

    [Fact]
    public async Task The_gap_email_reaches_the_coordinator_once_even_after_a_restart()
    {
        using var smtp = new SmtpSink();
        var database = TestDatabase.CreateFromTemplate();
        try
        {
            string coordinatorEmail, englishEmail;
            int structureId;
            var date = new DateOnly(2026, 11, 30); // a week after the test clock's Monday 23 November 2026
            var first = new GapNoticeApp(database, smtp);
            try
            {
                var place = await first.NewPlanningPlaceAsync();
                structureId = place.Structure.Id;
                coordinatorEmail = place.Coordinator.Email!;
                // A second coordinator reads Maillage's messages in English (« Mon compte »).
                var english = await first.CreateStaffAsync(Maillage.Platform.Identity.StaffRole.Coordinator, $"structure:{place.Structure.Id}");
                englishEmail = english.Email!;
                await first.WithDbAsync(async db =>
                {
                    (await db.Users.SingleAsync(u => u.Id == english.Id)).Language = "en";
                    return await db.SaveChangesAsync();
                });
                // Nothing planned near that date: the place does not use the roster, no e-mail.
                Assert.Equal(0, await CheckAsync(first));
                // One morning held: both afternoons and pole B's morning are gaps.
                await first.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(date, "09:00", "12:00"), default));
                Assert.Equal(1, await CheckAsync(first));
                Assert.Equal(0, await CheckAsync(first));
                Assert.Equal(2, await DeliverAsync(first));
            }
            finally { await first.DisposeAsync(); }

            await using var second = new GapNoticeApp(database, smtp);
            Assert.Equal(0, await CheckAsync(second));
            var mails = await second.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == "roster.gaps").ToListAsync());
            Assert.Equal(2, mails.Count);
            var mail = Assert.Single(mails, m => m.To == coordinatorEmail);
            Assert.Contains("3 demi-journées sans personne le lundi 30 novembre 2026", mail.Title);
            Assert.Contains("Pôle de test 2 : matin", mail.TextBody);
            // Wholly in the coordinator's language, French: no English line.
            Assert.DoesNotContain("English", mail.TextBody);
            Assert.DoesNotContain("Duty gaps", mail.TextBody);
            Assert.DoesNotContain("nobody", mail.TextBody);
            // The English coordinator's is wholly in English.
            var inEnglish = Assert.Single(mails, m => m.To == englishEmail);
            Assert.Contains("3 half-days with nobody on duty on Monday 30 November 2026", inEnglish.Title);
            Assert.Contains("Pôle de test 2: morning", inEnglish.TextBody); // a pole with no English name keeps its own
            Assert.DoesNotContain("Bonjour", inEnglish.TextBody);
            // Delivered once through SMTP: the restarted instance neither writes it again nor sends it again.
            Assert.Equal(0, await DeliverAsync(second));
            await smtp.WaitForAsync(2);
            Assert.Equal(2, smtp.Messages().Count);
            var received = Assert.Single(smtp.Messages(), m => m.To.Mailboxes.Single().Address == coordinatorEmail);
            Assert.Contains("3 demi-journées sans personne le lundi 30 novembre 2026", received.Subject);
            Assert.Contains("Pôle de test 2 : matin", received.TextBody);
            var alert = Assert.Single(await second.WithDbAsync(db => db.Set<CoverageAlert>().Where(a => a.StructureId == structureId).ToListAsync()));
            Assert.Equal((date, 3), (alert.Date, alert.Gaps));
        }
        finally { TestDatabase.Drop(database); }
    }

    /// <summary>Issue 20: the gap e-mail is written wholly in one language — French by default, English when asked — never a mix.</summary>
    [Fact]
    public void The_gap_email_is_wholly_in_one_language()
    {
        var structure = new Maillage.Network.Structure { Name = "Centre associé d'Annemasse", Slug = "annemasse", TimeZoneId = "Europe/Paris" };
        structure.Poles.Add(new Maillage.Network.Pole { Id = 7, Name = "Trouver son emploi", NameEn = "Finding a job" });
        var place = new PlanningPlace(structure, structure.Schedule());
        var date = new DateOnly(2026, 11, 30);
        HalfDayCell[] gaps = [new(7, date, HalfDay.Morning, true, null, []), new(7, date, HalfDay.Afternoon, true, null, [])];
        var notices = new CoverageNotices(null!, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new RosterPlanningOptions()),
            Microsoft.Extensions.Options.Options.Create(new EmailOptions { PublicBaseUrl = "https://maillage.example/" }), Microsoft.Extensions.Logging.Abstractions.NullLogger<CoverageNotices>.Instance);

        var (title, body) = notices.Message(place, date, gaps);
        Assert.Equal("Permanences : 2 demi-journées sans personne le lundi 30 novembre 2026 — Centre associé d'Annemasse", title);
        Assert.Contains("- Trouver son emploi : matin", body);
        Assert.Contains("Planning : https://maillage.example/gestion/planning?structure=", body);
        foreach (var english in new[] { "English", "Hello", "nobody", "Finding", "Morning", "Duty" }) Assert.DoesNotContain(english, body);

        (title, body) = notices.Message(place, date, gaps, "en");
        Assert.Equal("Duties: 2 half-days with nobody on duty on Monday 30 November 2026 — Centre associé d'Annemasse", title);
        Assert.Contains("- Finding a job: morning", body);
        Assert.Contains("- Finding a job: afternoon", body);
        foreach (var french in new[] { "Bonjour", "personne", "matin", "Trouver", "lundi" }) Assert.DoesNotContain(french, body);
    }
}
