using Maillage.Platform.Data;
using Maillage.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

/// <summary>What the rules of other modules need of a structure: its Cité and parent (scope), its name (messages).</summary>
public sealed record StructureRef(int Id, int CiteId, int? ParentId, string Name);

/// <summary>
/// The structures' references, kept in memory: every reception entry names its structure, and reading it from the
/// database took about a sixth of a single entry's CPU on SQLite. Evicted when a structure is saved (<see cref="Tag"/>)
/// and after <see cref="MaxAge"/> (<see cref="EvictedCache{TKey, TValue}"/>). Read past the tenant filter: callers
/// check the tenant (<c>TenantContext.Allows</c>).
/// </summary>
public sealed class StructureRefs() : EvictedCache<int, StructureRef>(Tag, MaxAge)
{
    public new const string Tag = "structures";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private static readonly Func<MaillageDb, int, CancellationToken, Task<StructureRef?>> Load = EF.CompileAsyncQuery(
        (MaillageDb db, int id, CancellationToken ct) => db.Set<Structure>().IgnoreQueryFilters().Where(s => s.Id == id)
            .Select(s => new StructureRef(s.Id, s.CiteId, s.ParentId, s.Name)).FirstOrDefault());

    /// <summary>The structure of this id, in any Cité; null when there is none.</summary>
    public Task<StructureRef?> FindAsync(MaillageDb db, int id, CancellationToken ct = default) => GetOrLoadAsync(id, () => Load(db, id, ct));
}
