using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

/// <summary>Connection settings: SQLite's library and per-connection settings (on every lending of a pooled connection), PostgreSQL's automatic preparation.</summary>
public sealed class DatabaseConnectionSettingsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public void PostgreSQL_statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new Npgsql.NpgsqlConnectionStringBuilder(
            Maillage.Platform.Data.DatabaseSetup.PostgresConnectionString("Host=db.example;Username=maillage;Password=secret;Database=maillage"));
        Assert.Equal(64, defaulted.MaxAutoPrepare);
        Assert.Equal(2, defaulted.AutoPrepareMinUsages);
        Assert.Equal("secret", defaulted.Password);
        Assert.Equal("db.example", defaulted.Host);

        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(
            Maillage.Platform.Data.DatabaseSetup.PostgresConnectionString("Host=db.example;Database=maillage;Max Auto Prepare=0;Auto Prepare Min Usages=5"));
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.Equal(5, chosen.AutoPrepareMinUsages);
    }

    [Fact]
    public async Task The_running_application_prepares_its_PostgreSQL_statements()
    {
        if (!TestDatabase.IsPostgres)
        {
            Assert.Equal("Sqlite", TestDatabase.ProviderName);
            return;
        }
        var maxAutoPrepare = await app.WithDbAsync(db =>
            Task.FromResult(new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxAutoPrepare));
        Assert.Equal(64, maxAutoPrepare);
        // Statements run several times on pooled connections become prepared ones: PostgreSQL lists them.
        var prepared = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                for (var i = 0; i < 5; i++) await db.Structures.CountAsync();
                return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements").SingleAsync();
            }
            finally { await db.Database.CloseConnectionAsync(); }
        });
        Assert.True(prepared > 0, "no prepared statement on the connection");
    }

    [Fact]
    public async Task The_SQLite_library_runs_without_its_global_locks()
    {
        if (TestDatabase.IsPostgres)
        {
            Assert.Equal("Postgres", TestDatabase.ProviderName);
            return;
        }
        // Multi-thread mode and no memory statistics, set before the first connection (the application's start-up;
        // here the test assembly's initialiser, as tests open connections of their own).
        Assert.True(Maillage.Platform.Data.SqliteLibrary.Applied);
        var used = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                await db.Structures.CountAsync();
                // With the statistics on, SQLite would report the memory its open connections hold.
                return SQLitePCL.raw.sqlite3_memory_used();
            }
            finally { await db.Database.CloseConnectionAsync(); }
        });
        Assert.Equal(0, used);
    }

    [Fact]
    public async Task Every_lending_of_a_pooled_connection_enforces_foreign_keys_and_waits_for_a_busy_writer()
    {
        if (TestDatabase.IsPostgres)
        {
            // PostgreSQL has no such per-connection settings: foreign keys are always enforced.
            Assert.Equal("Postgres", TestDatabase.ProviderName);
            return;
        }
        for (var lending = 0; lending < 3; lending++)
        {
            var (foreignKeys, busyTimeout, synchronous) = await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                try
                {
                    var connection = db.Database.GetDbConnection();
                    async Task<long> Pragma(string name)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = $"PRAGMA {name};";
                        return Convert.ToInt64(await command.ExecuteScalarAsync());
                    }
                    return (await Pragma("foreign_keys"), await Pragma("busy_timeout"), await Pragma("synchronous"));
                }
                finally { await db.Database.CloseConnectionAsync(); }
            });
            Assert.Equal(1, foreignKeys);
            Assert.Equal(10000, busyTimeout);
            Assert.Equal(1, synchronous); // NORMAL
        }
    }
}
