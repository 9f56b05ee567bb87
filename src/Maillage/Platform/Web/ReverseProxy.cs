using System.ComponentModel.DataAnnotations;
using System.Net;
using Maillage.Platform.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Web;

/// <summary>
/// Settings under <c>Maillage:ReverseProxy</c>: the proxies (a TLS terminator, a load balancer) whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> (and, when asked, <c>X-Forwarded-Host</c>) are believed. From any
/// other address the headers are ignored, so that nobody can claim another address or HTTPS by sending them.
/// </summary>
internal sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "Maillage:ReverseProxy";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>, <c>::1</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Take the host name from <c>X-Forwarded-Host</c> (only for a proxy that sets it itself).</summary>
    public bool ForwardHost { get; set; }

    /// <summary>How many proxies in a row the headers pass through (the entries read from the right of X-Forwarded-For).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return new ValidationResult($"{proxy} is not an IP address", [nameof(KnownProxies)]);
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            yield return new ValidationResult($"{network} is not a network in CIDR notation (10.0.0.0/24)", [nameof(KnownNetworks)]);
    }
}

/// <summary>Settings under <c>Maillage:Hsts</c>: Strict-Transport-Security on HTTPS answers.</summary>
internal sealed class HstsOptions
{
    public const string Section = "Maillage:Hsts";

    /// <summary>How long browsers keep to HTTPS after an answer; 0 sends no header.</summary>
    [Range(0, 730)]
    public int MaxAgeDays { get; set; } = 365;

    public bool IncludeSubDomains { get; set; }
}

/// <summary>
/// Behind a TLS reverse proxy: the client's address and scheme come from the forwarded headers of a configured proxy
/// only, before anything reads them (rate limits partition on <c>Connection.RemoteIpAddress</c>; cookies are
/// <c>Secure</c> when <c>Request.IsHttps</c>; HSTS is sent on HTTPS). Nothing is believed when no proxy is configured.
/// </summary>
internal static class ReverseProxy
{
    public static void AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ReverseProxyOptions>(configuration, ReverseProxyOptions.Section);
        services.AddSettings<HstsOptions>(configuration, HstsOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((o, proxy) =>
        {
            var settings = proxy.Value;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                                 | (settings.ForwardHost ? ForwardedHeaders.XForwardedHost : ForwardedHeaders.None);
            o.ForwardLimit = settings.ForwardLimit;
            // ASP.NET Core trusts loopback by default: only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in settings.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in settings.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>First in the pipeline. A connection without an address (a Unix socket, a test server) is never a known proxy.</summary>
    public static IApplicationBuilder UseReverseProxy(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Enabled) return app;
        return app.UseWhen(context => context.Connection.RemoteIpAddress is not null, proxied => proxied.UseForwardedHeaders());
    }

    /// <summary>The HSTS header value for an HTTPS answer to a host other than the machine itself, else null.</summary>
    public static string? StrictTransportSecurity(HttpContext context, HstsOptions options)
    {
        if (!context.Request.IsHttps || options.MaxAgeDays == 0 || IsLocal(context.Request.Host.Host)) return null;
        var value = $"max-age={options.MaxAgeDays * 86_400}";
        return options.IncludeSubDomains ? value + "; includeSubDomains" : value;
    }

    // As ASP.NET Core's HstsMiddleware: browsers would keep HTTPS for localhost and break every other local site.
    private static bool IsLocal(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
}
