using Maillage.Platform.Modules;
using Maillage.Roster.Planning;

namespace Maillage.Roster;

/// <summary>
/// The partners' duty roster (SPEC §3): who holds which pole at which structure and when, the public presence, the
/// coverage gaps, and the hours each partner gave, valued.
/// </summary>
public static class RosterModule
{
    public static WebApplicationBuilder AddRoster(this WebApplicationBuilder builder)
    {
        builder.AddModule("roster")
            .Endpoints(MapRoster);
        // Planning (items 1, 2, 5): the rules, the grid, the gap e-mail, the roles.
        var services = builder.Services;
        services.AddScoped<RosterAccess>();
        services.AddScoped<DutyPlanning>();
        return builder;
    }

    public static void MapRoster(IEndpointRouteBuilder app)
    {
    }
}
