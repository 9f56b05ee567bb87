namespace Maillage.Platform.Web;

/// <summary>
/// Strict headers on every response. The Content-Security-Policy allows no inline script and no
/// third-party origin: every asset is served by the application. HTTPS answers (directly or through a configured
/// reverse proxy) carry Strict-Transport-Security, except to localhost. The API reference page (Scalar)
/// needs inline script and gets its own, wider policy.
/// </summary>
internal static class SecurityHeaders
{
    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private const string ApiReference =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'";

    private const string Widget = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var hsts = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<HstsOptions>>().Value;
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                if (ReverseProxy.StrictTransportSecurity(context, hsts) is { } sts) h.StrictTransportSecurity = sts;
                h["X-Content-Type-Options"] = "nosniff";
                // The agenda widget is made to be framed by partners' sites: no script, inline styles only.
                var widget = context.Request.Path.StartsWithSegments("/agenda/widget");
                if (!widget) h["X-Frame-Options"] = "DENY";
                h["Referrer-Policy"] = "strict-origin-when-cross-origin";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                h["X-Request-Id"] = context.TraceIdentifier;
                if (!context.Request.Path.StartsWithSegments("/embed"))
                    h["Content-Security-Policy"] = widget ? Widget : context.Request.Path.StartsWithSegments("/api/reference") ? ApiReference : Strict;
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
