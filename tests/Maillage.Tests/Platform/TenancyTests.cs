using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

public sealed class TenancyTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_a_coordinator_of_Marseille_When_using_the_back_office_Then_nothing_of_Grand_Geneve_shows()
    {
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var client = await app.SignedInAsync(coordinator);
        var dashboard = WebUtility.HtmlDecode(await client.GetStringAsync("/gestion"));
        Assert.Contains("Cité des métiers de Marseille et de Provence-Alpes-Côte d'Azur", dashboard);
        Assert.DoesNotContain("Grand Genève", dashboard);
    }

    [Fact]
    public async Task Given_a_coordinator_of_Marseille_When_calling_the_API_Then_nothing_of_Grand_Geneve_is_returned()
    {
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var client = await app.TokenClientAsync(coordinator);

        var partners = await client.GetFromJsonAsync<JsonElement>("/api/v1/partners");
        Assert.NotEmpty(partners.EnumerateArray());
        Assert.All(partners.EnumerateArray(), p => Assert.Equal("marseille-paca", p.GetProperty("cite").GetString()));

        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var write = await client.PostAsJsonAsync($"/api/v1/structures/{geneve.Id}/exceptions", new { date = "2026-12-24", closed = true, reason = "intrusion" });
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.OpeningExceptions.CountAsync(e => e.StructureId == geneve.Id && e.Reason == "intrusion")));
    }

    [Fact]
    public async Task Given_an_administrator_of_Grand_Geneve_Then_the_audit_API_shows_no_entry_of_Marseille()
    {
        var marseilleCoordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var marseilleClient = await app.TokenClientAsync(marseilleCoordinator);
        var marseille = await app.StructureAsync("marseille-paca", "marseille");
        var created = await marseilleClient.PostAsJsonAsync($"/api/v1/structures/{marseille.Id}/exceptions", new { date = "2026-12-31", closed = true, reason = "inventaire marseillais" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var admin = await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        var client = await app.TokenClientAsync(admin);
        var audit = await client.GetStringAsync("/api/v1/audit?limit=1000");
        Assert.DoesNotContain("inventaire marseillais", audit);
        var marseilleCiteId = marseille.CiteId;
        Assert.All(JsonDocument.Parse(audit).RootElement.EnumerateArray(), e => Assert.NotEqual(marseilleCiteId, e.GetProperty("citeId").GetInt32()));
    }

    [Fact]
    public async Task The_tenant_filter_applies_to_every_tenant_owned_query()
    {
        var marseilleId = await app.WithDbAsync(db => db.Cites.Where(c => c.Slug == "marseille-paca").Select(c => c.Id).SingleAsync());
        await app.WithScopeAsync(async sp =>
        {
            var tenant = (Maillage.Platform.Tenancy.TenantContext)sp.GetService(typeof(Maillage.Platform.Tenancy.TenantContext))!;
            tenant.RestrictTo([marseilleId]);
            var db = (Maillage.Platform.Data.MaillageDb)sp.GetService(typeof(Maillage.Platform.Data.MaillageDb))!;
            Assert.All(await db.Structures.ToListAsync(), s => Assert.Equal(marseilleId, s.CiteId));
            Assert.All(await db.Partners.ToListAsync(), p => Assert.Equal(marseilleId, p.CiteId));
            Assert.All(await db.Territories.ToListAsync(), t => Assert.Equal(marseilleId, t.CiteId));
            Assert.All(await db.Poles.ToListAsync(), p => Assert.Equal(marseilleId, p.CiteId));
            Assert.All(await db.PartnerPoles.ToListAsync(), p => Assert.Equal(marseilleId, p.CiteId));
            Assert.Null(await db.Structures.FirstOrDefaultAsync(s => s.Slug == "geneve"));
        });
    }
}
