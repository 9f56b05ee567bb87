using System.Collections.Concurrent;
using Maillage.Platform.Data;
using Maillage.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

/// <summary>What the rules of other modules need of a structure: its Cité and parent (scope), its name (messages).</summary>
public sealed record StructureRef(int Id, int CiteId, int? ParentId, string Name);

/// <summary>
/// The structures' references, kept in memory: every reception entry names its structure, and reading it from the
/// database took about a sixth of a single entry's CPU on SQLite. An entry is reused until a structure is saved
/// through EF Core in this host (<see cref="IPublicCacheListener"/>: the save evicts <see cref="Tag"/>, at once
/// and again after its commit) and for at most <see cref="MaxAge"/>, the bound for changes made by another instance
/// or by plain SQL. Read past the tenant filter: callers check the tenant (<c>TenantContext.Allows</c>).
/// </summary>
public sealed class StructureRefs : IPublicCacheListener
{
    public const string Tag = "structures";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private long _version;
    private readonly ConcurrentDictionary<int, (StructureRef Value, long Version, long LoadedAt)> _entries = new();

    private static readonly Func<MaillageDb, int, CancellationToken, Task<StructureRef?>> Load = EF.CompileAsyncQuery(
        (MaillageDb db, int id, CancellationToken ct) => db.Set<Structure>().IgnoreQueryFilters().Where(s => s.Id == id)
            .Select(s => new StructureRef(s.Id, s.CiteId, s.ParentId, s.Name)).FirstOrDefault());

    string IPublicCacheListener.Tag => Tag;

    void IPublicCacheListener.Evicted() => Interlocked.Increment(ref _version);

    /// <summary>The structure of this id, in any Cité; null when there is none.</summary>
    public async Task<StructureRef?> FindAsync(MaillageDb db, int id, CancellationToken ct = default)
    {
        var key = id;
        var version = Volatile.Read(ref _version);
        var now = Environment.TickCount64;
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version && now - entry.LoadedAt < MaxAge.TotalMilliseconds)
            return entry.Value;
        // The version is read before the row: a save in between only causes one more read.
        var value = await Load(db, id, ct);
        if (value is null) return null;
        if (_entries.Count >= 4096) _entries.Clear();
        _entries[key] = (value, version, now);
        return value;
    }
}
