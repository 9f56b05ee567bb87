using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform;

/// <summary>Decision 0008: on SQLite the write-ahead log is copied into the database in the background, not inside requests.</summary>
public sealed class SqliteCheckpointTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [PostgresFact]
    public void PostgreSQL_has_no_checkpointer_of_ours()
    {
        using var client = app.CreateClient(); // starts the host and its background services
        Assert.Null(app.Services.GetService<SqliteCheckpointer>()); // PostgreSQL checkpoints on its own
    }

    [SqliteFact]
    public async Task Given_writes_Then_the_background_checkpointer_copies_the_whole_log_and_request_connections_only_keep_a_safety_net()
    {
        using var client = app.CreateClient(); // starts the host and its background services
        var checkpointer = app.Services.GetService<SqliteCheckpointer>();
        Assert.NotNull(checkpointer);
        var autocheckpoint = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        });
        Assert.Equal(SqliteCheckpointer.SafetyNetPages, autocheckpoint);

        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 300; i++)
                Outbox.Enqueue(db, new EmailMessage("test.checkpoint", $"wal-{i}@example.org", null, "Titre", new string('x', 2000)), app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var passes = checkpointer.Passes;
        // A pass that started after the writes found a log to copy and copied all of it. Under load the poll may only see
        // the pass after it, which finds the log empty (0, 0): the log of the writes was then copied whole and reset.
        await Poll.UntilAsync(() => Task.FromResult((checkpointer.Passes, checkpointer.Last)),
            seen => seen.Passes >= passes + 2 && seen.Last is { } last && last.LogPages == last.CopiedPages,
            "a complete checkpoint after the writes");
        Assert.Equal(300, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == "test.checkpoint")));
    }
}
