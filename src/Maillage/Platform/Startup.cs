using Maillage.Visits;
using Maillage.Network;
using Maillage.Network.ReferenceData;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform;

/// <summary>
/// On start: migrate, load the reference network into an empty database, create the bootstrap
/// administrator when no user exists, and in Development add one demo user per role, demo events and
/// three years of demo visits.
/// </summary>
public static class Startup
{
    public const string DemoPassword = "demo-maillage-2026";

    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<MaillageDb>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Maillage.Startup");
        var configuration = sp.GetRequiredService<IConfiguration>();
        var environment = sp.GetRequiredService<IHostEnvironment>();

        if (configuration.GetValue("Maillage:MigrateOnStart", true))
            await DatabaseSetup.MigrateAsync(db, ct);
        if (configuration.GetValue("Maillage:SeedReferenceNetwork", true) && await sp.GetRequiredService<ReferenceNetwork>().EnsureAsync(ct))
            logger.LogInformation("Reference network loaded (Grand Genève, Marseille-PACA)");

        var email = configuration["Maillage:Bootstrap:AdminEmail"];
        var password = configuration["Maillage:Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(password) && !await db.Users.AnyAsync(ct))
        {
            var directory = sp.GetRequiredService<StaffDirectory>();
            var admin = await directory.CreateUserAsync(email, password, "Administrateur");
            await directory.GrantAsync(admin, new Grant(StaffRole.PlatformOperator, ScopeKind.Platform));
            logger.LogInformation("Bootstrap platform administrator {Email} created", email);
        }

        if (environment.IsDevelopment() && configuration.GetValue("Maillage:SeedDemoUsers", true))
        {
            await SeedDemoUsersAsync(sp, ct);
            await Agenda.DemoAgenda.EnsureAsync(db, sp.GetRequiredService<TimeProvider>(), ct);
            if (configuration.GetValue("Maillage:SeedDemoVisits", true))
                await SeedDemoVisitsAsync(db, sp.GetRequiredService<TimeProvider>(), logger, ct);
        }
    }

    /// <summary>
    /// Three years of synthetic visits for each reference Cité (the same generator as <c>seed-visits</c>), so that
    /// the dashboards and the public key figures (last full year against the one before) show something on a first start; only into a database
    /// with no visit at all, so that nothing typed in is ever mixed with them.
    /// </summary>
    private static async Task SeedDemoVisitsAsync(MaillageDb db, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        if (await db.Visits.AnyAsync(ct)) return;
        foreach (var (cite, count) in DemoVisits)
        {
            if (!await db.Cites.AnyAsync(c => c.Slug == cite, ct)) continue;
            var written = await new Visits.Seeding.VisitSeeder(db, clock).SeedAsync(cite, count, years: DemoVisitYears, ct: ct);
            logger.LogInformation("Demo visits: {Count} over {Years} years for {Cite}", written, DemoVisitYears, cite);
        }
    }

    /// <summary>How many demo visits each reference Cité gets in Development, over <see cref="DemoVisitYears"/> years.</summary>
    public static readonly (string Cite, int Count)[] DemoVisits = [("grand-geneve", 75_000), ("marseille-paca", 30_000)];

    public const int DemoVisitYears = 3;

    /// <summary>The demo accounts listed in the README, one per role.</summary>
    public static readonly (string Email, string Name, StaffRole Role, string Scope)[] DemoUsers =
    [
        ("exploitation@demo.maillage.test", "Exploitation de la plateforme", StaffRole.PlatformOperator, "platform"),
        ("admin.geneve@demo.maillage.test", "Administration Grand Genève", StaffRole.Administrator, "cite:grand-geneve"),
        ("coordination.annemasse@demo.maillage.test", "Coordination Annemasse", StaffRole.Coordinator, "structure:grand-geneve/annemasse"),
        ("coordination.marseille@demo.maillage.test", "Coordination Marseille", StaffRole.Coordinator, "cite:marseille-paca"),
        ("accueil.saint-julien@demo.maillage.test", "Accueil Saint-Julien", StaffRole.ReceptionAgent, "structure:grand-geneve/saint-julien-en-genevois"),
        ("conseil.annemasse@demo.maillage.test", "Conseil France Travail", StaffRole.Counsellor, "structure:grand-geneve/annemasse"),
        ("animation.geneve@demo.maillage.test", "Animation Grand Genève", StaffRole.EventOrganiser, "cite:grand-geneve"),
        ("financeur.ccg@demo.maillage.test", "Financeur CCG", StaffRole.Funder, "cite:grand-geneve"),
        ("citeslab@demo.maillage.test", "Cheffe de projet CitésLab", StaffRole.EntrepreneurshipCoach, "structure:grand-geneve/citeslab-saint-georges"),
        ("label@demo.maillage.test", "Chargée de label", StaffRole.LabelOfficer, "cite:grand-geneve"),
    ];

    public static async Task<int> SeedDemoUsersAsync(IServiceProvider sp, CancellationToken ct = default)
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var directory = sp.GetRequiredService<StaffDirectory>();
        var created = 0;
        foreach (var (email, name, role, scope) in DemoUsers)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = await directory.CreateUserAsync(email, DemoPassword, name);
            await directory.GrantAsync(user, await directory.ParseAsync(role, scope));
            created++;
        }
        return created;
    }
}
