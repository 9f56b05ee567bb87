using System.Text.Json;
using Maillage.Platform.Audit;
using Maillage.Platform.Identity;
using Maillage.Platform.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Maillage.Platform.Data;

/// <summary>
/// The one database context of the application. Each module keeps its entity mappings beside its
/// entities (<c>IEntityTypeConfiguration</c>), applied here from the assembly. Two subclasses, one per
/// provider, carry the migrations of that provider (see docs/decisions/0001).
/// Instances are pooled (decision 0009): a request's context is taken from the pool and given the request's
/// tenant, author and clock by <see cref="For"/>; nothing else of a request stays on it.
/// </summary>
public abstract class MaillageDb(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    private TenantContext tenant = new();
    private IAuditActor actor = new SystemActor();
    private TimeProvider clock = TimeProvider.System;

    /// <summary>Binds a context taken from the pool to the unit of work: whose Cités it reads, who writes, and the time.</summary>
    public MaillageDb For(TenantContext tenant, IAuditActor actor, TimeProvider clock)
    {
        this.tenant = tenant;
        this.actor = actor;
        this.clock = clock;
        return this;
    }

    /// <summary>
    /// Whether this context talks to SQLite, as a type test. <c>Database.IsSqlite()</c> asks the provider's assembly for its
    /// name at every call, which showed in the registration rush's profile; hot paths ask this instead.
    /// </summary>
    public bool OnSqlite => this is SqliteMaillageDb;

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Email.OutboxMessage> Outbox => Set<Email.OutboxMessage>();

    /// <summary>Read by the tenant query filter; EF Core evaluates it per query.</summary>
    protected bool TenantUnrestricted => tenant.Unrestricted;
    protected int[] TenantCiteIds => tenant.CiteIds;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MaillageDb).Assembly);
        if (Database.IsSqlite()) SortableTimes.Apply(builder);
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            typeof(MaillageDb).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
        // The tenant itself: a restricted reader sees only its own Cités.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(ITenant).IsAssignableFrom(t.ClrType)).ToList())
        {
            typeof(MaillageDb).GetMethod(nameof(FilterTenants), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
    }

    private void FilterTenants<T>(ModelBuilder builder) where T : class, ITenant =>
        builder.Entity<T>().HasQueryFilter(c => TenantUnrestricted || TenantCiteIds.Contains(c.Id));

    private void FilterByTenant<T>(ModelBuilder builder) where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => TenantUnrestricted || TenantCiteIds.Contains(e.CiteId));

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<string>().HaveMaxLength(400);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = ChangeTracker.Entries().Where(IsAudited).Select(e => new PendingAudit(e, e.State, Snapshot(e, original: true), e.State == EntityState.Modified ? Snapshot(e, original: false) : null)).ToList();
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var p in pending)
            {
                AuditEntries.Add(new AuditEntry
                {
                    At = now,
                    UserId = actor.UserId,
                    UserName = actor.UserName,
                    CiteId = await CiteOfAsync(p.Entry.Entity, cancellationToken),
                    EntityType = p.Entry.Metadata.ClrType.Name,
                    EntityId = string.Join("/", p.Entry.Metadata.FindPrimaryKey()!.Properties.Select(k => p.Entry.Property(k.Name).CurrentValue)),
                    Action = p.State.ToString(),
                    Before = p.State == EntityState.Added ? null : p.Before,
                    After = p.State == EntityState.Deleted ? null : p.After ?? Snapshot(p.Entry, original: false),
                });
            }
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return count;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// The Cité an audited change belongs to, so that each administrator reads their own trail: a Cité's own rows carry
    /// it (<see cref="ITenantOwned"/>); other rows say where they belong (<see cref="IAuditPlaced"/>), a Cité or a
    /// structure, whose Cité is looked up in the shared kernel (decision 0013).
    /// </summary>
    private async Task<int?> CiteOfAsync(object entity, CancellationToken ct) => entity switch
    {
        ITenantOwned owned => owned.CiteId,
        IAuditPlaced { AuditCiteId: { } cite } => cite,
        IAuditPlaced { AuditStructureId: { } structure } => await StructureCiteAsync(structure, ct),
        _ => null,
    };

    private async Task<int?> StructureCiteAsync(int structureId, CancellationToken ct) =>
        Set<Network.Structure>().Local.FirstOrDefault(s => s.Id == structureId)?.CiteId
        ?? await Set<Network.Structure>().IgnoreQueryFilters().Where(s => s.Id == structureId).Select(s => (int?)s.CiteId).FirstOrDefaultAsync(ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// The audit entry of a row added past <c>SaveChanges</c> (<see cref="PlainInsert.InsertAuditedAsync"/>): the same
    /// author, time, action and JSON of the values as <c>SaveChanges</c> writes; the caller inserts it with the row.
    /// </summary>
    internal AuditEntry AddedEntry(string entityType, int? citeId, IEnumerable<(string Name, object? Value)> values)
    {
        var after = new Dictionary<string, object?>();
        foreach (var (name, value) in values) after[name] = Secret.Contains(name) ? "***" : value;
        return new AuditEntry
        {
            At = clock.GetUtcNow(), UserId = actor.UserId, UserName = actor.UserName, CiteId = citeId, EntityType = entityType,
            EntityId = after.First().Value?.ToString() ?? "", Action = nameof(EntityState.Added), After = JsonSerializer.Serialize(after, AuditJson),
        };
    }

    private sealed record PendingAudit(EntityEntry Entry, EntityState State, string? Before, string? After);

    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "Xml", "FeedTokenHash",
    };

    /// <summary>Readable accents in the audit trail; it is never embedded raw in HTML.</summary>
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool IsAudited(EntityEntry e) =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAuditedType(e.Metadata);

    /// <summary>
    /// An owned type (e.g. a registrant's <c>Person</c>) is audited only if its owner is: the personal data
    /// of a record kept out of the trail must not reach it through its parts, where erasure would miss it.
    /// </summary>
    private static bool IsAuditedType(IEntityType type) =>
        type.FindOwnership() is { } ownership
            ? IsAuditedType(ownership.PrincipalEntityType)
            : type.ClrType != typeof(AuditEntry) && type.ClrType != typeof(DataProtectionKey) && !typeof(INotAudited).IsAssignableFrom(type.ClrType)
              && !type.ClrType.Name.StartsWith("IdentityUserToken", StringComparison.Ordinal);

    /// <summary>Binary values (an image) are not copied into the trail, which is read as text: their length stands for them.</summary>
    private static object? Readable(object? value) => value is byte[] bytes ? $"({bytes.Length} bytes)" : value;

    private static string? Snapshot(EntityEntry entry, bool original)
    {
        if (original && entry.State == EntityState.Added) return null;
        var values = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (original && entry.State == EntityState.Modified && !p.IsModified && !p.Metadata.IsPrimaryKey()) continue;
            if (!original && entry.State == EntityState.Modified && !p.IsModified && !p.Metadata.IsPrimaryKey()) continue;
            values[p.Metadata.Name] = Secret.Contains(p.Metadata.Name) ? "***" : Readable(original ? p.OriginalValue : p.CurrentValue);
        }
        return JsonSerializer.Serialize(values, AuditJson);
    }
}

internal sealed class SqliteMaillageDb(DbContextOptions<SqliteMaillageDb> options) : MaillageDb(options);

internal sealed class PostgresMaillageDb(DbContextOptions<PostgresMaillageDb> options) : MaillageDb(options);
