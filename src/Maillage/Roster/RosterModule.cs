using Maillage.Platform.Modules;

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
        return builder;
    }

    public static void MapRoster(IEndpointRouteBuilder app)
    {
    }
}
