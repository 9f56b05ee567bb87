using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Jobs;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda;

public sealed class OutboxTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Given_a_message_saved_with_a_change_Then_the_scheduler_delivers_it_over_SMTP_once()
    {
        using var client = app.CreateClient(); // starts the host and its scheduler
        var to = $"{Guid.NewGuid():N}@example.org";
        var row = await app.WithDbAsync(async db =>
        {
            var m = Outbox.Enqueue(db, new EmailMessage("test.hello", to, "Camille Test", "Bonjour", "Corps du message",
                Attachment: new EmailAttachment("invitation.ics", "text/calendar; method=PUBLISH", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")), app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return m;
        });

        var received = await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == to));
        var message = Assert.Single(received);
        Assert.Equal(row.MessageId, message.MessageId);
        Assert.Equal("Bonjour", message.Subject);
        Assert.Contains(message.Attachments, a => a.ContentDisposition?.FileName == "invitation.ics");

        var saved = await app.WithDbAsync(db => db.Outbox.AsNoTracking().FirstAsync(m => m.Id == row.Id));
        Assert.Equal(OutboxState.Sent, saved.State);
        // Another pass sends nothing more, nor does the scheduler's next run (observed, not slept for).
        await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
        await SchedulerRuns.NextRunFinishedAsync(app.Services, "email-outbox");
        Assert.Single(app.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == to));
    }

    [Fact]
    public async Task Given_twenty_messages_due_together_Then_they_go_over_one_SMTP_connection()
    {
        using var client = app.CreateClient();
        var kind = $"test.one-connection.{Guid.NewGuid():N}";
        var before = app.Smtp.Connections;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 20; i++)
                Outbox.Enqueue(db, new EmailMessage(kind, $"batch-{i}@example.org", null, "Confirmation", "Texte"), app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var received = await app.Smtp.WaitForAsync(20, m => m.Headers["X-Maillage-Kind"] == kind);
        Assert.Equal(20, received.Count);
        // One batch, one connection (one more at most if another run of the scheduler overlapped); before: one per message.
        Assert.InRange(app.Smtp.Connections - before, 1, 2);
    }

    [Fact]
    public async Task Given_a_change_rolled_back_Then_its_message_is_never_sent()
    {
        using var client = app.CreateClient();
        var to = $"{Guid.NewGuid():N}@example.org";
        await app.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            Outbox.Enqueue(db, new EmailMessage("test.rolledback", to, null, "Jamais", "Jamais envoyé"), app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
            return 0;
        });
        await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == to));
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == to)));
    }

    [Fact]
    public async Task Given_a_dispatcher_that_crashed_after_claiming_Then_the_message_is_sent_after_the_claim_expires_with_the_same_Message_Id()
    {
        using var client = app.CreateClient();
        var to = $"{Guid.NewGuid():N}@example.org";
        var row = await app.WithDbAsync(async db =>
        {
            var m = Outbox.Enqueue(db, new EmailMessage("test.crash", to, null, "Après panne", "Texte"), app.Clock.GetUtcNow());
            // As if another instance had claimed it and died before sending.
            m.ClaimedBy = "crashed-instance";
            m.ClaimedUntil = app.Clock.GetUtcNow().AddSeconds(5);
            m.Attempts = 1;
            await db.SaveChangesAsync();
            return m;
        });
        await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == to));

        // The clock runs: once the dead instance's claim has expired, the scheduler's dispatcher takes the row.
        var sent = await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == to));
        Assert.Equal(row.MessageId, Assert.Single(sent).MessageId);
    }
}

