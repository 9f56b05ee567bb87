using System.Net;
using Maillage.Governance;
using Maillage.Platform.Email;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Governance;

/// <summary>
/// The application without its scheduler (the test runs the outbox's dispatcher between restarts, as the scheduler's
/// runs would), e-mail through a real SMTP server, on a database it does not own: a second instance on the same
/// database plays the restart.
/// </summary>
public sealed class ConvocationRestartApp(string database, SmtpSink smtp) : MaillageApp(database)
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

/// <summary>Issue 22 item 2 and "Tests": the convocation reaches each member once across restarts; a change is resent once, with what changed.</summary>
public sealed class ConvocationRestartTests
{
    private static Task<int> DeliverAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

    private static async Task ConvokeAsync(MaillageApp app, int sessionId)
    {
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/seances/{sessionId}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{url}?handler=Convoke", [], url)).StatusCode);
    }

    private static string Ics(MimeKit.MimeMessage message) =>
        message.BodyParts.OfType<MimeKit.TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text;

    [Fact]
    public async Task The_convocation_reaches_each_member_once_across_restarts_and_a_change_is_resent_once_with_what_changed()
    {
        using var smtp = new SmtpSink();
        var database = TestDatabase.CreateFromTemplate();
        try
        {
            int sessionId;
            // 1. Convened, then the application stops before the scheduler's next run delivered anything.
            var first = new ConvocationRestartApp(database, smtp);
            try
            {
                var (body, session) = await first.BodyWithSessionAsync(titular: 3);
                sessionId = session.Id;
                await first.WithDbAsync(async db =>
                {
                    var members = await db.Set<BodyMember>().IgnoreQueryFilters().Where(m => m.BodyId == body.Id).OrderBy(m => m.Id).ToListAsync();
                    (members[0].Email, members[1].Email) = ("un@example.org", "deux@example.org");
                    return await db.SaveChangesAsync();
                });
                await ConvokeAsync(first, sessionId);
            }
            finally { await first.DisposeAsync(); }
            Assert.Empty(smtp.Messages());

            // 2. Restarted: convening again writes nothing; the dispatcher delivers the two messages once.
            var second = new ConvocationRestartApp(database, smtp);
            try
            {
                await ConvokeAsync(second, sessionId);
                Assert.Equal(2, await DeliverAsync(second));
                Assert.Equal(0, await DeliverAsync(second));
                await smtp.WaitForAsync(2);
            }
            finally { await second.DisposeAsync(); }

            // 3. Restarted again: nothing is sent a second time, by convening or by the dispatcher.
            var third = new ConvocationRestartApp(database, smtp);
            try
            {
                await ConvokeAsync(third, sessionId);
                Assert.Equal(0, await DeliverAsync(third));
                Assert.Equal(2, smtp.Messages().Count);
                Assert.Equal(["deux@example.org", "un@example.org"], smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).Order());
                Assert.All(smtp.Messages(), m => Assert.Contains("SEQUENCE:0", Ics(m)));

                // The session moves by an hour: convened again, each member is sent one "Convocation modifiée".
                await third.WithDbAsync(async db =>
                {
                    var s = await db.Set<Session>().IgnoreQueryFilters().SingleAsync(x => x.Id == sessionId);
                    s.StartsAt = s.StartsAt.AddHours(1);
                    return await db.SaveChangesAsync();
                });
                await ConvokeAsync(third, sessionId);
            }
            finally { await third.DisposeAsync(); }

            // 4. Restarted before delivery once more: the change goes out once, and only once.
            await using var fourth = new ConvocationRestartApp(database, smtp);
            await ConvokeAsync(fourth, sessionId);
            Assert.Equal(2, await DeliverAsync(fourth));
            Assert.Equal(0, await DeliverAsync(fourth));
            var all = await smtp.WaitForAsync(4);
            Assert.Equal(4, all.Count);
            var changed = all.Where(m => m.Subject.StartsWith("Convocation modifiée", StringComparison.Ordinal)).ToList();
            Assert.Equal(["deux@example.org", "un@example.org"], changed.Select(m => m.To.Mailboxes.Single().Address).Order());
            Assert.All(changed, m =>
            {
                Assert.Contains("jeudi 12 mars 2026 à 18:00 → jeudi 12 mars 2026 à 19:00", m.TextBody);
                Assert.Contains("SEQUENCE:1", Ics(m));
                Assert.Contains("DTSTART:20260312T180000Z", Ics(m));
            });
            Assert.Equal(4, await fourth.WithDbAsync(db => db.Set<OutboxMessage>().IgnoreQueryFilters().CountAsync(m => m.Kind == Convocations.Kind && m.Subject!.StartsWith($"governance-session:{sessionId}:"))));
        }
        finally { TestDatabase.Drop(database); }
    }
}
