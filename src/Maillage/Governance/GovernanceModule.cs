using Maillage.Platform.Identity;
using Maillage.Platform.Modules;

namespace Maillage.Governance;

/// <summary>Bodies, sessions with quorum and proxies, deliberations and the register extract (SPEC §8, issue 22).</summary>
public static class GovernanceModule
{
    /// <summary>Those who manage bodies: the Cité's coordinators and administrators (a body's secretary is checked per body).</summary>
    public const string ManagersPolicy = "GovernanceManagers";
    public static readonly StaffRole[] Managers = [StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    /// <summary>Staff users linked to a member of a body (<see cref="BodyMember.UserId"/>): « Mes convocations ».</summary>
    public const string MembersPolicy = "GovernanceMembers";

    public static WebApplicationBuilder AddGovernance(this WebApplicationBuilder builder)
    {
        builder.AddModule("governance")
            .Endpoints(app => Api.Group(app).MapGovernanceApi())
            .DatabaseInitialiser<ReferenceGovernance>()
            .Indicators<GovernanceIndicators>()
            .RecordPanels<GovernancePanels>()
            .Policy(ManagersPolicy, Managers)
            // Any staff user, on any scope, who is linked to a member of a body: the menu shows the entry to them alone.
            .Policy<BodyMemberHandler>(MembersPolicy, BodyMemberRequirement.Instance)
            .Menu(MenuGroup.Network, new("Instances", "Bodies"), "/gestion/instances", ManagersPolicy)
            .Menu(MenuGroup.Network, new("Mes convocations", "My convocations"), "/gestion/instances/mes-convocations", MembersPolicy);
        builder.Services.AddScoped<GovernanceRegister>();
        builder.Services.AddScoped<GovernanceAccess>();
        builder.Services.AddScoped<Convocations>();
        builder.Services.AddScoped<MinutesRegister>();
        builder.Services.AddScoped<GovernancePublic>();
        // The public pages of bodies (item 7) are evicted when anything they show is saved.
        builder.Services.Configure<Platform.Web.PublicCacheTags>(o => o.EvictOnChange<Body>(GovernancePublic.CacheTag).EvictOnChange<BodyMember>(GovernancePublic.CacheTag)
            .EvictOnChange<Session>(GovernancePublic.CacheTag).EvictOnChange<Attendance>(GovernancePublic.CacheTag).EvictOnChange<Deliberation>(GovernancePublic.CacheTag)
            .EvictOnChange<Recital>(GovernancePublic.CacheTag).EvictOnChange<Article>(GovernancePublic.CacheTag));
        return builder;
    }
}
