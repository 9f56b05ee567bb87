using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Network.Admin;

public sealed class BackOfficePolicyTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "gestion/structures", Policies.NetworkManagers },
        { "gestion/structures/nouvelle", Policies.NetworkManagers },
        { "gestion/structures/{id:int}", Policies.NetworkManagers },
        { "gestion/structures/{id:int}/poles", Policies.NetworkManagers },
        { "gestion/structures/{id:int}/horaires", Policies.NetworkManagers },
        { "gestion/partenaires", Policies.NetworkManagers },
        { "gestion/partenaires/nouveau", Policies.NetworkManagers },
        { "gestion/partenaires/{id:int}", Policies.NetworkManagers },
        { "gestion/territoires", Policies.NetworkManagers },
        { "gestion/territoires/{id:int}", Policies.NetworkManagers },
        { "gestion/utilisateurs", Policies.Administrators },
        { "gestion/utilisateurs/{id}", Policies.Administrators },
        { "gestion/journal", Policies.Administrators },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Given_a_back_office_page_When_routing_Then_it_requires_its_policy(string route, string policy)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText == route).ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == policy));
    }

    [Theory]
    [InlineData("/gestion/structures")]
    [InlineData("/gestion/journal")]
    public async Task Given_nobody_signed_in_When_opening_a_back_office_page_Then_they_are_sent_to_sign_in(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/gestion/connexion", response.Headers.Location!.OriginalString);
    }
}
