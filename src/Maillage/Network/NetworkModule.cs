using Maillage.Platform.Configuration;
using Maillage.Network.Partners;
using Maillage.Network.Places;
using Maillage.Network.ReferenceData;
using Maillage.Network.Structures;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Modules;
using Maillage.Platform.Web;

namespace Maillage.Network;

/// <summary>The network of places: Cités, structures, poles, partners, territories, opening hours (the shared kernel, decision 0013).</summary>
public static class NetworkModule
{
    /// <summary>
    /// The output-cache tag of the public place pages (decision 0010): evicted by any change to a place, its hours, poles
    /// or partners; the modules that put something on the page (<see cref="IPlaceEvents"/>, <see cref="IPlacePresence"/>)
    /// evict it on changes to theirs. The expiry bounds the rest ("open now", today's duties).
    /// </summary>
    public const string PlaceCacheTag = "places";

    public static WebApplicationBuilder AddNetwork(this WebApplicationBuilder builder)
    {
        builder.AddModule("network")
            .Endpoints(MapNetwork)
            .DatabaseInitialiser<ReferenceNetwork>()
            .DevelopmentSeeder<Logos.DemoLogos>()
            .Menu(MenuGroup.Network, new("Structures", "Structures"), "/gestion/structures", Policies.NetworkManagers)
            .Menu(MenuGroup.Network, new("Partenaires", "Partners"), "/gestion/partenaires", Policies.NetworkManagers)
            .Menu(MenuGroup.Network, new("Territoires", "Territories"), "/gestion/territoires", Policies.NetworkManagers)
            .Menu(MenuGroup.Administration, new("Logo de la Cité", "Cité logo"), "/gestion/cites/logo", Policies.Administrators);
        var services = builder.Services;
        services.AddSettings<NetworkOptions>(builder.Configuration, NetworkOptions.Section);
        services.AddScoped<PlaceQueries>();
        // The documents' letterhead (Platform/Documents/Letterhead.cs): each Cité's logo.
        services.AddScoped<Platform.Documents.ILetterheadSource, Logos.CiteLetterheads>();
        services.AddScoped<ReferenceNetwork>();
        services.AddSingleton<StructureRefs>();
        services.AddSingleton<IPublicCacheListener>(sp => sp.GetRequiredService<StructureRefs>());
        services.Configure<PublicCacheTags>(o => o.EvictOnChange<Structure>(StructureRefs.Tag)
            .EvictOnChange<Structure>(PlaceCacheTag).EvictOnChange<OpeningHours.OpeningRange>(PlaceCacheTag).EvictOnChange<OpeningHours.OpeningException>(PlaceCacheTag)
            .EvictOnChange<Pole>(PlaceCacheTag).EvictOnChange<Partner>(PlaceCacheTag).EvictOnChange<PartnerPole>(PlaceCacheTag)
            .EvictOnChange<Territory>(PlaceCacheTag).EvictOnChange<Cite>(PlaceCacheTag));
        return builder;
    }

    public static void MapNetwork(IEndpointRouteBuilder app) =>
        Api.Group(app).MapStructureApi().MapExceptionApi().MapPartnerApi();
}