/// <summary>A backlog (a registration rush) is drained in one run, by several dispatchers without doubles.</summary>
public sealed class OutboxBacklogTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private Task EnqueueAsync(string kind, int count) => app.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
            Outbox.Enqueue(db, new EmailMessage(kind, $"{kind}-{i}@example.org", null, "Confirmation", "Texte"), app.Clock.GetUtcNow());
        return await db.SaveChangesAsync();
    });

    private Task<int> DispatchAsync(int batch) =>
        app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(batch));

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the suite runs on Linux (README)
    public async Task Given_the_pickup_directory_Then_each_message_file_is_readable_by_the_application_only()
    {
        await EnqueueAsync("test.mode", 1);
        Assert.Equal(1, await DispatchAsync(batch: 10));
        var directory = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value.PickupDirectory!;
        var file = Directory.EnumerateFiles(directory, "*.eml").Single(f => File.ReadAllText(f).Contains("test.mode-0@example.org", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Given_more_messages_due_than_a_batch_When_the_dispatcher_runs_once_Then_all_are_sent()
    {
        await EnqueueAsync("test.backlog", 230);
        Assert.Equal(230, await DispatchAsync(batch: 100));
        var states = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "test.backlog").Select(m => m.State).ToListAsync());
        Assert.Equal(230, states.Count(s => s == OutboxState.Sent));
    }

    [Fact]
    public async Task Given_two_dispatchers_running_together_Then_each_message_is_sent_once()
    {
        await EnqueueAsync("test.together", 300);
        var counts = await Task.WhenAll(DispatchAsync(batch: 40), DispatchAsync(batch: 40), DispatchAsync(batch: 40));
        Assert.Equal(300, counts.Sum());
        var rows = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "test.together").Select(m => new { m.State, m.Attempts }).ToListAsync());
        Assert.All(rows, r => Assert.Equal((OutboxState.Sent, 1), (r.State, r.Attempts)));
    }

    [Fact]
    public async Task Given_the_SQLite_write_gate_held_by_a_request_Then_the_dispatcher_waits_its_turn_to_mark_messages_sent()
    {
        var to = $"{Guid.NewGuid():N}@example.org";
        await app.WithDbAsync(async db =>
        {
            Outbox.Enqueue(db, new EmailMessage("test.gate", to, null, "Titre", "Corps"), app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        var turn = await gate.EnterAsync(CancellationToken.None); // a registration's transaction, say
        Task<int> dispatch;
        try
        {
            dispatch = app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
            // SQLite: the dispatcher's claim waits at the gate (not in SQLite's busy handler); PostgreSQL has no gate, so
            // the dispatch ends while the gate is still held.
            if (TestDatabase.IsPostgres)
                await dispatch.WaitAsync(Poll.DefaultTimeout);
            else
            {
                await Poll.UntilAsync(() => gate.Waiting >= 1 || dispatch.IsCompleted, "the dispatcher to wait at the write gate");
                Assert.False(dispatch.IsCompleted);
                Assert.Equal(OutboxState.Pending, await app.WithDbAsync(db => db.Outbox.Where(m => m.To == to).Select(m => m.State).SingleAsync()));
            }
        }
        finally
        {
            turn.Dispose();
        }
        Assert.True(await dispatch >= 1);
        Assert.Equal(OutboxState.Sent, await app.WithDbAsync(db => db.Outbox.Where(m => m.To == to).Select(m => m.State).SingleAsync()));
    }
}

/// <summary>Background delivery yields to the requests the instance is answering (a registration rush), within a bound.</summary>
public sealed class OutboxYieldTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private async Task<string> EnqueueAsync()
    {
        var to = $"{Guid.NewGuid():N}@example.org";
        await app.WithDbAsync(async db =>
        {
            Outbox.Enqueue(db, new EmailMessage("test.yield", to, null, "Confirmation", "Texte"), app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        return to;
    }

    private Task<OutboxState> StateAsync(string to) => app.WithDbAsync(db => db.Outbox.Where(m => m.To == to).Select(m => m.State).SingleAsync());

    /// <summary>As many requests in flight as make the instance busy, until disposed.</summary>
    private IDisposable Busy()
    {
        var load = app.Services.GetRequiredService<RequestLoad>();
        for (var i = 0; i < RequestLoad.BusyFrom; i++) load.Enter();
        return new Releaser(() =>
        {
            for (var i = 0; i < RequestLoad.BusyFrom; i++) load.Leave();
        });
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    [Fact]
    public async Task Given_the_instance_busy_answering_requests_Then_the_dispatcher_waits_for_them_and_then_sends()
    {
        var to = await EnqueueAsync();
        Task<int> dispatch;
        using (Busy())
        {
            dispatch = app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
            var load = app.Services.GetRequiredService<RequestLoad>();
            await Poll.UntilAsync(() => load.Yielding >= 1 || dispatch.IsCompleted, "the dispatcher to hold back for the requests");
            Assert.False(dispatch.IsCompleted);
            Assert.Equal(OutboxState.Pending, await StateAsync(to));
        }
        Assert.Equal(1, await dispatch.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(OutboxState.Sent, await StateAsync(to));
    }

    [Fact]
    public async Task Given_the_instance_busy_for_longer_than_the_dispatcher_may_wait_Then_it_sends_anyway()
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value;
        var configured = options.YieldToRequestsSeconds;
        options.YieldToRequestsSeconds = 1;
        try
        {
            var to = await EnqueueAsync();
            using (Busy())
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                Assert.Equal(1, await app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync()).WaitAsync(TimeSpan.FromSeconds(10)));
                Assert.InRange(started.Elapsed.TotalSeconds, 0.9, 9);
                Assert.Equal(OutboxState.Sent, await StateAsync(to));
            }
        }
        finally
        {
            options.YieldToRequestsSeconds = configured;
        }
    }

    [Fact]
    public async Task Given_a_request_in_flight_Then_the_instance_counts_it_until_it_is_answered()
    {
        var load = app.Services.GetRequiredService<RequestLoad>();
        var e = await app.EventAsync(capacity: 5);
        using var client = app.CreateClient();
        var before = load.InFlight;
        Task<(System.Net.HttpStatusCode Status, RegistrationBody? Body)> registration;
        // Hold the registration inside the server: SQLite's write gate, or the event's row on PostgreSQL.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            IDisposable? turn = null;
            await using var tx = TestDatabase.IsPostgres ? await db.Database.BeginTransactionAsync() : null;
            if (TestDatabase.IsPostgres) await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM agenda_events WHERE "Id" = {e.Id} FOR UPDATE""");
            else turn = await app.Services.GetRequiredService<SqliteWriteGate>().EnterAsync(CancellationToken.None);
            try
            {
                registration = client.RegisterAsync(app, e.Id, AgendaTestData.Person());
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (load.InFlight == before && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
                Assert.Equal(before + 1, load.InFlight);
                Assert.False(registration.IsCompleted);
            }
            finally
            {
                turn?.Dispose();
            }
        }
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await registration).Status);
        Assert.Equal(before, load.InFlight);
    }
}

/// <summary>The application with SMTP pointed at a port where nothing listens, and no scheduler (the test dispatches).</summary>
public sealed class UnreachableRelayApp : MaillageApp
{
    public int DeadPort { get; } = SmtpSink.FreePort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", DeadPort.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
    }
}

public sealed class OutboxUnreachableRelayTests(UnreachableRelayApp app) : IClassFixture<UnreachableRelayApp>
{
    [Fact]
    public async Task Given_a_relay_that_cannot_be_reached_Then_the_batch_waits_for_a_retry_with_the_error_kept_and_nothing_is_lost()
    {
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 150; i++)
                Outbox.Enqueue(db, new EmailMessage("test.unreachable", $"relay-{i}@example.org", null, "Confirmation", "Texte"), app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync()));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"the run kept trying for {started.Elapsed}");

        var all = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == "test.unreachable").OrderBy(m => m.Id).ToListAsync());
        // The first batch (100) waits for its retry; the run stopped there: the next 50 were never claimed.
        Assert.All(all.Skip(100), m => Assert.Equal((0, OutboxState.Pending, (DateTimeOffset?)null), (m.Attempts, m.State, m.ClaimedUntil)));
        var rows = all.Take(100).ToList();
        Assert.All(rows, m =>
        {
            Assert.Equal(OutboxState.Pending, m.State);
            Assert.Equal(1, m.Attempts);
            Assert.False(string.IsNullOrWhiteSpace(m.LastError));
            Assert.True(m.ClaimedUntil > app.Clock.GetUtcNow(), "retried later, not at once");
        });
        // Once the pause is over, the first messages are due again and come first (oldest first).
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync()));
        var attempts = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == "test.unreachable").OrderBy(m => m.Id).Select(m => m.Attempts).ToListAsync());
        Assert.Equal(Enumerable.Repeat(2, 100).Concat(Enumerable.Repeat(0, 50)), attempts);
    }
}
