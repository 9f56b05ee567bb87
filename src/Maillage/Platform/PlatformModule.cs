using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Maillage.Platform.Audit;
using Maillage.Platform.Cli;
using Maillage.Platform.Configuration;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Indicators;
using Maillage.Platform.Jobs;
using Maillage.Platform.Localization;
using Maillage.Platform.Modules;
using Maillage.Platform.Tenancy;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Maillage.Platform;

/// <summary>
/// What every module stands on: data, identity, tenancy, localisation, errors, web; and the platform's own part of the
/// application (accounts, users, audit trail, administration commands), registered as a module is.
/// </summary>
public static class PlatformModule
{
    public const string SignInRateLimit = "sign-in";
    /// <summary>The OpenAPI security scheme of API tokens.</summary>
    public const string ApiTokenScheme = "Bearer";
    /// <summary>The largest API body, unless the endpoint says otherwise (<see cref="IRequestSizeLimitMetadata"/>, e.g. visit batches).</summary>
    public const long MaxJsonBody = 256 * 1024;

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        builder.AddModule("platform")
            .Endpoints(app =>
            {
                Api.Group(app).MapMeApi().MapAuditApi().MapIndicatorsApi();
                Documents.LetterheadEndpoint.Map(app);
            })
            .DevelopmentSeeder<DemoUsers>()
            .Command<MigrateCommand>("migrate", "", "apply database migrations and load the reference network")
            .Command<SeedDemoCommand>("seed-demo", "", $"add the demo users (one per role, password {DemoUsers.Password})")
            .Command<CreateUserCommand>("create-user", "--email E --password P --role R --scope S", """
                create a staff account with a role on a scope
                roles: receptionAgent, counsellor, eventOrganiser, coordinator, funder,
                       entrepreneurshipCoach, labelOfficer, administrator, platformOperator
                scopes: platform, cite:SLUG, structure:CITE/SLUG, structure:ID, partner:ID
                """, "email", "password", "role", "scope")
            .Command<CreateTokenCommand>("create-token", "--email E --name N --scopes S", "create an API token for a user with scopes S (read, or a module: agenda, network, visits; comma-separated); the token is printed alone on the last line", "email", "name", "scopes")
            .Command<BackupCommand>("backup", "--out FILE", "copy the database online to a new FILE readable by its owner only\n(SQLite: online backup; PostgreSQL: pg_dump, which must be on the PATH)", "out")
            .Command<RestoreCommand>("restore", "--from FILE", "replace the database's content with a backup, the application stopped\n(SQLite: integrity-checked; PostgreSQL: pg_restore in one transaction)", "from")
            .Menu(MenuGroup.Home, new("Tableau de bord", "Dashboard"), Modules.Menu.Dashboard, Policies.Staff)
            .Menu(MenuGroup.Statistics, new("Indicateurs", "Indicators"), "/gestion/indicateurs", Policies.NetworkManagers)
            .Menu(MenuGroup.Administration, new("Utilisateurs", "Users"), "/gestion/utilisateurs", Policies.Administrators)
            .Menu(MenuGroup.Administration, new("Journal", "Audit trail"), "/gestion/journal", Policies.Administrators);
        var services = builder.Services;
        var signIn = services.AddSettings<SignInRateLimitOptions>(builder.Configuration, SignInRateLimitOptions.Section);
        var telemetry = services.AddSettings<OpenTelemetryOptions>(builder.Configuration, OpenTelemetryOptions.Section);
        services.AddSingleton<Menu>();
        services.AddScoped<Indicators.Indicators>();
        services.AddSingleton<Documents.DocumentRenderer>();
        services.AddScoped<Documents.DocumentArchive>();
        services.AddScoped<Indicators.IndicatorReaders>();
        services.AddScoped<DemoUsers>();
        var configuration = builder.Configuration;

        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            Microsoft.Extensions.Logging.ActivityTrackingOptions.TraceId | Microsoft.Extensions.Logging.ActivityTrackingOptions.SpanId);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 10 * 1024 * 1024);

        services.AddMaillageData(configuration);
        services.AddMaillageProblems();
        services.AddMaillageLocalization();
        services.AddMaillageIdentity(configuration);
        services.AddMaillageJobs(configuration);
        services.AddDataProtection().SetApplicationName("Maillage").PersistKeysToDbContext<MaillageDb>().ProtectKeysWithConfiguredCertificate(configuration);

        services.AddRazorPages(o => o.RootDirectory = "/");
        services.AddPublicCache(configuration);
        services.AddAntiforgery(o => { o.Cookie.Name = ".Maillage.Antiforgery"; o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; o.HeaderName = "X-CSRF-TOKEN"; });
        services.AddReverseProxy(configuration);
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
            // Markdown: a code span, so that the viewer does not take "<token>" for an HTML tag and drop it.
            doc.Info.Description = "The JSON API of Maillage, the platform of Cité des métiers networks. Errors are RFC 7807 problem details. Staff endpoints take an API token as `Authorization: Bearer <token>`, with the scope the call needs: `read` for reads, the module's own (`agenda`, `network`, `visits`) for its writes and reads.";
            // The scheme, so that the reference's try-it console can send a token.
            doc.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[ApiTokenScheme] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token (`mlg_…`), created on the account page or with `create-token`.",
            };
            doc.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(ApiTokenScheme, doc)] = [] }];
            return Task.CompletedTask;
        }));
        services.AddSingleton<DatabaseIntegrity>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("database", tags: ["ready"]);

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // On PostgreSQL the instances share one budget, counted in the database by the sign-in pages (SignInBudget).
            var budgetInDatabase = DatabaseSetup.ProviderOf(configuration) == DatabaseProvider.Postgres;
            o.AddPolicy(SignInRateLimit, ctx => budgetInDatabase ? RateLimitPartition.GetNoLimiter("database") : RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signIn.SignInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                await ProblemHandling.WriteRefusalAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests,
                    new("Trop de tentatives. Réessayez dans une minute.", "Too many attempts. Try again in a minute."), ct);
            };
        });

        if (telemetry.Enabled)
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
        app.UseReverseProxy(); // first: everything after sees the client's address and scheme
        app.UseExceptionHandler("/erreur/500");
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/erreur/{0}"));
        app.UseSecurityHeaders();
        app.UseMaillageLocalization();
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
        // API bodies above the endpoint's limit are refused (in the caller's language) before anything reads them (Kestrel
        // enforces it too for bodies without a length).
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxJsonBody;
                if (context.Request.ContentLength > limit)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                    {
                        HttpContext = context,
                        ProblemDetails = { Status = 413, Title = Text.T($"Le corps de la requête est trop gros (au plus {limit / 1024} Ko).", $"The request body is too large (at most {limit / 1024} KB).") },
                    });
                    return;
                }
            }
            await next();
        });
        app.UseRequestGuard();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAntiforgery();
        // After authentication and localisation: only anonymous responses are cached, one per language (PublicCache).
        app.UseOutputCache();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o =>
        {
            o.WithTitle("Maillage API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            o.AddPreferredSecuritySchemes(ApiTokenScheme);
            // Nothing from outside and no third-party service: no fonts from a CDN, no AI agent, no MCP, no telemetry,
            // no developer toolbar (its "Generate SDK" and "Deploy API").
            o.DefaultFonts = false;
            o.Agent = new ScalarAgentOptions { Disabled = true };
            o.Mcp = new ScalarMcpOptions { Disabled = true };
            o.Telemetry = false;
            o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
        }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        // The menu's entries impose their policies on their pages: a link shown is a page allowed (Platform/Modules/Menu.cs).
        var menu = app.Services.GetRequiredService<Menu>();
        app.MapRazorPages().Add(menu.Guard);
        app.MapModules();
        return app;
    }
}
