using Maillage.Platform.Cli;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;

namespace Maillage.Platform.Modules;

/// <summary>
/// What a module hands the platform from its own <c>XModule.cs</c>: its endpoints, the database work that follows
/// migrations, its demo data, its commands and its menu entries. The platform loops over what was registered and names
/// no module (docs/adding-a-module.md, decision 0013). Everything lands in the host's services: two hosts in one
/// process (tests) share nothing.
/// </summary>
public sealed class ModuleBuilder
{
    internal ModuleBuilder(string name, WebApplicationBuilder host)
    {
        Name = name;
        Services = host.Services;
        Configuration = host.Configuration;
        Environment = host.Environment;
    }

    public string Name { get; }
    public IServiceCollection Services { get; }
    public IConfiguration Configuration { get; }
    public IHostEnvironment Environment { get; }

    /// <summary>Maps the module's pages' companions: API routes (under <see cref="Api.Group"/>), feeds, anything routed.</summary>
    public ModuleBuilder Endpoints(Action<IEndpointRouteBuilder> map)
    {
        Services.AddSingleton(new ModuleEndpoints(Name, map));
        return this;
    }

    /// <summary>Work on the database after every migration (schema outside the migrations, reference data), in module order.</summary>
    public ModuleBuilder DatabaseInitialiser<T>() where T : class, IDatabaseInitialiser
    {
        Services.AddScoped<IDatabaseInitialiser, T>();
        return this;
    }

    /// <summary>Demo data added on a start in Development, after the database is ready, in module order.</summary>
    public ModuleBuilder DevelopmentSeeder<T>() where T : class, IDevelopmentSeeder
    {
        Services.AddScoped<IDevelopmentSeeder, T>();
        return this;
    }

    /// <summary>
    /// A command of the executable (<c>dotnet Maillage.dll NAME --option value</c>); <paramref name="synopsis"/> and
    /// <paramref name="help"/> make its lines of the usage text, <paramref name="options"/> are required.
    /// </summary>
    public ModuleBuilder Command<T>(string name, string synopsis, string help, params string[] options) where T : class, ICommand
    {
        Services.AddScoped<T>();
        Services.AddSingleton(new CommandDescriptor(name, synopsis, help, options, typeof(T)));
        return this;
    }

    /// <summary>
    /// A link of the staff menu, shown to the people <paramref name="policy"/> lets in — the policy the page at
    /// <paramref name="href"/> names in its <c>[Authorize]</c>, so that the menu and the page make one decision.
    /// </summary>
    public ModuleBuilder Menu(MenuGroup group, LocalizedText label, string href, string policy)
    {
        Services.AddSingleton(new MenuEntry(group, label, href, policy));
        return this;
    }

    /// <summary>A staff policy open to the holders of one of <paramref name="roles"/> (pages name it; see <see cref="Menu"/>).</summary>
    public ModuleBuilder Policy(string name, params StaffRole[] roles)
    {
        Services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(o => o.AddPolicy(name, p => Policies.ForRoles(p, roles)));
        return this;
    }

    /// <summary>A staff policy open to the holders of one of <paramref name="roles"/> on a scope of one of <paramref name="scopes"/>.</summary>
    public ModuleBuilder Policy(string name, ScopeKind[] scopes, params StaffRole[] roles)
    {
        Services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(o => o.AddPolicy(name, p => Policies.ForRolesOn(p, roles, scopes)));
        return this;
    }

    /// <summary>
    /// A staff policy open to the holder of any role who also meets <paramref name="requirement"/>, decided by the module's
    /// own <typeparamref name="THandler"/> from its data (a member of a body: « Mes convocations »): the menu, which
    /// evaluates policies, shows such an entry to those people alone.
    /// </summary>
    public ModuleBuilder Policy<THandler>(string name, Microsoft.AspNetCore.Authorization.IAuthorizationRequirement requirement)
        where THandler : class, Microsoft.AspNetCore.Authorization.IAuthorizationHandler
    {
        Services.Configure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(o =>
            o.AddPolicy(name, p => Policies.ForRoles(p, Enum.GetValues<StaffRole>()).AddRequirements(requirement)));
        Services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, THandler>();
        return this;
    }

    /// <summary>The module's indicators (docs/indicators.md): <typeparamref name="T"/> defines and computes them.</summary>
    public ModuleBuilder Indicators<T>() where T : class, Indicators.IIndicatorSource
    {
        Services.AddScoped<Indicators.IIndicatorSource, T>();
        return this;
    }

    /// <summary>A processing of personal data the module does, listed in the register on the privacy page (SPEC §14).</summary>
    public ModuleBuilder Processing(Web.Legal.ProcessingActivity activity)
    {
        Services.AddSingleton(activity);
        return this;
    }

    /// <summary>
    /// What the module shows on other modules' record pages (a panel of lines on a place's staff page, in a Cité's public
    /// section…): <typeparamref name="T"/> answers for the records it knows about (<see cref="Web.IRecordPanelSource"/>).
    /// </summary>
    public ModuleBuilder RecordPanels<T>() where T : class, Web.IRecordPanelSource
    {
        Services.AddScoped<Web.IRecordPanelSource, T>();
        return this;
    }

    /// <summary>The page a person holding <paramref name="role"/> lands on after signing in (their main task).</summary>
    public ModuleBuilder Landing(StaffRole role, string href)
    {
        Services.AddSingleton(new LandingEntry(role, href));
        return this;
    }
}

/// <summary>How a module starts: <c>builder.AddModule("agenda")</c> in its <c>AddAgenda</c>.</summary>
public static class ModuleRegistration
{
    public static ModuleBuilder AddModule(this WebApplicationBuilder builder, string name) => new(name, builder);

    /// <summary>Maps every module's endpoints, in the order the modules were added.</summary>
    public static WebApplication MapModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetServices<ModuleEndpoints>())
        {
            // Each endpoint knows its module: an API token's scope for writes is named after it (ApiScopes).
            var group = app.MapGroup("");
            group.WithMetadata(new ModuleMetadata(module.Module));
            module.Map(group);
        }
        return app;
    }
}

/// <summary>A module's routes, mapped once the application is built.</summary>
internal sealed record ModuleEndpoints(string Module, Action<IEndpointRouteBuilder> Map);

/// <summary>The module an endpoint belongs to (added by <see cref="ModuleRegistration.MapModules"/>).</summary>
public sealed record ModuleMetadata(string Module);

/// <summary>Marks the endpoints of the JSON API (<see cref="Api.Group"/>): the only ones an API token opens.</summary>
public sealed class ApiEndpointMetadata
{
    public static readonly ApiEndpointMetadata Instance = new();
    private ApiEndpointMetadata() { }
}

/// <summary>Runs after the migrations, at every start and in the <c>migrate</c> command; must be idempotent.</summary>
public interface IDatabaseInitialiser
{
    Task InitialiseAsync(CancellationToken ct);
}

/// <summary>Adds demo data on a start in Development; must add nothing when its data is already there.</summary>
public interface IDevelopmentSeeder
{
    Task SeedAsync(CancellationToken ct);
}

/// <summary>The JSON API's route group: every module maps its API under <c>/api/v1</c> through it.</summary>
public static class Api
{
    public const string Prefix = "/api/v1";

    public static RouteGroupBuilder Group(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithMetadata(ApiEndpointMetadata.Instance);
        group.AddEndpointFilter(Errors.ApiProblems.AnswerAsync);
        return group;
    }
}
