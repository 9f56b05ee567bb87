using Maillage.Platform.Modules;
using Maillage.Platform.Web;
using Maillage.Platform.Configuration;
using Maillage.Roster.Contributions;
using Maillage.Roster.Presence;

namespace Maillage.Roster;

/// <summary>
/// The partners' duty roster (SPEC §3): who holds which pole at which structure and when, the public presence, the
/// coverage gaps, and the hours each partner gave, valued.
/// </summary>
public static class RosterModule
{
    /// <summary>Those who read the valuation of contributions and enter commitments (issue 20, item 4).</summary>
    public const string ContributionsPolicy = "RosterContributions";
    /// <summary>The output-cache tag of the public on-duty answers and feeds (decision 0010): evicted by any change to duties, places, poles or partners.</summary>
    public const string PresenceCacheTag = "roster-presence";

    public static WebApplicationBuilder AddRoster(this WebApplicationBuilder builder)
    {
        builder.AddModule("roster")
            .Endpoints(MapRoster)
            // Contributions valued (issue 20, item 4).
            .Policy(ContributionsPolicy, Contributions.Contributions.ReaderRoles)
            .Menu(MenuGroup.Statistics, new("Valorisation des apports", "Contributions valued"), "/gestion/planning/valorisation", ContributionsPolicy);
        // Public presence (issue 20, item 3): the place page's duties, the on-duty API and feed.
        builder.Services.AddScoped<DutyPresence>();
        builder.Services.AddScoped<Network.Places.IPlacePresence>(sp => sp.GetRequiredService<DutyPresence>());
        builder.Services.AddScoped<PresenceStructures>();
        builder.Services.Configure<PublicCacheTags>(o => o.EvictOnChange<DutySlot>(PresenceCacheTag).EvictOnChange<Network.Structure>(PresenceCacheTag)
            .EvictOnChange<Network.Pole>(PresenceCacheTag).EvictOnChange<Network.Partner>(PresenceCacheTag)
            .EvictOnChange<DutySlot>(Network.NetworkModule.PlaceCacheTag)); // the place page shows today's and this week's duties
        // Contributions valued (issue 20, item 4).
        builder.Services.AddScoped<Contributions.Contributions>();
        builder.Services.AddSettings<Contributions.ContributionOptions>(builder.Configuration, Contributions.ContributionOptions.Section);
        return builder;
    }

    public static void MapRoster(IEndpointRouteBuilder app)
    {
        // Public presence (issue 20, item 3).
        Api.Group(app).MapPresenceApi();
        // Contributions valued (issue 20, item 4).
        Api.Group(app).MapContributionApi();
    }
}
