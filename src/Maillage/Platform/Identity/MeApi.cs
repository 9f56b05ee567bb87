using Maillage.Network;
using System.Security.Claims;
using Maillage.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Identity;

/// <summary><c>GET /api/v1/me</c>: who the caller is and the roles they hold on which scopes.</summary>
internal static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async Task<Results<Ok<MeDto>, UnauthorizedHttpResult>> (ClaimsPrincipal user, MaillageDb db, CancellationToken ct) =>
            {
                var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
                var me = await db.Users.AsNoTracking().Where(u => u.Id == id)
                    .Select(u => new { u.Id, u.Email, u.DisplayName, u.TwoFactorEnabled }).FirstOrDefaultAsync(ct);
                if (me is null) return TypedResults.Unauthorized();
                var assignments = await (from a in db.RoleAssignments.AsNoTracking()
                        where a.UserId == id
                        join c in db.Cites on a.CiteId equals c.Id into cites
                        from c in cites.DefaultIfEmpty()
                        join s in db.Structures.IgnoreQueryFilters() on a.StructureId equals s.Id into structures
                        from s in structures.DefaultIfEmpty()
                        join p in db.Partners.IgnoreQueryFilters() on a.PartnerId equals p.Id into partners
                        from p in partners.DefaultIfEmpty()
                        select new RoleAssignmentDto(a.Role, a.Scope, c == null ? null : c.Slug, a.StructureId, s == null ? null : s.Name, a.PartnerId, p == null ? null : p.Name))
                    .ToListAsync(ct);
                return TypedResults.Ok(new MeDto(me.Id, me.Email, me.DisplayName, me.TwoFactorEnabled, assignments));
            })
            .RequireAuthorization(Policies.Staff)
            .WithTags("Accounts")
            .WithName("GetMe")
            .WithSummary("The authenticated member of staff and their role assignments. 401 without credentials.");
        return api;
    }
}

internal sealed record MeDto(string Id, string? Email, string? DisplayName, bool TwoFactorEnabled, IReadOnlyList<RoleAssignmentDto> Roles);
internal sealed record RoleAssignmentDto(StaffRole Role, ScopeKind Scope, string? Cite, int? StructureId, string? Structure, int? PartnerId, string? Partner);
