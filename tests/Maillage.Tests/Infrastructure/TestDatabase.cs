using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: <c>MAILLAGE_TEST_DATABASE=sqlite</c> (default) or <c>postgres</c>,
/// with <c>MAILLAGE_TEST_POSTGRES</c> the connection string of a server where databases may be created.
/// ./test.sh runs the whole suite once on each.
/// <para>
/// Every test application starts on a copy of one template database, made once per test process (see
/// <see cref="CreateFromTemplate"/>): migrating and loading the reference network for each application took most of
/// its start-up.
/// </para>
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("MAILLAGE_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string ProviderName => IsPostgres ? "Postgres" : "Sqlite";

    private static string SqliteDirectory
    {
        get
        {
            var dir = Path.Combine(Path.GetTempPath(), "maillage-tests");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string Server =>
        Environment.GetEnvironmentVariable("MAILLAGE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("MAILLAGE_TEST_DATABASE=postgres needs MAILLAGE_TEST_POSTGRES (a connection string).");

    private static string SqliteConnectionString(string file) => $"Data Source={file};Foreign Keys=True";

    /// <summary>
    /// The connection string of a database on the test server. Waiting for a pooled connection may take longer than
    /// Npgsql's 15 s default when a loaded CI machine runs the 200-simultaneous-registration races (each waits its turn
    /// on the event's row while holding a connection).
    /// </summary>
    private static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database, Timeout = 60, CommandTimeout = 120 }.ConnectionString;

    /// <summary>A new, empty database (no table): for the tests of migrating itself, e.g. the command line's <c>migrate</c>.</summary>
    public static string CreateEmpty()
    {
        if (!IsPostgres) return SqliteConnectionString(Path.Combine(SqliteDirectory, $"{Guid.NewGuid():N}.db"));
        var name = $"maillage_test_{Guid.NewGuid():N}";
        ExecuteOnServer($"CREATE DATABASE \"{name}\"");
        return PostgresConnectionString(name);
    }

    /// <summary>
    /// A new database as the application leaves it after its first start in the Testing environment (migrated, visit
    /// rollup triggers installed, reference network loaded, no user), copied from the template of this process: the
    /// file on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL. The application's own start-up then finds
    /// nothing to do (no pending migration, the network present) and checks only.
    /// </summary>
    public static string CreateFromTemplate()
    {
        var template = Template.Value;
        if (!IsPostgres)
        {
            var file = Path.Combine(SqliteDirectory, $"{Guid.NewGuid():N}.db");
            File.Copy(template, file);
            return SqliteConnectionString(file);
        }
        var name = $"maillage_test_{Guid.NewGuid():N}";
        ExecuteOnServer($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return PostgresConnectionString(name);
    }

    /// <summary>
    /// The template of this test process, built by its first caller while the others wait (one per process: xunit's
    /// parallel collections share it). Its name is unique to the process, so that two test projects on one
    /// PostgreSQL server (or one temporary folder) never use each other's; it is deleted when the process exits.
    /// </summary>
    private static readonly Lazy<string> Template = new(BuildTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string BuildTemplate()
    {
        // Named after its start time too, so that a later run can drop the templates of runs that were killed.
        var name = $"{TemplatePrefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        string connectionString;
        if (IsPostgres)
        {
            DropStaleTemplates();
            ExecuteOnServer($"CREATE DATABASE \"{name}\"");
            connectionString = PostgresConnectionString(name);
        }
        else connectionString = SqliteConnectionString(Path.Combine(SqliteDirectory, $"{name}.db"));
        // Best effort: the test host may be stopped before a slow drop ends (PostgreSQL checkpoints at each DROP DATABASE).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(connectionString);

        // The application's own start-up prepares the template, as it would prepare each test's database.
        using (var app = new TemplateApp(connectionString)) _ = app.Services;

        if (!IsPostgres)
        {
            // Copy the write-ahead log into the file and empty it: the file alone is then the whole database.
            SqliteConnection.ClearAllPools();
            using var connection = new SqliteConnection(SqliteConnectionString(Path.Combine(SqliteDirectory, $"{name}.db")) + ";Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"{ForgetDataProtectionKeys} PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
            return Path.Combine(SqliteDirectory, $"{name}.db");
        }
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = ForgetDataProtectionKeys;
            command.ExecuteNonQuery();
        }
        // CREATE DATABASE … TEMPLATE needs the template without any connection: close the pooled ones the start-up left
        // (the application's connection string differs from ours by its defaults, hence every pool), and refuse new ones.
        NpgsqlConnection.ClearAllPools();
        ExecuteOnServer($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        ExecuteOnServer($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return name;
    }

    /// <summary>
    /// The start-up created the key ring of ASP.NET Core's data protection (cookies, antiforgery) in the database: each
    /// application makes its own, as before, rather than all sharing the template's.
    /// </summary>
    private const string ForgetDataProtectionKeys = "DELETE FROM \"DataProtectionKeys\";";

    /// <summary>The application, started once on the template so that its start-up migrates and seeds it; no scheduler.</summary>
    private sealed class TemplateApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", ProviderName);
            builder.UseSetting("ConnectionStrings:Maillage", connectionString);
            // The scheduler would store its jobs in the template; each application schedules its own on its copy.
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    private static void ExecuteOnServer(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private const string TemplatePrefix = "maillage_template_";

    private static void DropQuietly(string connectionString)
    {
        try
        {
            // One statement on PostgreSQL: no pool to clear (nothing may connect to the template), no ALTER first.
            if (IsPostgres) ExecuteOnServer($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
            else Drop(connectionString);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Templates of runs started more than a day ago, left by a test process stopped before its clean-up.</summary>
    private static void DropStaleTemplates()
    {
        var before = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var stale = new List<string>();
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT datname FROM pg_database WHERE datname LIKE '{TemplatePrefix}%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                if (long.TryParse(name[TemplatePrefix.Length..].Split('_')[0], out var started) && started < before) stale.Add(name);
            }
        }
        foreach (var name in stale) ExecuteOnServer($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static void Drop(string connectionString)
    {
        if (!IsPostgres)
        {
            var file = connectionString.Split(';')[0]["Data Source=".Length..];
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) try { File.Delete(f); } catch (IOException) { }
            return;
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        NpgsqlConnection.ClearAllPools();
        ExecuteOnServer($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}
