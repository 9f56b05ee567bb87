namespace Maillage.Network.Places;

/// <summary>An upcoming event held at a place, as the place's public page lists it (item 10 of issue 19).</summary>
public sealed record PlaceEvent(string Title, DateTimeOffset StartsAt, string When, string Kind, string Url);

/// <summary>The next events of a place and the address of all of them.</summary>
public sealed record PlaceEventList(IReadOnlyList<PlaceEvent> Events, string AllUrl);

/// <summary>
/// What a module holding events at places gives the place page: the network knows no module (decision 0013), the agenda
/// registers an implementation. None registered: the page lists no event.
/// </summary>
public interface IPlaceEvents
{
    Task<PlaceEventList> UpcomingAsync(int structureId, int count, CancellationToken ct = default);
}
