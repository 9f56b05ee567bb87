using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Maillage.Platform.Web;

/// <summary>
/// Responses that every anonymous visitor gets alike and that many ask for at once (the public agenda's lists) are
/// kept in ASP.NET Core's output cache, for at most <c>Maillage:PublicCache:Seconds</c> (default 5; 0 turns it off).
/// <list type="bullet">
/// <item>Only anonymous GET and HEAD requests answered 200 without a cookie are stored or served (the output cache's
/// default rules): a signed-in organiser or an API token is never answered from it.</item>
/// <item>One entry per URL (every query value), host and language (the UI culture and the formatting culture, which the
/// culture cookie may set apart).</item>
/// <item>A change saved in this instance evicts the entries: saving an entity of a type registered with
/// <see cref="EvictOnChange{T}"/> (EF Core's SaveChanges, see <see cref="Eviction"/>) evicts at once and, inside a
/// transaction, once more after its commit (<see cref="EvictionOnCommit"/>: a reader in between may have cached the
/// old rows); the writes that go past SaveChanges call <see cref="EvictAsync"/> after their commit. A reader that read
/// just before a commit may still store its answer just after it: then, and on other instances, the expiry is the bound:
/// that is the bound on what a visitor may see late — seats left, for instance; registering always checks the seat in the database.</item>
/// </list>
/// In-process caches of other kinds listen to the same evictions (<see cref="OnEvicted"/>): the structures' references
/// of the reception (<see cref="Network.Structures.StructureRefs"/>).
/// See docs/decisions/0010-public-output-cache.md.
/// </summary>
public static class PublicCache
{
    /// <summary>The output-cache policy of public responses; endpoints name it with an <see cref="OutputCacheAttribute"/> and their tag.</summary>
    public const string Policy = "public";

    private static readonly ConcurrentDictionary<Type, string[]> TagsByEntity = new();
    private static readonly ConcurrentDictionary<string, Action> Listeners = new();

    /// <summary>Saving a change to an entity of type <typeparamref name="T"/> evicts the responses tagged <paramref name="tag"/> (modules call this at registration).</summary>
    public static void EvictOnChange<T>(string tag) =>
        TagsByEntity.AddOrUpdate(typeof(T), [tag], (_, tags) => tags.Contains(tag) ? tags : [.. tags, tag]);

    /// <summary>Runs <paramref name="listener"/> (quick, in memory) at every eviction of <paramref name="tag"/>, even where no output cache is set up.</summary>
    public static void OnEvicted(string tag, Action listener) => Listeners[tag] = listener;

    /// <summary>The metadata that caches an endpoint or page under <see cref="Policy"/> with <paramref name="tag"/>.</summary>
    public static OutputCacheAttribute Tagged(string tag) => new() { PolicyName = Policy, Tags = [tag] };

    public static IServiceCollection AddPublicCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Maillage:PublicCache:Seconds", 5);
        if (seconds < 0) throw new InvalidOperationException($"Maillage:PublicCache:Seconds must be 0 (no cache) or more, not {seconds}.");
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b
            .With(_ => seconds > 0)
            .Expire(TimeSpan.FromSeconds(Math.Max(1, seconds)))
            .VaryByValue(_ => new KeyValuePair<string, string>("language", $"{CultureInfo.CurrentUICulture.Name}|{CultureInfo.CurrentCulture.Name}"))));
        return services;
    }

    /// <summary>Evicts the responses tagged <paramref name="tag"/>, for writes that do not go through SaveChanges (call it after the commit).</summary>
    public static ValueTask EvictAsync(DbContext db, string tag, CancellationToken ct = default)
    {
        if (Listeners.TryGetValue(tag, out var listener)) listener();
        return Store(db) is { } store ? store.EvictByTagAsync(tag, ct) : ValueTask.CompletedTask;
    }

    /// <summary>The application's output cache, reached from a (pooled) context; none in programs without the web host's services.</summary>
    private static IOutputCacheStore? Store(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<IOutputCacheStore>();

    /// <summary>The tags a context's saved changes touched, kept until its transaction ends (see <see cref="EvictionOnCommit"/>).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> AfterCommit = new();

    /// <summary>
    /// After a SaveChanges, evicts the tags of the registered entity types the context tracks (erring on evicting too
    /// much, never too little); inside a transaction, remembers them to evict once more after the commit.
    /// </summary>
    internal sealed class Eviction : SaveChangesInterceptor
    {
        public static readonly Eviction Instance = new();

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            EvictTrackedAsync(eventData.Context, default).AsTask().GetAwaiter().GetResult();
            return result;
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            await EvictTrackedAsync(eventData.Context, cancellationToken);
            return result;
        }

        private static async ValueTask EvictTrackedAsync(DbContext? db, CancellationToken ct)
        {
            if (db is null || TagsByEntity.IsEmpty) return;
            var tags = db.ChangeTracker.Entries().SelectMany(e => TagsByEntity.GetValueOrDefault(e.Metadata.ClrType) ?? []).ToHashSet();
            if (tags.Count == 0) return;
            foreach (var tag in tags) await EvictAsync(db, tag, ct);
            if (db.Database.CurrentTransaction is not null) AfterCommit.GetOrCreateValue(db).UnionWith(tags);
        }
    }

    /// <summary>Evicts, once a transaction is committed, the tags its SaveChanges touched; forgets them when it is rolled back.</summary>
    internal sealed class EvictionOnCommit : DbTransactionInterceptor
    {
        public static readonly EvictionOnCommit Instance = new();

        public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
            TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

        public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is not { } db || !AfterCommit.TryGetValue(db, out var tags)) return;
            AfterCommit.Remove(db);
            foreach (var tag in tags) await EvictAsync(db, tag, cancellationToken);
        }

        public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
        {
            if (eventData.Context is { } db) AfterCommit.Remove(db);
        }

        public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            TransactionRolledBack(transaction, eventData);
            return Task.CompletedTask;
        }
    }
}
