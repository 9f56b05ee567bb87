using System.Text.RegularExpressions;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform;

/// <summary>The README's API table names every endpoint of the API, and nothing that is not one.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public async Task Given_the_application_endpoints_When_reading_the_README_Then_its_API_table_lists_exactly_them()
    {
        await using var app = new MaillageApp();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        Assert.Contains("POST /api/v1/visits", endpoints);
        Assert.Contains("GET /api/v1/events/{id}", endpoints);

        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("## API", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var listed = Regex.Matches(section, "`(GET|POST|PUT|DELETE|PATCH) (/api/v1/[^` ]+)`")
            .Select(m => $"{m.Groups[1].Value} {Normalise(m.Groups[2].Value)}").ToHashSet();

        Assert.True(endpoints.Except(listed).Order().ToList() is [] , "README's API table lacks: " + string.Join(", ", endpoints.Except(listed).Order()));
        Assert.True(listed.Except(endpoints).Order().ToList() is [], "README's API table names endpoints that do not exist: " + string.Join(", ", listed.Except(endpoints).Order()));
    }

    /// <summary>Route parameters without their constraints, one leading slash, none trailing: <c>/api/v1/events/{id}</c>.</summary>
    private static string Normalise(string pattern) => "/" + Regex.Replace(pattern, @"\{([^}:?]+)[^}]*\}", "{$1}").Trim('/');
}
