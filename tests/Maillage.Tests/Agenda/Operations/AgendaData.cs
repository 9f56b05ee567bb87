using Maillage.Network;
using Maillage.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Operations;

/// <summary>Events and registrations written straight to the database, each test owning its own. The test classes use
/// <see cref="FrozenAgendaApp"/>: no scheduler, so the survey and retention jobs run only when a test calls them.</summary>
internal static class AgendaData
{
    /// <summary>A published event at a structure of the reference network (or at an external venue when <paramref name="structureSlug"/> is null).</summary>
    public static Task<AgendaEvent> NewEventAsync(this MaillageApp app, DateTimeOffset startsAt, string citeSlug = "grand-geneve", string? structureSlug = "annemasse",
        EventType type = EventType.TradeZoom, int capacity = 20, string? title = null, Action<AgendaEvent>? configure = null) =>
        app.WithDbAsync(async db =>
        {
            var cite = await db.Cites.SingleAsync(c => c.Slug == citeSlug);
            var structure = structureSlug is null ? null : await db.Structures.SingleAsync(s => s.CiteId == cite.Id && s.Slug == structureSlug);
            var e = new AgendaEvent
            {
                CiteId = cite.Id, Title = title ?? $"Zoom métier {Guid.NewGuid():N}"[..24], Type = type, Status = EventStatus.Published,
                StartsAt = startsAt, EndsAt = startsAt.AddHours(2), StructureId = structure?.Id, Capacity = capacity,
                RegistrationMode = RegistrationMode.Waitlist, CreatedAt = startsAt.AddDays(-30), PublishedAt = startsAt.AddDays(-30),
                VenueName = structure is null ? "Salle des fêtes" : null,
            };
            configure?.Invoke(e);
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e;
        });

    public static Task<Registration> RegisterAsync(this MaillageApp app, AgendaEvent e, string firstName, string lastName,
        RegistrationStatus status = RegistrationStatus.Confirmed, AttendanceStatus attendance = AttendanceStatus.Unknown,
        PublicStatus? publicStatus = PublicStatus.JobSeeker, RegistrationSource source = RegistrationSource.Online) =>
        app.WithDbAsync(async db =>
        {
            var r = new Registration
            {
                CiteId = e.CiteId, EventId = e.Id, Status = status, ManageToken = Registration.NewToken(), Source = source,
                Person = new RegistrantDetails { FirstName = firstName, LastName = lastName, Email = $"{firstName}.{lastName}.{Guid.NewGuid():N}@example.org".ToLowerInvariant(), Phone = "+33 6 00 00 00 00" },
                PublicStatus = publicStatus, ConsentAt = e.CreatedAt, CreatedAt = e.CreatedAt, Attendance = attendance,
            };
            r.EmailKey = Registration.NormaliseEmail(r.Person.Email!);
            db.Registrations.Add(r);
            if (status is RegistrationStatus.Confirmed or RegistrationStatus.Offered)
                await db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SeatsTaken, x => x.SeatsTaken + 1));
            await db.SaveChangesAsync();
            return r;
        });

    public static Task<Registration> RegistrationAsync(this MaillageApp app, long id) =>
        app.WithDbAsync(db => db.Registrations.Include(r => r.Answers).AsNoTracking().SingleAsync(r => r.Id == id));
}
