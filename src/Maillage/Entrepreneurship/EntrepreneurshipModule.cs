using Maillage.Entrepreneurship.Holders;
using Maillage.Entrepreneurship.Partners;
using Maillage.Platform.Configuration;
using Maillage.Platform.Identity;
using Maillage.Platform.Jobs;
using Maillage.Platform.Modules;

namespace Maillage.Entrepreneurship;

/// <summary>CitésLab: project holders with their consent, the coaching pipeline and its indicators (SPEC §9, issue 23).</summary>
public static class EntrepreneurshipModule
{
    /// <summary>The programmes' staff: holders of the role EntrepreneurshipCoach or EntrepreneurshipManager (the programme is then checked by <see cref="ProgrammeAccess"/>).</summary>
    public const string StaffPolicy = "EntrepreneurshipStaff";

    public static WebApplicationBuilder AddEntrepreneurship(this WebApplicationBuilder builder)
    {
        builder.AddModule("entrepreneurship")
            .Endpoints(app => Api.Group(app).MapHolderApi().MapPartnerApi())
            .DatabaseInitialiser<ReferenceProgramme>()
            .DevelopmentSeeder<DemoHolders>()
            .Indicators<EntrepreneurshipIndicators>()
            .Policy(StaffPolicy, ProgrammeAccess.Staff)
            .Menu(MenuGroup.Reception, new("Porteurs de projet (CitésLab)", "Project holders (CitésLab)"), "/gestion/citeslab", StaffPolicy)
            .Landing(StaffRole.EntrepreneurshipCoach, "/gestion/citeslab")
            .Landing(StaffRole.EntrepreneurshipManager, "/gestion/citeslab")
            .Processing(new(new("Accompagnement des porteurs de projet (CitésLab)", "Coaching of project holders (CitésLab)"),
                new("Accompagner les personnes qui veulent créer une entreprise, de la sensibilisation au suivi après création, et rendre compte aux financeurs par des chiffres anonymes.",
                    "Coach people who want to start a business, from awareness to follow-up after creation, and report to funders with anonymous figures."),
                new("Consentement de la personne (RGPD art. 6.1.a), recueilli et daté avec la version du texte lu.", "The person's consent (GDPR art. 6.1.a), recorded and dated with the version of the text read."),
                new("Identité et contact, commune et quartier de résidence, publics prioritaires (critères de fragilité), prescripteur, projet, étapes datées de l'accompagnement.",
                    "Identity and contact, commune and neighbourhood of residence, priority publics (fragility criteria), prescriber, project, dated coaching steps."),
                new("Deux ans après le dernier contact (réglable), puis effacement ; seuls des comptes anonymes restent. Export et effacement sur demande.",
                    "Two years after the last contact (configurable), then erased; only anonymous counts stay. Export and erasure on request."),
                new("Les chef·fes de projet du programme uniquement ; les partenaires vers qui la personne est orientée, si elle l'accepte (transmission aux partenaires) : le contact nommé d'un partenaire qui répond par lien reçoit par e-mail le prénom, le nom, le contact, l'activité du projet et le nom de la chef·fe de projet ; chaque lecture d'une fiche est journalisée.",
                    "The programme's coaches only; the partners the person is referred to, if they agree (sharing with partners): the named contact of a partner that answers by link is e-mailed the first and last name, the contact, the project's activity and the coach's name; every read of a record is logged.")));
        var settings = builder.Services.AddSettings<EntrepreneurshipOptions>(builder.Configuration, EntrepreneurshipOptions.Section);
        builder.Services.AddScoped<ProgrammeAccess>();
        builder.Services.AddScoped<HolderRegister>();
        builder.Services.AddScoped<Prospects.Prospects>();
        builder.Services.AddScoped<HolderList>();
        builder.Services.AddScoped<HolderErasure>();
        builder.Services.AddScoped<HolderRetention>();
        builder.Services.AddScoped<ProgrammeFigures>();
        builder.Services.AddScoped<Permanences.PermanenceDays>();
        builder.Services.AddScoped<FollowUpAlerts>();
        builder.Services.AddScoped<Partners.PartnerLinks>();
        builder.Services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(Partners.AnswerModel.RateLimit, ctx =>
            System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = settings.PartnerAnswersPerMinute, Window = TimeSpan.FromMinutes(1) })));
        builder.Services.AddRecurringJob<FollowUpAlertJob>("entrepreneurship-follow-ups", TimeSpan.FromHours(settings.FollowUpCheckHours));
        builder.Services.AddRecurringJob<HolderRetentionJob>("entrepreneurship-retention", TimeSpan.FromHours(settings.RetentionIntervalHours));
        return builder;
    }
}
