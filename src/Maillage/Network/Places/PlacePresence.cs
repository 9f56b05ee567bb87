namespace Maillage.Network.Places;

/// <summary>
/// One duty held at a place (issue 20, item 3): which partner holds which pole, from when to when. Names the partner
/// only, never the counsellor: the public sees organisations, not staff members.
/// </summary>
public sealed record PlaceDuty(int PoleId, string Partner, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// What a module keeping the partners' duties gives the place page: the network knows no module (decision 0013), the
/// roster registers an implementation. None registered: the page lists the partners of each pole from the fixed list.
/// </summary>
public interface IPlacePresence
{
    /// <summary>The duties held at <paramref name="structureId"/> that overlap [<paramref name="from"/>, <paramref name="to"/>), by start.</summary>
    Task<IReadOnlyList<PlaceDuty>> HeldAsync(int structureId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>The address of the place's iCalendar feed of duties.</summary>
    string FeedUrl(int structureId);
}
