using Maillage.Platform.Configuration;
using Maillage.Platform.Jobs;
using Maillage.Platform.Modules;
using Maillage.Platform.Web;
using Maillage.Roster.Contributions;
using Maillage.Roster.Presence;
using Maillage.Roster.Planning;

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
    /// <summary>Those who plan duties (<see cref="RosterAccess.Planners"/>): the planning grid; each structure is checked too.</summary>
    public const string PlanningPolicy = "RosterPlanning";
    /// <summary>Those who hold duties: "my duties" and swap proposals (coordinators propose from the planning).</summary>
    public const string DutiesPolicy = "RosterDuties";

    public static WebApplicationBuilder AddRoster(this WebApplicationBuilder builder)
    {
        builder.AddModule("roster")
            .Endpoints(MapRoster)
            // Contributions valued (issue 20, item 4).
            .Policy(ContributionsPolicy, Contributions.Contributions.ReaderRoles)
            .Menu(MenuGroup.Statistics, new("Valorisation des apports", "Contributions valued"), "/gestion/planning/valorisation", ContributionsPolicy)
            .Indicators<RosterIndicators>()
            // Planning (items 1, 2, 5)
            .Policy(PlanningPolicy, RosterAccess.Planners)
            .Policy(DutiesPolicy, Platform.Identity.StaffRole.Counsellor)
            .Menu(MenuGroup.Network, new("Planning des permanences", "Duty planning"), "/gestion/planning", PlanningPolicy)
            .Menu(MenuGroup.Network, new("Mes permanences", "My duties"), "/gestion/planning/mes-permanences", DutiesPolicy)
            .DevelopmentSeeder<DemoRoster>();
        var services = builder.Services;
        // Planning (items 1, 2, 5): the rules, the grid, the gap e-mail, the roles.
        services.AddScoped<RosterAccess>();
        services.AddScoped<DutyPlanning>();
        services.AddScoped<CoverageNotices>();
        var planning = services.AddSettings<RosterPlanningOptions>(builder.Configuration, RosterPlanningOptions.Section);
        services.AddRecurringJob<CoverageNoticeJob>("roster-gaps", TimeSpan.FromSeconds(planning.GapCheckSeconds));
        // Public presence (issue 20, item 3): the place page's duties, the on-duty API and feed.
        services.AddScoped<DutyPresence>();
        services.AddScoped<Network.Places.IPlacePresence>(sp => sp.GetRequiredService<DutyPresence>());
        services.AddScoped<PresenceStructures>();
        services.Configure<PublicCacheTags>(o => o.EvictOnChange<DutySlot>(PresenceCacheTag).EvictOnChange<Network.Structure>(PresenceCacheTag)
            .EvictOnChange<Network.Pole>(PresenceCacheTag).EvictOnChange<Network.Partner>(PresenceCacheTag)
            .EvictOnChange<DutySlot>(Network.NetworkModule.PlaceCacheTag)); // the place page shows today's and this week's duties
        // Contributions valued (issue 20, item 4).
        services.AddScoped<Contributions.Contributions>();
        services.AddSettings<Contributions.ContributionOptions>(builder.Configuration, Contributions.ContributionOptions.Section);
        return builder;
    }

    public static void MapRoster(IEndpointRouteBuilder app)
    {
        // Public presence (issue 20, item 3).
        Api.Group(app).MapPresenceApi();
        // Contributions valued (issue 20, item 4).
        Api.Group(app).MapContributionApi();
        // The staff planning API.
        Api.Group(app).MapSlotApi();
    }
}
