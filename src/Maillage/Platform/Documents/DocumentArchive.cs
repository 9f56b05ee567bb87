using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Documents;

/// <summary>
/// Frozen versions of documents (<see cref="DocumentVersion"/>): a module freezes a document when it is sent, lists the
/// versions of a key and renders any of them again. Numbering is safe under concurrency on both databases: the next
/// number is read, the row inserted, and a freeze that meets the unique index (key, version) — another took that number
/// meanwhile — tries the next. <see cref="FreezeAsync"/> saves by itself: call it outside a transaction of the caller's.
/// </summary>
public sealed class DocumentArchive(MaillageDb db, IAuditActor actor, TimeProvider clock)
{
    private const int Attempts = 20;

    public async Task<DocumentVersion> FreezeAsync(int citeId, string key, Document document, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) throw new ArgumentException("A key of 1 to 200 characters is needed.", nameof(key));
        var content = DocumentJson.Write(document);
        for (var attempt = 1; ; attempt++)
        {
            // Across Cités: the key is the module's and one number sequence per key.
            var last = await db.Set<DocumentVersion>().IgnoreQueryFilters().Where(v => v.Key == key).MaxAsync(v => (int?)v.Version, ct) ?? 0;
            var version = new DocumentVersion
            {
                CiteId = citeId,
                Key = key,
                Version = last + 1,
                FrozenAt = clock.GetUtcNow(),
                FrozenById = actor.UserId,
                FrozenBy = actor.UserName,
                Content = content,
            };
            var pending = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
            db.Add(version);
            try
            {
                await db.SaveChangesAsync(ct);
                return version;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < Attempts)
            {
                // What this attempt added (the version and its audit entry) goes; the caller's own changes stay.
                foreach (var entry in db.ChangeTracker.Entries().Where(x => x.State == EntityState.Added && !pending.Contains(x.Entity)).ToList())
                    entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>The versions of a key the reader may see (its Cités), oldest first, without their content.</summary>
    public async Task<IReadOnlyList<DocumentVersionSummary>> ListAsync(string key, CancellationToken ct = default) =>
        await db.Set<DocumentVersion>().AsNoTracking().Where(v => v.Key == key).OrderBy(v => v.Version)
            .Select(v => new DocumentVersionSummary(v.Id, v.CiteId, v.Key, v.Version, v.FrozenAt, v.FrozenBy)).ToListAsync(ct);

    /// <summary>One version, its document included; null when there is none the reader may see.</summary>
    public Task<DocumentVersion?> GetAsync(string key, int version, CancellationToken ct = default) =>
        db.Set<DocumentVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.Key == key && v.Version == version, ct);
}

public sealed record DocumentVersionSummary(long Id, int CiteId, string Key, int Version, DateTimeOffset FrozenAt, string? FrozenBy);
