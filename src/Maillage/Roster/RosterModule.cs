using Maillage.Platform.Configuration;
using Maillage.Platform.Jobs;
using Maillage.Platform.Modules;
using Maillage.Roster.Planning;

namespace Maillage.Roster;

/// <summary>
/// The partners' duty roster (SPEC §3): who holds which pole at which structure and when, the public presence, the
/// coverage gaps, and the hours each partner gave, valued.
/// </summary>
public static class RosterModule
{
    /// <summary>Those who plan duties (<see cref="RosterAccess.Planners"/>): the planning grid; each structure is checked too.</summary>
    public const string PlanningPolicy = "RosterPlanning";
    /// <summary>Those who hold duties: "my duties" and swap proposals (coordinators propose from the planning).</summary>
    public const string DutiesPolicy = "RosterDuties";

    public static WebApplicationBuilder AddRoster(this WebApplicationBuilder builder)
    {
        builder.AddModule("roster")
            .Endpoints(MapRoster)
            // Planning (items 1, 2, 5)
            .Policy(PlanningPolicy, RosterAccess.Planners)
            .Policy(DutiesPolicy, Platform.Identity.StaffRole.Counsellor)
            .Menu(MenuGroup.Network, new("Planning des permanences", "Duty planning"), "/gestion/planning", PlanningPolicy)
            .Menu(MenuGroup.Network, new("Mes permanences", "My duties"), "/gestion/planning/mes-permanences", DutiesPolicy)
            .Landing(Platform.Identity.StaffRole.Counsellor, "/gestion/planning/mes-permanences")
            .DevelopmentSeeder<DemoRoster>();
        // Planning (items 1, 2, 5): the rules, the grid, the gap e-mail, the roles.
        var services = builder.Services;
        services.AddScoped<RosterAccess>();
        services.AddScoped<DutyPlanning>();
        services.AddScoped<CoverageNotices>();
        var planning = services.AddSettings<RosterPlanningOptions>(builder.Configuration, RosterPlanningOptions.Section);
        services.AddRecurringJob<CoverageNoticeJob>("roster-gaps", TimeSpan.FromSeconds(planning.GapCheckSeconds));
        return builder;
    }

    public static void MapRoster(IEndpointRouteBuilder app)
    {
    }
}
