using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

public sealed class BootstrapApp : MaillageApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Maillage:Bootstrap:AdminEmail", "premier.admin@test.maillage");
        builder.UseSetting("Maillage:Bootstrap:AdminPassword", "une phrase de passe pour démarrer");
    }
}

public sealed class BootstrapTests(BootstrapApp app) : IClassFixture<BootstrapApp>
{
    [Fact]
    public async Task When_no_user_exists_the_bootstrap_settings_create_a_platform_operator()
    {
        using var client = app.CreateClient();
        var admin = await app.WithDbAsync(db => db.Users.Include(u => u.Assignments).SingleAsync(u => u.Email == "premier.admin@test.maillage"));
        var role = Assert.Single(admin.Assignments);
        Assert.Equal(StaffRole.PlatformOperator, role.Role);
        Assert.Equal(ScopeKind.Platform, role.Scope);
        // The reference network is loaded on first start, with the source of its facts.
        var marseille = await app.StructureAsync("marseille-paca", "marseille");
        Assert.Equal("4 rue des Consuls", marseille.Street);
        Assert.Contains("seed 003", marseille.Source);
    }
}
