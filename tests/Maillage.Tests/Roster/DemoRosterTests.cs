using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Roster;
using Maillage.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Roster;

/// <summary>
/// Issue 20: the demo roster keeps its own rules. Every duty slot the Development start names a counsellor on is held by
/// one of that partner's people (a Counsellor role on the partner's scope), so a coordinator can edit the demo slots.
/// </summary>
public sealed class DemoRosterTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task Given_a_Development_start_Then_every_named_counsellor_of_a_demo_slot_belongs_to_the_slot_partner()
    {
        using var client = app.CreateClient(); // starts the host: the demo seeders run
        var named = await app.WithDbAsync(db => db.DutySlots.IgnoreQueryFilters().Where(s => s.CounsellorId != null)
            .Select(s => new { s.Id, s.PartnerId, s.CounsellorId }).ToListAsync());
        Assert.NotEmpty(named); // the Tuesday mornings of "Trouver son emploi" at Annemasse
        var belonging = await app.WithDbAsync(db => db.RoleAssignments.IgnoreQueryFilters()
            .Where(a => a.Role == StaffRole.Counsellor && a.Scope == ScopeKind.Partner && a.PartnerId != null)
            .Select(a => new { a.UserId, PartnerId = a.PartnerId!.Value }).ToListAsync());
        var outside = named.Where(s => !belonging.Any(b => b.UserId == s.CounsellorId && b.PartnerId == s.PartnerId)).Select(s => s.Id).ToList();
        Assert.Empty(outside);

        // The demo counsellor is France Travail's, and still works at the Annemasse reception (README, demo users).
        const string email = "conseil.annemasse@demo.maillage.test";
        var roles = await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var partners = await db.Partners.IgnoreQueryFilters().ToDictionaryAsync(p => p.Id, p => p.Name);
            var structures = await db.Structures.IgnoreQueryFilters().ToDictionaryAsync(p => p.Id, p => p.Slug);
            return (await db.RoleAssignments.IgnoreQueryFilters().Where(a => a.UserId == userId).ToListAsync())
                .Select(a => (a.Scope, Partner: a.PartnerId is { } p ? partners[p] : null, Structure: a.StructureId is { } st ? structures[st] : null)).ToList();
        });
        Assert.Contains((ScopeKind.Partner, "France Travail", (string?)null), roles);
        Assert.Contains((ScopeKind.Structure, (string?)null, "annemasse"), roles);

        // A second start adds no role twice.
        await app.WithScopeAsync(sp => Maillage.Platform.Startup.PrepareDatabaseAsync(sp));
        Assert.Equal(roles.Count, await app.WithDbAsync(db => db.RoleAssignments.IgnoreQueryFilters()
            .CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.Email == email))));
    }
}
