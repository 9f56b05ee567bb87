using Maillage.Agenda;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Cli;

/// <summary>
/// Administration from the command line, in the same executable as the web application:
/// <c>dotnet run --project src/Maillage -- COMMAND [options]</c>.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Maillage — administration commands

        Usage: dotnet run --project src/Maillage -- COMMAND [options]
           or: dotnet Maillage.dll COMMAND [options]

        Commands:
          migrate                              apply database migrations and load the reference network
          seed-demo                            add the demo users (one per role, password demo-maillage-2026)
          create-user --email E --password P --role R --scope S
                                               create a staff account with a role on a scope
                                               roles: receptionAgent, counsellor, eventOrganiser, coordinator, funder,
                                                      entrepreneurshipCoach, labelOfficer, administrator, platformOperator
                                               scopes: platform, cite:SLUG, structure:CITE/SLUG, structure:ID, partner:ID
          create-token --email E --name N      create an API token for a user; the token is printed alone on the last line
          seed-visits --cite C --count N --years Y
                                               add N synthetic visits to the Cité C (slug) over the last Y years
          backup --out FILE                    copy the SQLite database online to FILE (for PostgreSQL, use pg_dump)
          purge-retention                      erase registrants' personal data past Agenda:Retention:Months (default 12)
          help                                 show this text

        Configuration comes from appsettings.json and environment variables as for the web application
        (e.g. Database__Provider=Postgres ConnectionStrings__Maillage="Host=...").
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var command = args[0];
        if (command is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }
        if (command is not ("migrate" or "seed-demo" or "create-user" or "create-token" or "backup" or "seed-visits" or "purge-retention"))
            return await Fail(errors, $"Unknown command '{command}'.");

        if (!TryParseOptions(args.Skip(1).ToArray(), out var options, out var error))
            return await Fail(errors, error);
        var allowed = command switch
        {
            "create-user" => new[] { "email", "password", "role", "scope" },
            "create-token" => ["email", "name"],
            "backup" => ["out"],
            "seed-visits" => ["cite", "count", "years"],
            _ => [],
        };
        foreach (var key in options.Keys.Where(k => !allowed.Contains(k) && !k.Contains(':')))
            return await Fail(errors, $"Unknown option '--{key}' for '{command}'.");
        foreach (var key in allowed.Where(k => !options.ContainsKey(k)))
            return await Fail(errors, $"'{command}' needs --{key}.");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.Where(o => o.Key.Contains(':')).Select(o => $"--{o.Key}={o.Value}").ToArray() });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlatform();
        builder.AddNetwork();
        builder.AddAgendaOperations();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<MaillageDb>();
        try
        {
            switch (command)
            {
                case "migrate":
                    await Startup.PrepareDatabaseAsync(app.Services);
                    await output.WriteLineAsync("Database migrated.");
                    return 0;
                case "seed-demo":
                    await Startup.PrepareDatabaseAsync(app.Services);
                    var created = await Startup.SeedDemoUsersAsync(sp);
                    await output.WriteLineAsync($"{created} demo user(s) created; password: {Startup.DemoPassword}");
                    return 0;
                case "create-user":
                    if (!Enum.TryParse<StaffRole>(options["role"], ignoreCase: true, out var role) || int.TryParse(options["role"], out _))
                        return await Fail(errors, $"Unknown role '{options["role"]}'.");
                    await Startup.PrepareDatabaseAsync(app.Services);
                    var directory = sp.GetRequiredService<StaffDirectory>();
                    var grant = await directory.ParseAsync(role, options["scope"]);
                    var user = await directory.CreateUserAsync(options["email"], options["password"]);
                    await directory.GrantAsync(user, grant);
                    await output.WriteLineAsync($"User {user.Email} created with role {role.ApiName()} on {options["scope"]}.");
                    return 0;
                case "create-token":
                    await DatabaseSetup.MigrateAsync(db);
                    var owner = await sp.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(options["email"]);
                    if (owner is null) return await Fail(errors, $"No user has the e-mail '{options["email"]}'.", usage: false);
                    if (string.IsNullOrWhiteSpace(options["name"]) || options["name"].Length > 100)
                        return await Fail(errors, "The token name must have 1 to 100 characters.", usage: false);
                    var (token, secret) = ApiToken.Create(owner.Id, options["name"], sp.GetRequiredService<TimeProvider>().GetUtcNow());
                    db.ApiTokens.Add(token);
                    await db.SaveChangesAsync();
                    await output.WriteLineAsync($"Token '{token.Name}' created for {owner.Email}. It is shown once: keep it now.");
                    await output.WriteLineAsync(secret);
                    return 0;
                case "backup":
                    return await BackupAsync(db, options["out"], output, errors);
                case "seed-visits":
                    await Startup.PrepareDatabaseAsync(app.Services);
                    return await Visits.Seeding.SeedVisitsCommand.RunAsync(db, sp.GetRequiredService<TimeProvider>(), options, output, errors);
                case "purge-retention":
                    await DatabaseSetup.MigrateAsync(db);
                    var purge = sp.GetRequiredService<Agenda.Retention.RetentionPurge>();
                    var purged = await purge.RunAsync();
                    await output.WriteLineAsync($"{purged} registration(s) anonymised (events ended before {purge.Cutoff:yyyy-MM-dd}).");
                    return 0;
            }
        }
        catch (RuleViolation rule)
        {
            return await Fail(errors, rule.Text.En, usage: false);
        }
        return 1;
    }

    private static async Task<int> BackupAsync(MaillageDb db, string target, TextWriter output, TextWriter errors)
    {
        if (!db.Database.IsSqlite())
        {
            await errors.WriteLineAsync("""
                The backup command copies the embedded SQLite database. On PostgreSQL, use the server's own tool, e.g.:
                  pg_dump --format=custom --file=maillage.dump "$ConnectionStrings__Maillage"
                and restore with: pg_restore --clean --dbname=... maillage.dump
                """);
            return 2;
        }
        var full = Path.GetFullPath(target);
        if (File.Exists(full)) return await Fail(errors, $"'{full}' already exists; choose another file.", usage: false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var source = (SqliteConnection)db.Database.GetDbConnection();
            await source.OpenAsync();
            await using var destination = new SqliteConnection($"Data Source={full};Pooling=False");
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            return await Fail(errors, $"Cannot write the backup to '{full}': {e.Message}", usage: false);
        }
        await output.WriteLineAsync($"Backup written to {full}.");
        return 0;
    }

    private static bool TryParseOptions(string[] args, out Dictionary<string, string> options, out string error)
    {
        options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            {
                error = $"Unexpected argument '{arg}'.";
                return false;
            }
            var eq = arg.IndexOf('=');
            if (eq > 0)
            {
                options[arg[2..eq]] = arg[(eq + 1)..];
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"Option '{arg}' needs a value.";
                return false;
            }
            options[arg[2..]] = args[++i];
        }
        return true;
    }

    private static async Task<int> Fail(TextWriter errors, string message, bool usage = true)
    {
        await errors.WriteLineAsync("Error: " + message);
        if (usage) await errors.WriteLineAsync().ContinueWith(_ => errors.WriteLineAsync(Usage)).Unwrap();
        return 1;
    }
}
