using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Jobs;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Maillage.Platform;

/// <summary>What every module stands on: data, identity, tenancy, localisation, errors, web.</summary>
public static class PlatformModule
{
    public const string SignInRateLimit = "sign-in";
    public const long MaxJsonBody = 256 * 1024;
    /// <summary>API paths that take larger bodies than <see cref="MaxJsonBody"/> (e.g. batches), set by modules.</summary>
    public static readonly Dictionary<string, long> LargerBodies = new(StringComparer.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            Microsoft.Extensions.Logging.ActivityTrackingOptions.TraceId | Microsoft.Extensions.Logging.ActivityTrackingOptions.SpanId);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 10 * 1024 * 1024);

        services.AddMaillageData(configuration);
        services.AddMaillageProblems();
        services.AddMaillageLocalization();
        services.AddMaillageIdentity(configuration);
        services.AddMaillageJobs(configuration);
        services.AddDataProtection().SetApplicationName("Maillage").PersistKeysToDbContext<MaillageDb>();

        services.AddRazorPages(o => o.RootDirectory = "/");
        services.AddPublicCache(configuration);
        services.AddAntiforgery(o => { o.Cookie.Name = ".Maillage.Antiforgery"; o.HeaderName = "X-CSRF-TOKEN"; });
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // Unreadable bodies (malformed JSON, unknown properties, oversized) become problem details naming the cause.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Maillage API";
            doc.Info.Description = "The JSON API of Maillage, the platform of Cité des métiers networks. Errors are RFC 7807 problem details. Staff endpoints take an API token as 'Authorization: Bearer <token>'.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<ReadinessCheck>("database", tags: ["ready"]);

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = configuration.GetValue("Maillage:RateLimits:SignInPerMinute", 10), Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync(Text.T(
                    "Trop de tentatives. Réessayez dans une minute.", "Too many attempts. Try again in a minute."), ct);
            };
        });

        var otel = configuration.GetSection("OpenTelemetry");
        if (otel.GetValue("Enabled", false))
        {
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("maillage"))
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("Microsoft.EntityFrameworkCore").AddOtlpExporter())
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentationIfPresent().AddOtlpExporter());
        }
        return builder;
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfPresent(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler("/erreur/500");
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/erreur/{0}"));
        app.UseSecurityHeaders();
        app.UseMaillageLocalization();
        app.Use(async (context, next) =>
        {
            // API bodies above the limit are refused (in the caller's language) before anything reads them (Kestrel enforces it too
            // for bodies without a length).
            var limit = LargerBodies.TryGetValue(context.Request.Path.Value ?? "", out var larger) ? larger : MaxJsonBody;
            if (context.Request.Path.StartsWithSegments("/api") && context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 413, Title = Text.T($"Le corps de la requête est trop gros (au plus {limit / 1024} Ko).", $"The request body is too large (at most {limit / 1024} KB).") },
                });
                return;
            }
            await next();
        });
        app.UseStaticFiles();
        // Every request past the static files counts in the instance's load, which background work yields to (decision 0011).
        var load = app.Services.GetRequiredService<RequestLoad>();
        app.Use(async (context, next) =>
        {
            load.Enter();
            try
            {
                await next();
            }
            finally
            {
                load.Leave();
            }
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<TenantMiddleware>();
        app.UseMiddleware<TwoFactorEnrolment>();
        app.UseAntiforgery();
        // After authentication and localisation: only anonymous responses are cached, one per language (PublicCache).
        app.UseOutputCache();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Maillage API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }
}
