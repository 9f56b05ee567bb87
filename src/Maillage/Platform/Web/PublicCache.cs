using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Maillage.Platform.Configuration;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Web;

/// <summary>
/// Responses that every anonymous visitor gets alike and that many ask for at once (the public agenda's lists) are
/// kept in ASP.NET Core's output cache, for at most <c>Maillage:PublicCache:Seconds</c> (default 5; 0 turns it off).
/// <list type="bullet">
/// <item>Only anonymous GET and HEAD requests answered 200 without a cookie are stored or served (the output cache's
/// default rules): a signed-in organiser or an API token is never answered from it.</item>
/// <item>One entry per URL (every query value), host and language (the UI culture and the formatting culture, which the
/// culture cookie may set apart).</item>
/// <item>A change saved in this instance evicts the entries: saving an entity of a type a module registered with
/// <see cref="PublicCacheTags.EvictOnChange{T}"/> (EF Core's SaveChanges, see <see cref="Eviction"/>) evicts at once and, inside a
/// transaction, once more after its commit (<see cref="EvictionOnCommit"/>: a reader in between may have cached the
/// old rows); the writes that go past SaveChanges call <see cref="EvictAsync"/> after their commit. A reader that read
/// just before a commit may still store its answer just after it: then, and on other instances, the expiry is the bound:
/// that is the bound on what a visitor may see late — seats left, for instance; registering always checks the seat in the database.</item>
/// </list>
/// In-process caches of other kinds listen to the same evictions (<see cref="IPublicCacheListener"/>), e.g. the
/// structures' references of the reception. What modules register lives in the host's services: two hosts in one
/// process (tests) share nothing.
/// See docs/decisions/0010-public-output-cache.md.
/// </summary>
public static class PublicCache
{
    /// <summary>The output-cache policy of public responses; endpoints name it with an <see cref="OutputCacheAttribute"/> and their tag.</summary>
    public const string Policy = "public";

    /// <summary>
    /// The policy of public responses that depend on the time of day as well (a place's "open now", today's duties): one
    /// entry per minute of the application's clock, within the same expiry.
    /// </summary>
    public const string PolicyByMinute = "public-minute";

    private static OutputCachePolicyBuilder Public(OutputCachePolicyBuilder b, int seconds) => b
        .With(_ => seconds > 0)
        .Expire(TimeSpan.FromSeconds(Math.Max(1, seconds)))
        .VaryByValue(_ => new KeyValuePair<string, string>("language", $"{CultureInfo.CurrentUICulture.Name}|{CultureInfo.CurrentCulture.Name}"));

    /// <summary>The metadata that caches an endpoint or page under <see cref="Policy"/> with <paramref name="tag"/>.</summary>
    public static OutputCacheAttribute Tagged(string tag) => new() { PolicyName = Policy, Tags = [tag] };

    public static IServiceCollection AddPublicCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = services.AddSettings<PublicCacheOptions>(configuration, PublicCacheOptions.Section).Seconds;
        services.AddOutputCache(o =>
        {
            o.AddPolicy(Policy, b => Public(b, seconds));
            // What the clock decides ("open now", today's duties) is kept no longer than the minute it was computed in.
            o.AddPolicy(PolicyByMinute, b => Public(b, seconds).VaryByValue(http =>
                new KeyValuePair<string, string>("minute", (http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture))));
        });
        services.AddSingleton<PublicCacheEvictions>();
        return services;
    }

    /// <summary>Evicts the responses tagged <paramref name="tag"/>, for writes that do not go through SaveChanges (call it after the commit).</summary>
    public static ValueTask EvictAsync(DbContext db, string tag, CancellationToken ct = default) =>
        Evictions(db)?.EvictAsync(tag, ct) ?? ValueTask.CompletedTask;

    /// <summary>The host's evictions, reached from a (pooled) context; none in programs without the platform's services.</summary>
    private static PublicCacheEvictions? Evictions(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<PublicCacheEvictions>();

    /// <summary>The interceptors every context of the host carries.</summary>
    internal static IInterceptor[] Interceptors(IServiceProvider services)
    {
        var evictions = services.GetRequiredService<PublicCacheEvictions>();
        return [new Eviction(evictions), new EvictionOnCommit(evictions)];
    }

    /// <summary>
    /// After a SaveChanges, evicts the tags of the registered entity types the context tracked when the save began
    /// (erring on evicting too much, never too little; read before the save, because the rows it deletes are no longer
    /// tracked after it); inside a transaction, remembers them to evict once more after the commit.
    /// </summary>
    internal sealed class Eviction(PublicCacheEvictions evictions) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            evictions.Saving(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            evictions.Saving(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            evictions.SavedAsync(eventData.Context, default).AsTask().GetAwaiter().GetResult();
            return result;
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            await evictions.SavedAsync(eventData.Context, cancellationToken);
            return result;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => evictions.Forget(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            evictions.Forget(eventData.Context);
            return Task.CompletedTask;
        }
    }

    /// <summary>Evicts, once a transaction is committed, the tags its SaveChanges touched; forgets them when it is rolled back.</summary>
    internal sealed class EvictionOnCommit(PublicCacheEvictions evictions) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
            TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

        public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db) await evictions.CommittedAsync(db, cancellationToken);
        }

        public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
        {
            if (eventData.Context is { } db) evictions.RolledBack(db);
        }

        public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            TransactionRolledBack(transaction, eventData);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Settings under <c>Maillage:PublicCache</c>.</summary>
