using Maillage.Platform.Identity;
using Maillage.Platform.Modules;
using Maillage.Rooms.Bookings;

namespace Maillage.Rooms;

/// <summary>Rooms of the structures and their bookings, with no double booking ever (SPEC §6, decision 0014).</summary>
public static class RoomsModule
{
    /// <summary>Those who may book rooms and read their calendars: every staff role but funders (who read figures only).</summary>
    public const string BookersPolicy = "RoomBookers";
    public static readonly StaffRole[] Bookers =
        [StaffRole.ReceptionAgent, StaffRole.Counsellor, StaffRole.EventOrganiser, StaffRole.Coordinator, StaffRole.EntrepreneurshipCoach, StaffRole.LabelOfficer, StaffRole.Administrator, StaffRole.PlatformOperator];

    public static WebApplicationBuilder AddRooms(this WebApplicationBuilder builder)
    {
        builder.AddModule("rooms")
            .Endpoints(MapRooms)
            .DatabaseInitialiser<ReferenceRooms>()
            .DevelopmentSeeder<DemoRooms>()
            .Policy(BookersPolicy, Bookers)
            .Menu(MenuGroup.Network, new("Salles", "Rooms"), "/gestion/salles", BookersPolicy)
            .Menu(MenuGroup.Network, new("Demandes de salles", "Room requests"), "/gestion/salles/demandes", Policies.NetworkManagers);
        builder.Services.AddScoped<RoomBookings>();
        builder.Services.AddSingleton<RoomDefinitions>();
        builder.Services.AddSingleton<Platform.Web.IPublicCacheListener>(sp => sp.GetRequiredService<RoomDefinitions>());
        builder.Services.Configure<Platform.Web.PublicCacheTags>(o => o.EvictOnChange<Room>(RoomDefinitions.Tag).EvictOnChange<RoomHours>(RoomDefinitions.Tag)
            .EvictOnChange<RoomClosure>(RoomDefinitions.Tag).EvictOnChange<RoomPartner>(RoomDefinitions.Tag).EvictOnChange<Network.Structure>(RoomDefinitions.Tag));
        builder.Services.AddScoped<EventRooms>();
        return builder;
    }

    public static void MapRooms(IEndpointRouteBuilder app) => Api.Group(app).MapBookingApi();
}
