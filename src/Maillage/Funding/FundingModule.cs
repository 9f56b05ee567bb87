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
    /// <summary>Those who read conventions: the managers, and a funder's staff (the conventions it funds, see <see cref="ConventionReader"/>).</summary>
    public const string ReadersPolicy = "FundingReaders";
    public static readonly StaffRole[] Readers = [.. Managers, StaffRole.Funder];

    public static WebApplicationBuilder AddFunding(this WebApplicationBuilder builder)
    {
        builder.AddModule("funding")
            .Endpoints(MapFunding)
            .DatabaseInitialiser<ReferenceConventions>()
            .Policy(ManagersPolicy, Managers)
            .Policy(ReadersPolicy, Readers)
            .Menu(MenuGroup.Network, new("Conventions", "Conventions"), "/gestion/conventions", ReadersPolicy)
            // A funder's main task: reading the conventions it funds, their reports and calls for funds (issue 21, item 11).
            .Landing(StaffRole.Funder, "/gestion/conventions");
        var settings = builder.Services.AddSettings<FundingOptions>(builder.Configuration, FundingOptions.Section);
        builder.Services.AddScoped<Deadlines.DeadlineNotices>();
        builder.Services.AddRecurringJob<Deadlines.DeadlineNoticeJob>("funding-deadlines", TimeSpan.FromSeconds(settings.DeadlineCheckSeconds));
        builder.Services.AddScoped<ConventionReader>();
        builder.Services.AddScoped<Platform.Indicators.IIndicatorAudience, FunderAudience>();
        builder.Services.AddScoped<TargetProgress>();
        builder.Services.AddScoped<AnnualReports>();
        builder.Services.AddScoped<CallsForFunds>();
        return builder;
    }

    public static void MapFunding(IEndpointRouteBuilder app) => Api.Group(app).MapConventionApi();
}
