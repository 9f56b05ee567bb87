using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

/// <summary>The per-connection SQLite settings hold on every lending of a pooled connection, not only the first.</summary>
public sealed class SqliteConnectionSettingsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
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
