using Maillage.Network.Partners;
using Maillage.Network.Places;
using Maillage.Network.ReferenceData;
using Maillage.Network.Structures;

namespace Maillage.Network;

/// <summary>The network of places: Cités, structures, poles, partners, territories, opening hours.</summary>
public static class NetworkModule
{
    public static WebApplicationBuilder AddNetwork(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PlaceQueries>();
        builder.Services.AddScoped<ReferenceNetwork>();
        Structures.StructureRefs.EvictOnChange();
        return builder;
    }

    public static RouteGroupBuilder MapNetwork(this RouteGroupBuilder api) => api.MapStructureApi().MapExceptionApi().MapPartnerApi();
}
