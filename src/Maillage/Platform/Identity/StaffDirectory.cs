using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Identity;

/// <summary>A role and the scope it is granted on, resolved to ids.</summary>
internal sealed record Grant(StaffRole Role, ScopeKind Scope, int? CiteId = null, int? StructureId = null, int? PartnerId = null);

/// <summary>
/// Creates staff accounts and grants roles on scopes: one place used by the command line, the
/// start-up bootstrap, the demo data and the users page.
/// </summary>
internal sealed class StaffDirectory(UserManager<StaffUser> users, MaillageDb db, AuthorisationCache cache, TimeProvider clock)
{
    public Task<StaffUser> CreateUserAsync(string email, string password, string? displayName = null) =>
        CreateAsync(email, displayName, user => users.CreateAsync(user, password));

    /// <summary>A user whose password is already hashed (<see cref="IPasswordHasher{TUser}"/>): the demo users share one
    /// password, hashed once instead of once each (100 000 PBKDF2 iterations a hash, on the first start).</summary>
    public Task<StaffUser> CreateUserWithHashAsync(string email, string passwordHash, string? displayName = null) =>
        CreateAsync(email, displayName, user => { user.PasswordHash = passwordHash; return users.CreateAsync(user); });

    private async Task<StaffUser> CreateAsync(string email, string? displayName, Func<StaffUser, Task<IdentityResult>> create)
    {
        var user = new StaffUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
        var result = await create(user);
        if (!result.Succeeded)
            throw new RuleViolation(result.Errors.Any(e => e.Code.StartsWith("Password")) ? "Password" : "Email",
                new(string.Join(" ", result.Errors.Select(e => e.Description)), string.Join(" ", result.Errors.Select(e => e.Description))));
        return user;
    }

    /// <summary>Whether the person already holds this role on this scope.</summary>
    public Task<bool> HoldsAsync(StaffUser user, Grant grant) =>
        db.RoleAssignments.AnyAsync(a => a.UserId == user.Id && a.Role == grant.Role && a.Scope == grant.Scope
            && a.CiteId == grant.CiteId && a.StructureId == grant.StructureId && a.PartnerId == grant.PartnerId);

    public async Task<RoleAssignment> GrantAsync(StaffUser user, Grant grant)
    {
        if (await HoldsAsync(user, grant))
            throw new RuleViolation("Role", new("Cette personne a déjà ce rôle sur ce périmètre.", "This person already holds this role on this scope."));
        var assignment = new RoleAssignment
        {
            UserId = user.Id, Role = grant.Role, Scope = grant.Scope, CiteId = grant.CiteId,
            StructureId = grant.StructureId, PartnerId = grant.PartnerId, GrantedAt = clock.GetUtcNow(),
        };
        db.RoleAssignments.Add(assignment);
        await db.SaveChangesAsync();
        cache.ForgetUser(user.Id);
        // Signed-in sessions pick up the new roles at their next security-stamp check.
        await users.UpdateSecurityStampAsync(user);
        return assignment;
    }

    public async Task RevokeAsync(RoleAssignment assignment)
    {
        db.RoleAssignments.Remove(assignment);
        await db.SaveChangesAsync();
        cache.ForgetUser(assignment.UserId);
        var user = await users.FindByIdAsync(assignment.UserId);
        if (user is not null) await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>
    /// Reads a scope written as <c>platform</c>, <c>cite:SLUG</c>, <c>structure:CITE/SLUG</c> (or <c>structure:ID</c>)
    /// or <c>partner:ID</c> (or <c>partner:CITE/Partner name</c>).
    /// </summary>
    public async Task<Grant> ParseAsync(StaffRole role, string scope)
    {
        var parts = scope.Split(':', 2);
        var kind = parts[0].Trim().ToLowerInvariant();
        var value = parts.Length > 1 ? parts[1].Trim() : "";
        var cites = db.Cites.IgnoreQueryFilters();
        switch (kind)
        {
            case "platform" when value.Length == 0:
                return new Grant(role, ScopeKind.Platform);
            case "cite":
                var cite = await cites.FirstOrDefaultAsync(c => c.Slug == value)
                           ?? throw new RuleViolation("Scope", new($"Aucune Cité n'a l'identifiant « {value} ».", $"No Cité is called \"{value}\"."));
                return new Grant(role, ScopeKind.Cite, cite.Id);
            case "structure":
                var structures = db.Structures.IgnoreQueryFilters();
                var structure = int.TryParse(value, out var sid)
                    ? await structures.FirstOrDefaultAsync(s => s.Id == sid)
                    : value.Split('/') is [var c, var s2] ? await structures.FirstOrDefaultAsync(s => s.Cite.Slug == c && s.Slug == s2) : null;
                if (structure is null)
                    throw new RuleViolation("Scope", new($"Aucune structure ne correspond à « {value} » (écrivez structure:CITE/SLUG ou structure:ID).", $"No structure matches \"{value}\" (write structure:CITE/SLUG or structure:ID)."));
                return new Grant(role, ScopeKind.Structure, structure.CiteId, structure.Id);
            case "partner":
                var partners = db.Partners.IgnoreQueryFilters();
                var partner = int.TryParse(value, out var pid) ? await partners.FirstOrDefaultAsync(p => p.Id == pid)
                    : value.Split('/', 2) is [var pc, var name] ? await partners.FirstOrDefaultAsync(p => cites.Any(c => c.Id == p.CiteId && c.Slug == pc) && p.Name == name) : null;
                if (partner is null)
                    throw new RuleViolation("Scope", new($"Aucun partenaire ne correspond à « {value} » (écrivez partner:ID ou partner:CITE/Nom du partenaire).", $"No partner matches \"{value}\" (write partner:ID or partner:CITE/Partner name)."));
                return new Grant(role, ScopeKind.Partner, partner.CiteId, PartnerId: partner.Id);
            default:
                throw new RuleViolation("Scope", new($"Périmètre « {scope} » inconnu : platform, cite:SLUG, structure:CITE/SLUG ou partner:ID.", $"Unknown scope \"{scope}\": platform, cite:SLUG, structure:CITE/SLUG or partner:ID."));
        }
    }
}
