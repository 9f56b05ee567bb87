using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maillage.Tests.Platform;

/// <summary>
/// What an instance keeps of a person's authorisations never outlives a change made through the product,
/// and a change made while it was loading is not kept as current.
/// </summary>
public sealed class AuthorisationCacheTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static AuthorisationCache NewCache(int seconds = 30) =>
        new(new MemoryCache(new MemoryCacheOptions()), Options.Create(new SecurityOptions { AuthorisationCacheSeconds = seconds }));

    private static RoleAssignment Assignment(string userId, StaffRole role) => new() { UserId = userId, Role = role, Scope = ScopeKind.Platform };

    [Fact]
    public async Task Assignments_are_read_once_then_again_after_the_person_changed()
    {
        var cache = NewCache();
        var loads = 0;
        Task<IReadOnlyList<RoleAssignment>> Load() { loads++; return Task.FromResult<IReadOnlyList<RoleAssignment>>([Assignment("u1", StaffRole.Coordinator)]); }
        await cache.AssignmentsAsync("u1", Load);
        await cache.AssignmentsAsync("u1", Load);
        Assert.Equal(1, loads);
        cache.ForgetUser("u1");
        await cache.AssignmentsAsync("u1", Load);
        Assert.Equal(2, loads);
        cache.ForgetUser("someone else");
        await cache.AssignmentsAsync("u1", Load);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_modules_fact_about_a_person_and_shared_access_data_are_kept_until_forgotten_each_apart()
    {
        var cache = NewCache();
        var (facts, shared) = (0, 0);
        Task<bool> Fact() { facts++; return Task.FromResult(false); } // a false answer is kept too
        Task<IReadOnlyList<int>> Places() { shared++; return Task.FromResult<IReadOnlyList<int>>([1, 2]); }
        Assert.False(await cache.PersonFactAsync("module:member", "u1", Fact));
        Assert.False(await cache.PersonFactAsync("module:member", "u1", Fact));
        Assert.Equal([1, 2], await cache.SharedAsync("module:places", Places));
        await cache.SharedAsync("module:places", Places);
        Assert.Equal((1, 1), (facts, shared));

        cache.ForgetUser("u1"); // the module changed the fact: asked again; the shared data stays
        await cache.PersonFactAsync("module:member", "u1", Fact);
        await cache.SharedAsync("module:places", Places);
        Assert.Equal((2, 1), (facts, shared));

        cache.ForgetShared("module:places"); // the reference data changed: read again; the person's fact stays
        await cache.PersonFactAsync("module:member", "u1", Fact);
        await cache.SharedAsync("module:places", Places);
        Assert.Equal((2, 2), (facts, shared));
        await cache.PersonFactAsync("module:member", "u2", Fact); // another person: their own entry
        Assert.Equal(3, facts);
    }

    [Fact]
    public async Task A_change_made_while_loading_makes_what_was_loaded_stale_at_once()
    {
        var cache = NewCache();
        var loads = 0;
        await cache.AssignmentsAsync("u1", () =>
        {
            loads++;
            cache.ForgetUser("u1"); // a role revoked on another request while this one reads the old assignments
            return Task.FromResult<IReadOnlyList<RoleAssignment>>([Assignment("u1", StaffRole.Administrator)]);
        });
        var fresh = await cache.AssignmentsAsync("u1", () => { loads++; return Task.FromResult<IReadOnlyList<RoleAssignment>>([]); });
        Assert.Equal(2, loads);
        Assert.Empty(fresh);
    }

    [Fact]
    public async Task A_token_grant_is_dropped_when_the_token_is_revoked_or_its_owner_changes_and_unknown_tokens_are_not_kept()
    {
        var cache = NewCache();
        var loads = 0;
        Task<AuthorisationCache.TokenGrant?> Load() { loads++; return Task.FromResult<AuthorisationCache.TokenGrant?>(new(1, "u1", null, null, null, [])); }
        await cache.TokenAsync("h1", Load);
        await cache.TokenAsync("h1", Load);
        Assert.Equal(1, loads);
        cache.ForgetToken("h1");
        await cache.TokenAsync("h1", Load);
        cache.ForgetUser("u1");
        await cache.TokenAsync("h1", Load);
        Assert.Equal(3, loads);

        var unknown = 0;
        await cache.TokenAsync("h2", () => { unknown++; return Task.FromResult<AuthorisationCache.TokenGrant?>(null); });
        await cache.TokenAsync("h2", () => { unknown++; return Task.FromResult<AuthorisationCache.TokenGrant?>(null); });
        Assert.Equal(2, unknown);
    }

    [Fact]
    public async Task With_a_lifetime_of_zero_nothing_is_kept()
    {
        var cache = NewCache(seconds: 0);
        var loads = 0;
        for (var i = 0; i < 3; i++)
            await cache.AssignmentsAsync("u1", () => { loads++; return Task.FromResult<IReadOnlyList<RoleAssignment>>([]); });
        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task Given_a_reception_agent_using_a_token_When_an_administrator_revokes_the_role_Then_the_next_visit_is_refused_and_a_new_grant_works_at_once()
    {
        var saintJulien = await app.StructureAsync("grand-geneve", "saint-julien-en-genevois");
        var agent = await app.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{saintJulien.Id}");
        var client = await app.TokenClientAsync(agent);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/visits", VisitsTestData.AVisit(saintJulien.Id))).StatusCode);

        await app.WithScopeAsync(async sp =>
        {
            var directory = sp.GetRequiredService<StaffDirectory>();
            var db = sp.GetRequiredService<Maillage.Platform.Data.MaillageDb>();
            var assignment = await db.RoleAssignments.SingleAsync(a => a.UserId == agent.Id);
            await directory.RevokeAsync(assignment);
        });
        // Without any role the person works in no Cité any more: the structure is not even visible to them.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/visits", VisitsTestData.AVisit(saintJulien.Id))).StatusCode);

        await app.WithScopeAsync(async sp =>
        {
            var directory = sp.GetRequiredService<StaffDirectory>();
            var user = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByIdAsync(agent.Id);
            await directory.GrantAsync(user!, await directory.ParseAsync(StaffRole.ReceptionAgent, $"structure:{saintJulien.Id}"));
        });
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/visits", VisitsTestData.AVisit(saintJulien.Id))).StatusCode);
    }
}
