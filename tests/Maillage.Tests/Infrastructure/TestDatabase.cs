using Npgsql;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: <c>MAILLAGE_TEST_DATABASE=sqlite</c> (default) or <c>postgres</c>,
/// with <c>MAILLAGE_TEST_POSTGRES</c> the connection string of a server where databases may be created.
/// ./test.sh runs the whole suite once on each.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("MAILLAGE_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string ProviderName => IsPostgres ? "Postgres" : "Sqlite";

    /// <summary>A new, empty database for one application instance; returns its connection string.</summary>
    public static string CreateEmpty()
    {
        if (!IsPostgres)
        {
            var dir = Path.Combine(Path.GetTempPath(), "maillage-tests");
            Directory.CreateDirectory(dir);
            return $"Data Source={Path.Combine(dir, $"{Guid.NewGuid():N}.db")};Foreign Keys=True";
        }
        var server = Environment.GetEnvironmentVariable("MAILLAGE_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("MAILLAGE_TEST_DATABASE=postgres needs MAILLAGE_TEST_POSTGRES (a connection string).");
        var name = $"maillage_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }
        // Waiting for a pooled connection may take longer than Npgsql's 15 s default when a loaded CI machine runs
        // the 200-simultaneous-registration races (each waits its turn on the event's row while holding a connection).
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Timeout = 60, CommandTimeout = 120 }.ConnectionString;
    }

    public static void Drop(string connectionString)
    {
        if (!IsPostgres)
        {
            var file = connectionString.Split(';')[0]["Data Source=".Length..];
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) try { File.Delete(f); } catch (IOException) { }
            return;
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        NpgsqlConnection.ClearAllPools();
        builder.Database = "postgres";
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
