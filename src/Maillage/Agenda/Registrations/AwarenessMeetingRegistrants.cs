using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// What the CitésLab asks of the agenda (issue 23 item 2): who came to its awareness meetings, so that a coach can offer
/// them coaching. The agenda's public surface for that one question — the Entrepreneurship module never reads the
/// agenda's tables or types (decision 0013). A registrant is offered only while the agenda still holds their details
/// (the retention purge anonymises them) and never recorded elsewhere without their consent, asked by the coach.
/// </summary>
public sealed class AwarenessMeetingRegistrants(MaillageDb db)
{
    /// <summary>A person registered to an awareness meeting that took place, with the contact they gave.</summary>
    public sealed record Registrant(long Id, int EventId, string EventTitle, DateTimeOffset StartsAt, string TimeZoneId,
        string FirstName, string LastName, string? Email, string? Phone)
    {
        /// <summary>The meeting's day where it took place.</summary>
        public DateOnly Day => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(StartsAt, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId)).DateTime);
    }

    /// <summary>Where a programme's meetings are: held at one of these structures, or organised by one of these partners.</summary>
    public sealed record Place(int CiteId, IReadOnlyCollection<int> StructureIds, IReadOnlyCollection<int> PartnerIds);

    /// <summary>
    /// The registrants of the published awareness meetings of <paramref name="place"/> that started between
    /// <paramref name="since"/> and <paramref name="until"/>: confirmed (present or not ticked; the absent and the excused
    /// did not come), not anonymised, most recent meeting first.
    /// </summary>
    public async Task<IReadOnlyList<Registrant>> HeldAsync(Place place, DateTimeOffset since, DateTimeOffset until, CancellationToken ct) =>
        await Query(place).Where(r => r.Event.StartsAt >= since && r.Event.StartsAt <= until)
            .OrderByDescending(r => r.Event.StartsAt).ThenBy(r => r.Person.LastName).ThenBy(r => r.Id)
            .Select(r => new Registrant(r.Id, r.EventId, r.Event.Title, r.Event.StartsAt, r.Event.TimeZoneId, r.Person.FirstName!, r.Person.LastName!, r.Person.Email, r.Person.Phone))
            .ToListAsync(ct);

    /// <summary>One such registrant (of a meeting that started before <paramref name="until"/>), or null.</summary>
    public Task<Registrant?> FindAsync(Place place, long id, DateTimeOffset until, CancellationToken ct) =>
        Query(place).Where(r => r.Id == id && r.Event.StartsAt <= until)
            .Select(r => new Registrant(r.Id, r.EventId, r.Event.Title, r.Event.StartsAt, r.Event.TimeZoneId, r.Person.FirstName!, r.Person.LastName!, r.Person.Email, r.Person.Phone))
            .FirstOrDefaultAsync(ct);

    private IQueryable<Registration> Query(Place place)
    {
        var structures = place.StructureIds.ToArray();
        var partners = place.PartnerIds.ToArray();
        return db.Set<Registration>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CiteId == place.CiteId && r.Status == RegistrationStatus.Confirmed && r.AnonymisedAt == null && r.Person.LastName != null
                        && r.Attendance != AttendanceStatus.Absent && r.Attendance != AttendanceStatus.Excused
                        && r.Event.Type == EventType.AwarenessMeeting && r.Event.Status == EventStatus.Published
                        && ((r.Event.StructureId != null && structures.Contains(r.Event.StructureId.Value))
                            || db.Set<EventOrganiser>().Any(o => o.EventId == r.EventId && partners.Contains(o.PartnerId))));
    }
}
