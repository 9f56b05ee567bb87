using System.ComponentModel;
using System.Diagnostics;
using Maillage.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Maillage.Platform.Cli;

/// <summary>
/// <c>backup --out FILE</c>: a consistent copy of the database, taken while the application runs, in a new file only its
/// owner may read (0600). SQLite: SQLite's online backup, then made a single self-contained file (no -wal beside it).
/// PostgreSQL: <c>pg_dump --format=custom</c>, connected with the application's connection string turned into libpq's
/// environment (the password in <c>PGPASSWORD</c>, never on a command line).
/// </summary>
internal sealed class BackupCommand(MaillageDb db) : ICommand
{
    public async Task<int> RunAsync(CommandContext context)
    {
        var file = Path.GetFullPath(context.Options["out"]);
        var connectionString = db.Database.GetConnectionString()!;
        BackupFiles.CreateOwnerOnly(file);
        try
        {
            if (db.Database.IsSqlite()) await SqliteBackups.BackupAsync(connectionString, file);
            else await PostgresTools.RunAsync("pg_dump", connectionString, ["--format=custom", "--file=" + file]);
        }
        catch
        {
            File.Delete(file);
            throw;
        }
        await context.Output.WriteLineAsync($"Backup written to {file} (readable by its owner only).");
        return 0;
    }
}

/// <summary>
/// <c>restore --from FILE</c>: replaces the database's content with a backup made by <c>backup</c>, with the application
/// stopped (refused while another connection uses the database). SQLite: the backup's integrity is checked, the database is
/// taken exclusively (its write-ahead log, even one left by a crash, is SQLite's to recover: no file is copied over it),
/// the backup is copied in through SQLite's backup API, and the result is integrity-checked. PostgreSQL:
/// <c>pg_restore --clean --if-exists --single-transaction</c> (all or nothing), without owners and privileges.
/// </summary>
internal sealed class RestoreCommand(MaillageDb db) : ICommand
{
    public async Task<int> RunAsync(CommandContext context)
    {
        var file = Path.GetFullPath(context.Options["from"]);
        if (!File.Exists(file)) throw new CommandFailure($"'{file}' does not exist.");
        var connectionString = db.Database.GetConnectionString()!;
        if (db.Database.IsSqlite())
        {
            await SqliteBackups.RestoreAsync(file, connectionString);
        }
        else
        {
            await PostgresTools.RefuseWhileInUseAsync(connectionString);
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database
                           ?? throw new CommandFailure("The connection string names no database.");
            await PostgresTools.RunAsync("pg_restore", connectionString,
                ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=" + database, file]);
        }
        await context.Output.WriteLineAsync($"Database restored from {file}. Start the application again.");
        return 0;
    }
}

internal static class BackupFiles
{
    /// <summary>A new empty file readable and writable by its owner only (0600), so that no other account reads a backup.</summary>
    public static void CreateOwnerOnly(string file)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var _ = new FileStream(file, options);
        }
        catch (IOException) when (File.Exists(file))
        {
            throw new CommandFailure($"'{file}' already exists; choose another file.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailure($"Cannot write the backup to '{file}': {e.Message}");
        }
    }
}

internal static class SqliteBackups
{
    private const int Busy = 5, Locked = 6;

    public static async Task BackupAsync(string connectionString, string file)
    {
        try
        {
            // Connections of their own, not pooled: none stays open on the database after the command.
            await using var source = new SqliteConnection(Unpooled(connectionString));
            await source.OpenAsync();
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
            await destination.OpenAsync();
            source.BackupDatabase(destination);
            // The copy keeps the database's WAL mode: one self-contained file is what a backup should be.
            await ExecuteAsync(destination, "PRAGMA journal_mode=DELETE");
        }
        catch (SqliteException e)
        {
            throw new CommandFailure($"Cannot write the backup to '{file}': {e.Message}");
        }
    }

