using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Partners;

/// <summary>
/// <c>GET /api/v1/partners</c>: the partners of the caller's Cités, with their roles and the poles they
/// staff — for integrations of the Cité's own staff. Tenancy limits it to the caller's Cités.
/// </summary>
internal static class PartnerApi
{
    public static RouteGroupBuilder MapPartnerApi(this RouteGroupBuilder api)
    {
        api.MapGet("/partners", async (MaillageDb db, CancellationToken ct) =>
            {
                var partners = await db.Partners.AsNoTracking()
                    .OrderBy(p => p.CiteId).ThenBy(p => p.Name)
                    .Select(p => new
                    {
                        p.Id, Cite = db.Set<Cite>().Where(c => c.Id == p.CiteId).Select(c => c.Slug).First(), p.Name, p.Type, p.Roles, p.Publics, p.Website,
                        Poles = p.Poles.Select(pp => new { pp.Pole.Id, pp.Pole.Name, pp.Pole.StructureId }).ToList(),
                    })
                    .ToListAsync(ct);
                return TypedResults.Ok(partners.Select(p => new PartnerDto(p.Id, p.Cite, p.Name, p.Type,
                    p.Roles.Each().ToList(), p.Publics, p.Website, p.Poles.Select(x => new PartnerPoleDto(x.Id, x.Name, x.StructureId)).ToList())).ToList());
            })
            .RequireAuthorization(Policies.Staff)
            .WithTags("Network")
            .WithName("ListPartners")
            .WithSummary("Partners of the caller's Cités: type, roles (funder, prescriber, provider) and the poles they staff.");
        return api;
    }
}

internal sealed record PartnerDto(int Id, string Cite, string Name, PartnerType Type, IReadOnlyList<PartnerRoles> Roles, string? Publics, string? Website, IReadOnlyList<PartnerPoleDto> Poles);
internal sealed record PartnerPoleDto(int Id, string Name, int StructureId);
