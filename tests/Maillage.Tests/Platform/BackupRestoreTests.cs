using System.Text;
using Maillage.Platform.Cli;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 18, item 9: <c>backup</c> and <c>restore</c> on both databases. A backup is taken of a database holding the
/// reference network, the data is changed, the database restored: every table holds again exactly the rows it held.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _connection = TestDatabase.CreateFromTemplate();
    private readonly string _backup = Path.Combine(Path.GetTempPath(), $"maillage-backup-{Guid.NewGuid():N}.bak");

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CommandLine.RunAsync(
            [.. args, $"--Database:Provider={TestDatabase.ProviderName}", $"--ConnectionStrings:Maillage={_connection}"],
            MaillageModules.AddModules, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Given_a_backup_When_the_data_changes_and_the_backup_is_restored_Then_every_table_holds_its_backed_up_rows_again()
    {
        var before = await DumpAsync();
        Assert.Contains(before, t => t.Key == "Structures" && t.Value.Count > 0);

        var (code, output, errors) = await RunAsync("backup", "--out", _backup);

        Assert.True(code == 0, errors);
        Assert.Contains(_backup, output);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_backup));
        Assert.False(File.Exists(_backup + "-wal"));

        await ChangeAsync();
        Assert.NotEqual(Flat(before), Flat(await DumpAsync()));

        (code, output, errors) = await RunAsync("restore", "--from", _backup);

        Assert.True(code == 0, errors);
        Assert.Contains("restored", output);
        Assert.Equal(Flat(before), Flat(await DumpAsync()));
        var (again, _, againErrors) = await RunAsync("backup", "--out", _backup);
        Assert.NotEqual(0, again);
        Assert.Contains("already exists", againErrors);
    }

    [Fact]
    public async Task Given_the_application_connected_When_restoring_Then_it_is_refused_and_nothing_changes()
    {
        Assert.Equal(0, (await RunAsync("backup", "--out", _backup)).Code);
        await ChangeAsync();
        var changed = Flat(await DumpAsync());

        await using (var application = await OpenAsync())
        {
            var (code, _, errors) = await RunAsync("restore", "--from", _backup);

            Assert.NotEqual(0, code);
            Assert.Contains("The database is in use: stop the application", errors);
        }
        Assert.Equal(changed, Flat(await DumpAsync()));
        Assert.NotEqual(0, (await RunAsync("restore", "--from", _backup + ".absent")).Code);
    }

    [SqliteFact]
    public async Task Given_a_write_ahead_log_left_by_a_crash_When_restoring_Then_the_backup_wins_and_the_database_is_sound()
    {
        var before = await DumpAsync();
        Assert.Equal(0, (await RunAsync("backup", "--out", _backup)).Code);
        // A server killed after writing: its changes are in the -wal, the -shm beside it.
        var file = new SqliteConnectionStringBuilder(_connection).DataSource;
        await using (var crashed = await OpenAsync())
        {
            await ExecuteAsync(crashed, "PRAGMA wal_autocheckpoint=0");
            await ChangeAsync(crashed);
            File.Copy(file + "-wal", file + "-wal.kept");
            File.Copy(file + "-shm", file + "-shm.kept");
        }
        File.Move(file + "-wal.kept", file + "-wal", overwrite: true);
        File.Move(file + "-shm.kept", file + "-shm", overwrite: true);

        var (code, _, errors) = await RunAsync("restore", "--from", _backup);

        Assert.True(code == 0, errors);
        Assert.Equal(Flat(before), Flat(await DumpAsync()));
        await using var check = await OpenAsync();
        Assert.Equal("ok", await ScalarAsync(check, "PRAGMA integrity_check"));
    }

    [SqliteFact]
    public async Task Given_a_damaged_backup_When_restoring_Then_it_is_refused_before_touching_the_database()
    {
        Assert.Equal(0, (await RunAsync("backup", "--out", _backup)).Code);
        AddUnusedPage(_backup);
        var before = Flat(await DumpAsync());

        var (code, _, errors) = await RunAsync("restore", "--from", _backup);

        Assert.NotEqual(0, code);
        Assert.Contains("is damaged", errors);
        Assert.Equal(before, Flat(await DumpAsync()));
    }

    [SqliteFact]
    public async Task Given_a_SQLite_file_failing_its_quick_check_When_the_application_starts_Then_health_ready_reports_it()
    {
        AddUnusedPage(new SqliteConnectionStringBuilder(_connection).DataSource);
        using var app = new ExistingDatabaseApp(_connection);

        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Contains("quick_check", report.Entries["database"].Description);
        Assert.Contains("never used", report.Entries["database"].Description);
    }

    [SqliteFact]
    public async Task Given_a_sound_SQLite_file_When_the_application_starts_Then_health_ready_is_healthy()
    {
        using var app = new ExistingDatabaseApp(_connection);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>A page no table uses, appended to the file and counted in its header: what quick_check calls "never used".</summary>
    private static void AddUnusedPage(string file)
    {
        var bytes = File.ReadAllBytes(file).ToList();
        var pageSize = bytes[16] << 8 | bytes[17];
        var pages = bytes[28] << 24 | bytes[29] << 16 | bytes[30] << 8 | bytes[31];
        pages++;
        bytes[28] = (byte)(pages >> 24); bytes[29] = (byte)(pages >> 16); bytes[30] = (byte)(pages >> 8); bytes[31] = (byte)pages;
        bytes.AddRange(new byte[pageSize]);
        File.WriteAllBytes(file, [.. bytes]);
    }

    private sealed class ExistingDatabaseApp(string connection) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", TestDatabase.ProviderName);
            builder.UseSetting("ConnectionStrings:Maillage", connection);
            builder.UseSetting("Jobs:Enabled", "false");
        }
    }

    /// <summary>Updates, deletes and inserts rows (the migrations' history is a table like another here).</summary>
    private async Task ChangeAsync(System.Data.Common.DbConnection? open = null)
    {
        await using var owned = open is null ? await OpenAsync() : null;
        var connection = open ?? owned!;
        await ExecuteAsync(connection, """UPDATE "Structures" SET "Name" = "Name" || ' (modifié)'""");
        await ExecuteAsync(connection, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MIN("MigrationId") FROM "__EFMigrationsHistory")""");
        await ExecuteAsync(connection, """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('99999999999999_Intruder', '0')""");
    }

    private async Task<System.Data.Common.DbConnection> OpenAsync()
    {
        System.Data.Common.DbConnection connection = TestDatabase.IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connection) { Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(_connection) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, TestDatabase.IsPostgres ? "SELECT 1" : "SELECT COUNT(*) FROM sqlite_master");
        return connection;
    }

    /// <summary>Every table's rows, each written out in full (blobs in hex, numbers round-trip), sorted.</summary>
    private async Task<SortedDictionary<string, List<string>>> DumpAsync()
    {
        var dump = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        await using var connection = await OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = TestDatabase.IsPostgres
                ? "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            select.CommandText = TestDatabase.IsPostgres ? $"SELECT row_to_json(t)::text FROM {table} t" : $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                    row.Append(reader.GetValue(i) switch
                    {
                        DBNull => "null",
                        byte[] blob => "x" + Convert.ToHexString(blob),
                        double d => "d" + d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                        var v => v.GetType().Name + ":" + Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                    }).Append('|');
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            dump[table.Replace("public.", "").Trim('"')] = rows;
        }
        return dump;
    }

    private static string Flat(SortedDictionary<string, List<string>> dump) =>
        string.Join("\n", dump.Select(t => $"## {t.Key}\n{string.Join("\n", t.Value)}"));

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    public void Dispose()
    {
        TestDatabase.Drop(_connection);
        File.Delete(_backup);
    }
}

/// <summary>pg_dump and pg_restore take no Npgsql connection string: it becomes libpq's environment, the password included.</summary>
public sealed class PostgresToolsTests
{
    [Fact]
    public void Given_an_Npgsql_connection_string_Then_libpq_gets_each_part_in_its_variable_and_the_password_only_there()
    {
        var env = PostgresTools.Environment("Host=db.example;Port=6543;Database=maillage;Username=maillage;Password=s3cret;SSL Mode=VerifyFull;Root Certificate=/etc/ca.pem;Maximum Pool Size=50");

        Assert.Equal("db.example", env["PGHOST"]);
        Assert.Equal("6543", env["PGPORT"]);
        Assert.Equal("maillage", env["PGDATABASE"]);
        Assert.Equal("maillage", env["PGUSER"]);
        Assert.Equal("s3cret", env["PGPASSWORD"]);
        Assert.Equal("verify-full", env["PGSSLMODE"]);
        Assert.Equal("/etc/ca.pem", env["PGSSLROOTCERT"]);
        Assert.DoesNotContain(env.Values, v => v.Contains("Pool"));
    }
}
