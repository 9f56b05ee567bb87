using System.Net.Http.Json;
using Maillage.Entrepreneurship.Holders;
using Maillage.Platform.Email;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>The application without its scheduler (the test runs the check and the outbox), e-mail through a real SMTP server, on a database it does not own: a second instance plays the restart.</summary>
public sealed class FollowUpAlertApp(string database, SmtpSink smtp) : MaillageApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", smtp.Port.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
    }
}

/// <summary>Issue 23 item 2: an overdue post-creation follow-up is e-mailed to the holder's coach once per due date, across runs and a restart.</summary>
public sealed class FollowUpAlertTests
{
    private static Task<int> CheckAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<FollowUpAlerts>().SendAsync());
    private static Task<int> DeliverAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

    [Fact]
    public async Task The_overdue_follow_up_email_reaches_the_coach_once_even_after_a_restart_and_a_new_delay_is_a_new_email()
    {
        using var smtp = new SmtpSink();
        var database = TestDatabase.CreateFromTemplate();
        try
        {
            StaffUser coachUser;
            int id;
            var first = new FollowUpAlertApp(database, smtp);
            try
            {
                coachUser = await first.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
                var coach = await first.ClientAsync(coachUser);
                id = await coach.CreateHolderAsync(Body("Awa", "Relance"));
                await coach.StepAsync(id, new { kind = "received", date = "2026-03-09", durationMinutes = 60 });
                // Created on 1 June: the first follow-up is due on 1 August (2 months in the first year).
                await coach.StepAsync(id, new { kind = "created", date = "2026-06-01", legalForm = "Micro-entreprise", siret = "73282932000074" });
                // Another holder, created last month: not yet due.
                var recent = await coach.CreateHolderAsync(Body("Karim", "Recent"));
                await coach.StepAsync(recent, new { kind = "created", date = "2026-10-15", legalForm = "SAS", siret = "73282932000074" });

                Assert.Equal(1, await CheckAsync(first));
                Assert.Equal(0, await CheckAsync(first)); // the job runs again: nothing more
                Assert.Equal(1, await DeliverAsync(first));
            }
            finally { await first.DisposeAsync(); }

            await using var second = new FollowUpAlertApp(database, smtp);
            Assert.Equal(0, await CheckAsync(second));
            Assert.Equal(0, await DeliverAsync(second));
            await smtp.WaitForAsync(1);
            var received = Assert.Single(smtp.Messages());
            Assert.Equal(coachUser.Email, received.To.Mailboxes.Single().Address);
            Assert.Contains("suivi post-création en retard depuis le samedi 1er août 2026", received.Subject);
            Assert.Contains($"/gestion/citeslab/porteurs/{id}", received.TextBody);
            Assert.DoesNotContain("Relance", received.TextBody + received.Subject); // the person is not named in a mailbox
            var alert = Assert.Single(await second.WithDbAsync(db => db.Set<FollowUpAlert>().IgnoreQueryFilters().Where(a => a.HolderId == id).ToListAsync()));
            Assert.Equal(new DateOnly(2026, 8, 1), alert.DueOn);

            // A follow-up recorded late (1 September) puts the next one on 1 November, overdue too: a new delay, a new e-mail.
            var coach2 = await second.ClientAsync(coachUser);
            await coach2.StepAsync(id, new { kind = "followUp", date = "2026-09-01" });
            Assert.Equal(1, await CheckAsync(second));
            Assert.Equal(0, await CheckAsync(second));
            // Erasure takes the alerts with the record.
            Assert.True((await coach2.DeleteAsync($"/api/v1/entrepreneurship/holders/{id}")).IsSuccessStatusCode);
            Assert.Empty(await second.WithDbAsync(db => db.Set<FollowUpAlert>().IgnoreQueryFilters().Where(a => a.HolderId == id).ToListAsync()));
        }
        finally { TestDatabase.Drop(database); }
    }
}
