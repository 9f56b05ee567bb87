using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform;

public sealed class EndpointPolicyTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public void Every_page_and_endpoint_states_the_policy_it_needs()
    {
        using var client = app.CreateClient(); // builds the host
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 15, $"Only {endpoints.Count} endpoints found: the enumeration is not seeing the app.");
        var silent = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();
        Assert.True(silent.Count == 0, "These endpoints state no policy ([Authorize(Policy=...)] or [AllowAnonymous]):\n" + string.Join("\n", silent));
    }

    [Fact]
    public void Every_staff_page_under_gestion_requires_a_named_policy()
    {
        using var client = app.CreateClient();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("gestion", StringComparison.Ordinal) == true
                        || e.RoutePattern.RawText?.StartsWith("/gestion", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        var publicOnes = new[] { "gestion/connexion", "gestion/connexion/code", "gestion/deconnexion", "gestion/acces-refuse",
            "gestion/mot-de-passe-oublie", "gestion/nouveau-mot-de-passe" }; // the forgotten-password pages: for those who cannot sign in
        foreach (var e in endpoints.Where(e => !publicOnes.Contains(e.RoutePattern.RawText!.TrimStart('/'))))
        {
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(policies.Any(p => !string.IsNullOrEmpty(p)), $"{e.RoutePattern.RawText} has no named policy");
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
        }
    }
}