    public static async Task RestoreAsync(string file, string connectionString)
    {
        await using (var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString))
        {
            try
            {
                await backup.OpenAsync();
                var check = await IntegrityAsync(backup);
                if (check != "ok") throw new CommandFailure($"'{file}' is damaged (integrity check: {check}); nothing was restored.");
                if (await ScalarAsync(backup, "SELECT COUNT(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'") is not 1L)
                    throw new CommandFailure($"'{file}' is not a Maillage database; nothing was restored.");
            }
            catch (SqliteException e)
            {
                throw new CommandFailure($"'{file}' cannot be read as a SQLite database ({e.Message}); nothing was restored.");
            }

            // Default Timeout: Microsoft.Data.Sqlite retries a busy statement this long (seconds), not the default 30.
            await using var live = new SqliteConnection(new SqliteConnectionStringBuilder(Unpooled(connectionString)) { DefaultTimeout = 2 }.ConnectionString);
            try
            {
                await live.OpenAsync();
                // Exclusive locking: held from here to the end, refused while any other connection (the application, a
                // command) has the database open. Opening also recovers a write-ahead log a crash may have left.
                await ExecuteAsync(live, "PRAGMA locking_mode=EXCLUSIVE");
                await ExecuteAsync(live, "BEGIN EXCLUSIVE");
                await ExecuteAsync(live, "COMMIT");
            }
            catch (SqliteException e) when (e.SqliteErrorCode is Busy or Locked)
            {
                throw new CommandFailure("The database is in use: stop the application (every instance) and any running command, then restore again. Nothing was restored.");
            }
            catch (SqliteException e)
            {
                throw new CommandFailure($"Cannot open the database to restore into: {e.Message}. Nothing was restored.");
            }
            try
            {
                // One step copies every page in one write transaction: on failure the database is left as it was.
                backup.BackupDatabase(live);
                await ExecuteAsync(live, "PRAGMA journal_mode=WAL; PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException e)
            {
                throw new CommandFailure($"The restore failed: {e.Message}");
            }
            var result = await IntegrityAsync(live);
            if (result != "ok") throw new CommandFailure($"The restored database fails its integrity check: {result}");
        }
    }

    private static string Unpooled(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static async Task<string> IntegrityAsync(SqliteConnection connection) =>
        (string)(await ScalarAsync(connection, "PRAGMA integrity_check"))!;

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>PostgreSQL's client tools (pg_dump, pg_restore) from the PATH, of the server's major version or newer.</summary>
internal static class PostgresTools
{
    /// <summary>
    /// libpq's environment for an Npgsql connection string: host(s), port, database, user, password, TLS. The tools take
    /// no Npgsql string, and a password on their command line would show in the process list.
    /// </summary>
    public static Dictionary<string, string> Environment(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var env = new Dictionary<string, string>();
        void Set(string name, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text) env[name] = text;
        }
        Set("PGHOST", b.Host);
        Set("PGPORT", b.Port);
        Set("PGDATABASE", b.Database);
        Set("PGUSER", b.Username);
        Set("PGPASSWORD", b.Password);
        Set("PGPASSFILE", b.Passfile);
        Set("PGAPPNAME", "maillage-" + (b.ApplicationName ?? "backup"));
        Set("PGCONNECT_TIMEOUT", b.Timeout);
        Set("PGSSLMODE", b.SslMode switch
        {
            SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Prefer => "prefer", SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => null,
        });
        Set("PGSSLROOTCERT", b.RootCertificate);
        Set("PGSSLCERT", b.SslCertificate);
        Set("PGSSLKEY", b.SslKey);
        return env;
    }

    public static async Task RunAsync(string tool, string connectionString, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Nothing of the caller's libpq environment (another PGDATABASE, PGOPTIONS…) mixes with the application's string.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in Environment(connectionString)) start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new CommandFailure($"{tool} was not found: install PostgreSQL's client tools (the server's major version or newer) and put them on the PATH.");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new CommandFailure($"{tool} failed (exit code {process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}".TrimEnd());
        }
    }

    /// <summary>A restore under a running application would mix its writes and caches with the backup: refused.</summary>
    public static async Task RefuseWhileInUseAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
                throw new CommandFailure("The database is in use: stop the application (every instance) and any running command, then restore again. Nothing was restored.");
        }
        catch (NpgsqlException e)
        {
            throw new CommandFailure($"Cannot reach the database: {e.Message}");
        }
    }
}
