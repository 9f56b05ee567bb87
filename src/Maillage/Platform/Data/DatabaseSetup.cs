using System.Data.Common;
using Maillage.Platform.Audit;
using Maillage.Platform.Configuration;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Maillage.Platform.Data;

internal enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Chooses the database: SQLite by default (a file under <c>Maillage:DataDirectory</c>), PostgreSQL with
/// <c>Database:Provider=Postgres</c> and <c>ConnectionStrings:Maillage</c>.
/// </summary>
internal static class DatabaseSetup
{
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new()).IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static string SqliteConnectionString(IConfiguration configuration)
    {
        var explicitString = configuration.GetConnectionString("Maillage");
        if (!string.IsNullOrWhiteSpace(explicitString)) return explicitString;
        var directory = Path.GetFullPath((configuration.GetSection(PlatformOptions.Section).Get<PlatformOptions>() ?? new()).DataDirectory);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "maillage.db")};Foreign Keys=True;Pooling=True";
    }

    /// <summary>
    /// The configured PostgreSQL connection string, with Npgsql's automatic preparation on unless the string sets it:
    /// a statement run twice on a physical connection is prepared there, and PostgreSQL no longer parses and plans it at
    /// every execution (a registration's five statements, a visit's insert, the dispatcher's claims). Measured on the
    /// registration rush: 288–381 → 437–699 registrations/s (docs/performance-history.md, "Stop 11").
    /// <c>Max Auto Prepare=0</c> in the string turns it off (e.g. behind a pooler that cannot keep prepared statements).
    /// <para>
    /// Also <c>No Reset On Close=true</c> unless the string sets it: a connection going back to the pool is not reset.
    /// With prepared statements kept, Npgsql's reset is seven statements (<c>RESET ALL</c>, <c>CLOSE ALL</c>,
    /// <c>UNLISTEN *</c>…) that PostgreSQL parses and runs at the next use of the connection: once per request. Maillage
    /// keeps no session state — no <c>SET</c> outside a transaction, no <c>LISTEN</c>, no session advisory lock, no
    /// temporary table — so there is nothing to reset; a transaction left open is still rolled back when its connection
    /// goes back to the pool (tested). Measured on the registration rush: PostgreSQL's CPU per registration −18 to −23 %
    /// (docs/performance-history.md, "Stop 16"; docs/decisions/0012-no-session-state-on-postgresql.md).
    /// </para>
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows: the keys actually given are read apart.
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!Given("Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!Given("Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        if (!Given("No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public static IServiceCollection AddMaillageData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DatabaseOptions>(configuration, DatabaseOptions.Section);
        services.AddSettings<PlatformOptions>(configuration, PlatformOptions.Section);
        services.AddScoped<TenantContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<ReadCache>();
        services.AddScoped<IAuditActor, Identity.HttpAuditActor>();
        switch (ProviderOf(configuration))
        {
            case DatabaseProvider.Postgres:
                var cs = PostgresConnectionString(configuration.GetConnectionString("Maillage")
                    ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Maillage is not set."));
                AddPooled<PostgresMaillageDb>(services, o => o.UseNpgsql(cs, x => x.UseParameterizedCollectionMode(ListsAs)));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration);
                SqliteLibrary.Configure();
                AddPooled<SqliteMaillageDb>(services, o => o.UseSqlite(sqlite, x => x.UseParameterizedCollectionMode(ListsAs)).AddInterceptors(SqlitePragmas.Instance));
                services.AddSingleton<SqliteCheckpointer>();
                services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
                break;
        }
        return services;
    }

    /// <summary>
    /// Contexts come from a pool (decision 0009): setting up a new context's internal services cost ~5 % of a
    /// registration's CPU. The unit of work (a request, a job's scope) gets one bound to its tenant, author and clock,
    /// and gives it back to the pool when the scope ends.
    /// </summary>
    private static void AddPooled<T>(IServiceCollection services, Action<DbContextOptionsBuilder> options) where T : MaillageDb
    {
        // Every context evicts the public responses its saved changes make stale (PublicCache).
        services.AddPooledDbContextFactory<T>((sp, o) => options(o.AddInterceptors(Web.PublicCache.Interceptors(sp)).AddInterceptors(Errors.TextInterceptor.Instance)));
        services.AddScoped<MaillageDb>(sp => sp.GetRequiredService<IDbContextFactory<T>>().CreateDbContext()
            .For(sp.GetRequiredService<TenantContext>(), sp.GetRequiredService<IAuditActor>(), sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>
    /// A list of values in a query (<c>ids.Contains(x.Id)</c>, and the tenant filter of every query on Cité-owned rows,
    /// decision 0009) travels as one array parameter — <c>json_each(@ids)</c> on SQLite, <c>= ANY(@ids)</c> on
    /// PostgreSQL — so that its SQL is the same whatever the list and is generated once, not at every execution as
    /// with EF Core 10's default of one parameter per value.
    /// </summary>
    private const ParameterTranslationMode ListsAs = ParameterTranslationMode.Parameter;

    /// <summary>
    /// Applies pending migrations; on SQLite also turns on write-ahead logging (kept in the file). The modules' own
    /// database work follows (<see cref="Modules.IDatabaseInitialiser"/>, run by <see cref="Startup.PrepareDatabaseAsync"/>).
    /// </summary>
    public static async Task MigrateAsync(MaillageDb db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", ct);
    }
}

/// <summary>
/// Process-wide settings of the SQLite library, made once before its first connection (SQLite refuses them later;
/// then the defaults stay, which are only slower). ADO.NET never shares a connection between two threads at once, so
/// SQLite need not lock each connection around every call (multi-thread mode instead of serialized), and it need
/// not count its memory (a global lock around every allocation). Profiled during a registration rush, the two
/// locks took about 6 % of the server's CPU.
/// </summary>
internal static class SqliteLibrary
{
    private static int _configured;

    /// <summary>True when the settings took effect (false if a connection had been opened before <see cref="Configure"/>).</summary>
    public static bool Applied { get; private set; }

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        SQLitePCL.Batteries_V2.Init();
        Applied = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD) == SQLitePCL.raw.SQLITE_OK
                  & SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0) == SQLitePCL.raw.SQLITE_OK;
    }
}

/// <summary>
/// Every SQLite connection waits for a busy writer instead of failing, enforces foreign keys, syncs at
/// checkpoints (WAL) and leaves checkpoints to <see cref="SqliteCheckpointer"/> (decision 0008). These settings belong to the native connection, which the pool keeps open and lends
/// again: they are set the first time a native connection is opened, not at every lending.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    internal static void Apply(DbConnection connection)
    {
        var handle = (connection as Microsoft.Data.Sqlite.SqliteConnection)?.Handle;
        if (handle is not null && Prepared.TryGetValue(handle, out _)) return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
                                  + $"PRAGMA wal_autocheckpoint={SqliteCheckpointer.SafetyNetPages};";
            command.ExecuteNonQuery();
        }
        if (handle is not null) Prepared.AddOrUpdate(handle, Instance);
    }
}
