using Maillage.Network;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

/// <summary>Connection settings: SQLite's library and per-connection settings (on every lending of a pooled connection), PostgreSQL's automatic preparation and pooled connections returned without a reset.</summary>
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
    public void PostgreSQL_connections_go_back_to_the_pool_without_a_reset_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new Npgsql.NpgsqlConnectionStringBuilder(
            Maillage.Platform.Data.DatabaseSetup.PostgresConnectionString("Host=db.example;Database=maillage"));
        Assert.True(defaulted.NoResetOnClose);
        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(
            Maillage.Platform.Data.DatabaseSetup.PostgresConnectionString("Host=db.example;Database=maillage;No Reset On Close=false"));
        Assert.False(chosen.NoResetOnClose);
    }

    [PostgresFact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_PostgreSQL_connection_goes_back_to_the_pool()
    {
        // The application's own connection settings, on a pool of one physical connection: the second opening gets
        // the connection the first one left (same server process), so what the first left open would be seen there.
        var configured = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(configured) { MaxPoolSize = 1, MinPoolSize = 0 };
        Assert.True(settings.NoResetOnClose);
        await using var source = Npgsql.NpgsqlDataSource.Create(settings.ConnectionString);
        var table = $"pool_reset_probe_{Guid.NewGuid():N}";
        await using (var setup = await source.OpenConnectionAsync())
            await new Npgsql.NpgsqlCommand($"CREATE TABLE {table} (v text)", setup).ExecuteNonQueryAsync();
        try
        {
            int firstProcess;
            await using (var first = await source.OpenConnectionAsync())
            {
                firstProcess = first.ProcessID;
                var tx = await first.BeginTransactionAsync();
                await new Npgsql.NpgsqlCommand($"INSERT INTO {table} VALUES ('left open')", first, tx).ExecuteNonQueryAsync();
                // Closed with neither commit nor rollback, as after an exception between the two.
            }
            await using var second = await source.OpenConnectionAsync();
            Assert.Equal(firstProcess, second.ProcessID);
            Assert.Equal(0L, await new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", second).ExecuteScalarAsync());
            // Not inside the first one's transaction: a write here commits on its own and is seen from elsewhere.
            await new Npgsql.NpgsqlCommand($"INSERT INTO {table} VALUES ('committed')", second).ExecuteNonQueryAsync();
            await using var other = new Npgsql.NpgsqlConnection(configured);
            await other.OpenAsync();
            Assert.Equal(1L, await new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", other).ExecuteScalarAsync());
        }
        finally
        {
            await using var cleanup = await source.OpenConnectionAsync();
            await new Npgsql.NpgsqlCommand($"DROP TABLE {table}", cleanup).ExecuteNonQueryAsync();
        }
    }

    [PostgresFact]
    public async Task The_running_application_prepares_its_PostgreSQL_statements()
    {
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

    [SqliteFact]
    public async Task The_SQLite_library_runs_without_its_global_locks()
    {
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

    /// <summary>PostgreSQL has no such per-connection settings: foreign keys are always enforced.</summary>
    [SqliteFact]
    public async Task Every_lending_of_a_pooled_connection_enforces_foreign_keys_and_waits_for_a_busy_writer()
    {
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
