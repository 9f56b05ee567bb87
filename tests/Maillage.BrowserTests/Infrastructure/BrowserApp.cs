using System.Net;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.BrowserTests.Infrastructure;

/// <summary>
/// The whole application on a real TCP port (Kestrel on 127.0.0.1, a free port chosen by the system),
/// on its own fresh database (SQLite or PostgreSQL, see <see cref="TestDatabase"/>: a copy of the migrated template), with the reference
/// network loaded and two-factor sign-in required, as in production. The clock is the real one: the
/// browser computes TOTP codes from the wall clock too.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    public string ConnectionString { get; } = TestDatabase.CreateFromTemplate();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.ProviderName);
        builder.UseSetting("ConnectionStrings:Maillage", ConnectionString);
        builder.UseSetting("Maillage:Security:RequireTwoFactor", "true");
        builder.UseSetting("Maillage:RateLimits:SignInPerMinute", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(TestHost.HashPasswordsCheaply);
    }

    /// <summary>Starts Kestrel and returns the address it listens on, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Start()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
                      ?? throw new InvalidOperationException($"Kestrel listens on no http address ({string.Join(", ", addresses)}).");
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>A new member of staff with one role on one scope, created through the application's own services.</summary>
    public async Task<StaffUser> CreateStaffAsync(StaffRole role, string scope)
    {
        await using var di = Services.CreateAsyncScope();
        var directory = di.ServiceProvider.GetRequiredService<StaffDirectory>();
        var grant = await directory.ParseAsync(role, scope);
        var user = await directory.CreateUserAsync($"{role}.{Guid.NewGuid():N}@test.maillage".ToLowerInvariant(), Password);
        await directory.GrantAsync(user, grant);
        return user;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) TestDatabase.Drop(ConnectionString);
    }
}
