using Maillage.Platform.Configuration;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform;

/// <summary>
/// On start: migrate, run every module's database initialisers (schema outside the migrations, the reference network),
/// create the bootstrap administrator when no user exists, and in Development run every module's demo seeders.
/// </summary>
public static class Startup
{
    /// <summary>
    /// The content root (settings files, wwwroot) for <see cref="WebApplicationOptions.ContentRootPath"/>: the working
    /// directory when it holds <c>appsettings.json</c> (<c>dotnet run</c> in the project, the application started in its
    /// own folder, the test host), else the application's own folder when that holds it: a service manager starting
    /// <c>dotnet /opt/maillage/Maillage.dll</c> from <c>/</c> would otherwise read no settings file and silently lose
    /// every default written there. Null (the host's choice) when the content root is given explicitly
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) or neither folder holds the file.
    /// </summary>
    public static string? ContentRoot(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT")))
            return null;
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))) return null;
        var own = AppContext.BaseDirectory;
        return File.Exists(Path.Combine(own, "appsettings.json")) ? own : null;
    }

    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<MaillageDb>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Maillage.Startup");
        // A wrong setting stops the start here, naming its key, before anything touches the database.
        Settings.Validate(services);
        var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlatformOptions>>().Value;
        var environment = sp.GetRequiredService<IHostEnvironment>();

        // Each step's time is logged, so that a slow first start says where it went (README, "First start").
        var clock = new StepClock();
        if (options.MigrateOnStart)
        {
            await DatabaseSetup.MigrateAsync(db, ct);
            logger.LogInformation("Start-up: database migrated in {Step}", clock.Lap());
        }
        foreach (var initialiser in sp.GetServices<IDatabaseInitialiser>())
        {
            await initialiser.InitialiseAsync(ct);
            logger.LogInformation("Start-up: {Name} in {Step}", initialiser.GetType().Name, clock.Lap());
        }
        // Reported by /health/ready (the application still starts: reading what is sound may help to recover).
        await sp.GetRequiredService<DatabaseIntegrity>().CheckAtStartAsync(db, logger, ct);

        var (email, password) = (options.Bootstrap.AdminEmail, options.Bootstrap.AdminPassword);
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(password) && !await db.Users.AnyAsync(ct))
        {
            var directory = sp.GetRequiredService<StaffDirectory>();
            var admin = await directory.CreateUserAsync(email, password, "Administrateur");
            await directory.GrantAsync(admin, new Grant(StaffRole.PlatformOperator, ScopeKind.Platform));
            logger.LogInformation("Bootstrap platform administrator {Email} created", email);
        }

        if (environment.IsDevelopment() && options.SeedDemoUsers)
        {
            foreach (var seeder in sp.GetServices<IDevelopmentSeeder>())
            {
                await seeder.SeedAsync(ct);
                logger.LogInformation("Start-up: {Name} in {Step}", seeder.GetType().Name, clock.Lap());
            }
        }
    }

    /// <summary>Wall and processor time since the last lap: on a busy machine the processor time is the steadier figure.</summary>
    private sealed class StepClock
    {
        private long _wall = System.Diagnostics.Stopwatch.GetTimestamp();
        private TimeSpan _cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

        public string Lap()
        {
            var (wall, cpu) = (System.Diagnostics.Stopwatch.GetTimestamp(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);
            var lap = $"{System.Diagnostics.Stopwatch.GetElapsedTime(_wall, wall).TotalMilliseconds:F0} ms ({(cpu - _cpu).TotalMilliseconds:F0} ms of processor time)";
            (_wall, _cpu) = (wall, cpu);
            return lap;
        }
    }
}
