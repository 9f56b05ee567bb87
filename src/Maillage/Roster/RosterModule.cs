using Maillage.Platform.Modules;
using Maillage.Roster.Presence;

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
        // Public presence (issue 20, item 3): the place page's duties, the on-duty API and feed.
        builder.Services.AddScoped<DutyPresence>();
        builder.Services.AddScoped<Network.Places.IPlacePresence>(sp => sp.GetRequiredService<DutyPresence>());
        builder.Services.AddScoped<PresenceStructures>();
        return builder;
    }

    public static void MapRoster(IEndpointRouteBuilder app)
    {
        // Public presence (issue 20, item 3).
        Api.Group(app).MapPresenceApi();
    }
}
