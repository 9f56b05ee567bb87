using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Identity;

/// <summary>
/// Keeps, for a few seconds, what every authenticated request would otherwise read again: a person's role
/// assignments and what an API token stands for. A reception tablet posting a visit every few seconds, or a
/// partner syncing, then costs no authorisation query. The instance that grants or revokes a role, or
/// revokes a token, forgets the entry at once; other instances behind a load balancer see the change within
/// <see cref="SecurityOptions.AuthorisationCacheSeconds"/> (30 s by default; 0 turns the cache off) — far
/// shorter than the cookie's own security-stamp check. See docs/decisions/0006.
/// </summary>
public sealed class AuthorisationCache(IMemoryCache cache, IOptions<SecurityOptions> options)
{
    /// <summary>What a valid token stands for, without its secret.</summary>
    public sealed record TokenGrant(int TokenId, string UserId, DateTimeOffset? RevokedAt, DateTimeOffset? LockoutEnd,
        DateTimeOffset? LastUsedAt, IReadOnlyList<Claim> Claims);

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.Value.AuthorisationCacheSeconds));

    public async Task<IReadOnlyList<RoleAssignment>> AssignmentsAsync(string userId, Func<Task<IReadOnlyList<RoleAssignment>>> load) =>
        (await GetAsync<IReadOnlyList<RoleAssignment>>(("assignments", userId), _ => userId, async () => await load()))!;

    /// <summary>The token's grant; <paramref name="load"/> returns null for an unknown token, which is not kept.</summary>
    public Task<TokenGrant?> TokenAsync(string hash, Func<Task<TokenGrant?>> load) => GetAsync(("token", hash), g => g.UserId, load);

    /// <summary>After a token was used, so that the next "last used" write happens five minutes later, not at once.</summary>
    public void TokenUsed(string hash, TokenGrant grant, DateTimeOffset at)
    {
        if (cache.TryGetValue(("token", hash), out Entry? entry) && Lifetime > TimeSpan.Zero)
            cache.Set(("token", hash), entry! with { Value = grant with { LastUsedAt = at } }, Lifetime);
    }

    /// <summary>
    /// A fact about a person that an authorisation decision or the menu reads on every request of theirs, owned by a module
    /// (Governance: "is linked to a member of a body"), kept as long as their role assignments. The module that changes
    /// the fact calls <see cref="ForgetUser"/>; other instances see it within the same lifetime.
    /// </summary>
    public async Task<T> PersonFactAsync<T>(string kind, string userId, Func<Task<T>> load) =>
        (await GetAsync<Fact<T>>((kind, userId), f => f.UserId, async () => new Fact<T>(userId, await load())))!.Value;

    /// <summary>
    /// Reference data every access decision of a module reads (the CitésLab programmes' places: Cité, structure, operating
    /// partner), kept as long as role assignments; <see cref="ForgetShared"/> when this instance changes it.
    /// </summary>
    public async Task<T> SharedAsync<T>(string kind, Func<Task<T>> load) where T : class =>
        (await GetAsync<T>(("shared", kind), _ => SharedKey(kind), async () => await load()))!;

    public void ForgetShared(string kind) => ForgetUser(SharedKey(kind));

    private static string SharedKey(string kind) => "shared:" + kind;

    private sealed record Fact<T>(string UserId, T Value);

    /// <summary>Role granted or revoked: the person's assignments and their tokens' claims are read again.</summary>
    public void ForgetUser(string userId) => _changes[userId] = Interlocked.Increment(ref _clock);

    public void ForgetToken(string hash) => cache.Remove(("token", hash));

    // A logical clock: an entry loaded at tick t is stale once its person changed at a later tick.
    private long _clock;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _changes = new();

    private async Task<T?> GetAsync<T>((string Kind, string Key) key, Func<T, string> userOf, Func<Task<T?>> load) where T : class
    {
        var lifetime = Lifetime;
        if (lifetime == TimeSpan.Zero) return await load();
        if (cache.TryGetValue(key, out Entry? entry) && entry!.Value is T cached && !ChangedSince(userOf(cached), entry.LoadedAt))
            return cached;
        // Read the clock before loading: a change made while loading makes this entry stale at once.
        var loadedAt = Interlocked.Read(ref _clock);
        var value = await load();
        if (value is not null) cache.Set(key, new Entry(value, loadedAt), lifetime);
        return value;
    }

    private bool ChangedSince(string userId, long tick) => _changes.TryGetValue(userId, out var changed) && changed > tick;

    private sealed record Entry(object Value, long LoadedAt);
}
