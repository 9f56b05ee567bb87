using Maillage.Entrepreneurship.Holders;
using Maillage.Platform.Configuration;
using Maillage.Platform.Identity;
using Maillage.Platform.Jobs;
using Maillage.Platform.Modules;

namespace Maillage.Entrepreneurship;

/// <summary>CitésLab: project holders with their consent, the coaching pipeline and its indicators (SPEC §9, issue 23).</summary>
public static class EntrepreneurshipModule
{
    /// <summary>The programmes' staff: holders of the role EntrepreneurshipCoach (the programme is then checked by <see cref="ProgrammeAccess"/>).</summary>
    public const string StaffPolicy = "EntrepreneurshipStaff";

    public static WebApplicationBuilder AddEntrepreneurship(this WebApplicationBuilder builder)
    {
        builder.AddModule("entrepreneurship")
            .Endpoints(app => Api.Group(app).MapHolderApi())
            .DatabaseInitialiser<ReferenceProgramme>()
            .DevelopmentSeeder<DemoHolders>()
            .Indicators<EntrepreneurshipIndicators>()
            .Policy(StaffPolicy, StaffRole.EntrepreneurshipCoach);
        var settings = builder.Services.AddSettings<EntrepreneurshipOptions>(builder.Configuration, EntrepreneurshipOptions.Section);
        builder.Services.AddScoped<ProgrammeAccess>();
        builder.Services.AddScoped<HolderRegister>();
        builder.Services.AddScoped<HolderList>();
        builder.Services.AddScoped<HolderErasure>();
        builder.Services.AddScoped<HolderRetention>();
        builder.Services.AddScoped<ProgrammeFigures>();
        builder.Services.AddRecurringJob<HolderRetentionJob>("entrepreneurship-retention", TimeSpan.FromHours(settings.RetentionIntervalHours));
        return builder;
    }
}