internal sealed class PublicCacheOptions
{
    public const string Section = "Maillage:PublicCache";

    /// <summary>How long an instance serves the public lists from its output cache (0: off).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int Seconds { get; set; } = 5;
}

/// <summary>Which saved entities make which public responses stale; modules add theirs with <c>services.Configure&lt;PublicCacheTags&gt;</c>.</summary>
public sealed class PublicCacheTags
{
    internal Dictionary<Type, HashSet<string>> TagsByEntity { get; } = [];

    /// <summary>Saving a change to an entity of type <typeparamref name="T"/> evicts the responses tagged <paramref name="tag"/>.</summary>
    public PublicCacheTags EvictOnChange<T>(string tag)
    {
        if (!TagsByEntity.TryGetValue(typeof(T), out var tags)) TagsByEntity[typeof(T)] = tags = [];
        tags.Add(tag);
        return this;
    }
}

/// <summary>An in-memory cache of a module that empties itself at every eviction of <see cref="Tag"/> (quick, in memory).</summary>
public interface IPublicCacheListener
{
    string Tag { get; }
    void Evicted();
}

/// <summary>
/// Rows that hot paths read at every request and that rarely change (a structure's reference, a room's definition),
/// kept in memory by key. An entry is reused until an eviction of <paramref name="tag"/> — a save through EF Core in
/// this host of an entity the module tied to the tag (<see cref="PublicCacheTags.EvictOnChange{T}"/>), at once and
/// again after its commit — and for at most <paramref name="maxAge"/>, the bound for changes made by another instance
/// or by plain SQL. Register one as a singleton and as an <see cref="IPublicCacheListener"/>. The values are shared:
/// callers must not change them.
/// </summary>
public class EvictedCache<TKey, TValue>(string tag, TimeSpan maxAge, int capacity = 4096) : IPublicCacheListener where TKey : notnull where TValue : class
{
    private long _version;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TKey, (TValue Value, long Version, long LoadedAt)> _entries = new();

    public string Tag => tag;

    public void Evicted() => Interlocked.Increment(ref _version);

    /// <summary>The value of <paramref name="key"/>, loaded by <paramref name="load"/> when not held or stale; a null load is not kept.</summary>
    public async Task<TValue?> GetOrLoadAsync(TKey key, Func<Task<TValue?>> load)
    {
        // The version is read before the row: a save in between only causes one more load.
        var version = Volatile.Read(ref _version);
        var now = Environment.TickCount64;
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version && now - entry.LoadedAt < maxAge.TotalMilliseconds)
            return entry.Value;
        var value = await load();
        if (value is null) return null;
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[key] = (value, version, now);
        return value;
    }
}

/// <summary>The host's evictions: the output cache's entries by tag, and the listeners of each tag.</summary>
internal sealed class PublicCacheEvictions(IOptions<PublicCacheTags> options, IEnumerable<IPublicCacheListener> listeners, IServiceProvider services)
{
    private readonly Dictionary<Type, string[]> _tagsByEntity = options.Value.TagsByEntity.ToDictionary(e => e.Key, e => e.Value.ToArray());
    private readonly ILookup<string, IPublicCacheListener> _listeners = listeners.ToLookup(l => l.Tag);
    private IOutputCacheStore? Store => services.GetService<IOutputCacheStore>();

    /// <summary>The tags a context's saved changes touched, kept until its transaction ends.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> _afterCommit = new();

    public ValueTask EvictAsync(string tag, CancellationToken ct)
    {
        foreach (var listener in _listeners[tag]) listener.Evicted();
        return Store is { } store ? store.EvictByTagAsync(tag, ct) : ValueTask.CompletedTask;
    }

    /// <summary>The tags a context's save in progress touches, read when the save begins.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> _saving = new();

    public void Saving(DbContext? db)
    {
        if (db is null || _tagsByEntity.Count == 0) return;
        var tags = db.ChangeTracker.Entries().SelectMany(e => _tagsByEntity.GetValueOrDefault(e.Metadata.ClrType) ?? []).ToHashSet();
        if (tags.Count > 0) _saving.AddOrUpdate(db, tags);
        else _saving.Remove(db);
    }

    public void Forget(DbContext? db)
    {
        if (db is not null) _saving.Remove(db);
    }

    public async ValueTask SavedAsync(DbContext? db, CancellationToken ct)
    {
        if (db is null || !_saving.TryGetValue(db, out var tags)) return;
        _saving.Remove(db);
        foreach (var tag in tags) await EvictAsync(tag, ct);
        if (db.Database.CurrentTransaction is not null) _afterCommit.GetOrCreateValue(db).UnionWith(tags);
    }

    public async Task CommittedAsync(DbContext db, CancellationToken ct)
    {
        if (!_afterCommit.TryGetValue(db, out var tags)) return;
        _afterCommit.Remove(db);
        foreach (var tag in tags) await EvictAsync(tag, ct);
    }

    public void RolledBack(DbContext db) => _afterCommit.Remove(db);
}
