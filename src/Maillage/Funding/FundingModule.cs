using Maillage.Funding.Conventions;
using Maillage.Platform.Configuration;
using Maillage.Platform.Identity;
using Maillage.Platform.Jobs;
using Maillage.Platform.Modules;

namespace Maillage.Funding;

/// <summary>Conventions and funding (SPEC §7, issue 21): parties, figures computed beside the signed ones, schedules and deadlines.</summary>
public static class FundingModule
{
    /// <summary>Those who read and keep a Cité's conventions: its coordinators and administrators.</summary>
    public const string ManagersPolicy = "FundingManagers";
    public static readonly StaffRole[] Managers = [StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    public static WebApplicationBuilder AddFunding(this WebApplicationBuilder builder)
    {
        builder.AddModule("funding")
            .Endpoints(MapFunding)
            .DatabaseInitialiser<ReferenceConventions>()
            .Policy(ManagersPolicy, Managers)
            .Menu(MenuGroup.Network, new("Conventions", "Conventions"), "/gestion/conventions", ManagersPolicy);
        var settings = builder.Services.AddSettings<FundingOptions>(builder.Configuration, FundingOptions.Section);
        builder.Services.AddScoped<Deadlines.DeadlineNotices>();
        builder.Services.AddRecurringJob<Deadlines.DeadlineNoticeJob>("funding-deadlines", TimeSpan.FromSeconds(settings.DeadlineCheckSeconds));
        builder.Services.AddScoped<ConventionReader>();
        builder.Services.AddScoped<TargetProgress>();
        builder.Services.AddScoped<AnnualReports>();
        return builder;
    }

    public static void MapFunding(IEndpointRouteBuilder app) => Api.Group(app).MapConventionApi();
}
