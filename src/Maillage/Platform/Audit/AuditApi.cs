using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Audit;

/// <summary><c>GET /api/v1/audit</c>: the latest audit entries of the caller's Cités (administrators).</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (MaillageDb db, StaffAccess access, int? limit, CancellationToken ct) =>
            {
                var take = Math.Clamp(limit ?? 100, 1, 1000);
                var cites = await access.CiteIdsAsync();
                var query = db.AuditEntries.AsNoTracking();
                // Entries are not tenant-owned rows (some have no Cité): filter explicitly by the caller's Cités.
                if (cites is not null) query = query.Where(a => a.CiteId != null && cites.Contains(a.CiteId.Value));
                var entries = await query.OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
                return TypedResults.Ok(entries);
            })
            .RequireAuthorization(Policies.Administrators)
            .WithTags("Audit")
            .WithName("ListAudit")
            .WithSummary("Who changed what and when, with values before and after, newest first (administrators; limited to their Cités).");
        return api;
    }
}
