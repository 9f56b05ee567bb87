using Maillage.Network.Places;

namespace Maillage.Agenda.PublicAgenda;

/// <summary>The place page's upcoming events: the public agenda filtered on the place (published events, from now).</summary>
internal sealed class PlaceEventsFromAgenda(EventQueries queries) : IPlaceEvents
{
    public async Task<PlaceEventList> UpcomingAsync(int structureId, int count, CancellationToken ct = default)
    {
        var page = await queries.PageAsync(new EventFilter(Structure: structureId), 1, count, ct, withCounts: false);
        return new PlaceEventList(
            page.Rows.Select(r => new PlaceEvent(r.Event.Title, r.Event.StartsAt, AgendaText.When(r.Event), r.Event.Type.Describe().ToString(), $"/agenda/{r.Event.Id}")).ToList(),
            $"/agenda?structure={structureId}");
    }
}
