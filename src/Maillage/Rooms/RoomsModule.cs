using Maillage.Platform.Identity;
using Maillage.Platform.Modules;
using Maillage.Rooms.Bookings;

namespace Maillage.Rooms;

/// <summary>Rooms of the structures and their bookings, with no double booking ever (SPEC §6, decision 0014).</summary>
public static class RoomsModule
{
    public static WebApplicationBuilder AddRooms(this WebApplicationBuilder builder)
    {
        builder.AddModule("rooms")
            .Endpoints(MapRooms)
            .DatabaseInitialiser<ReferenceRooms>()
            .DevelopmentSeeder<DemoRooms>()
            .Menu(MenuGroup.Network, new("Salles", "Rooms"), "/gestion/salles", Policies.Staff)
            .Menu(MenuGroup.Network, new("Demandes de salles", "Room requests"), "/gestion/salles/demandes", Policies.NetworkManagers);
        builder.Services.AddScoped<RoomBookings>();
        return builder;
    }

    public static void MapRooms(IEndpointRouteBuilder app) => Api.Group(app).MapBookingApi();
}
