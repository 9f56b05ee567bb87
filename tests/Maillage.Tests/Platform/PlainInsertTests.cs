using System.Data.Common;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform;

/// <summary>
/// <see cref="PlainInsert"/> writes rows without the save pipeline: what it writes must read back through EF Core
/// exactly as if SaveChanges had written it, on both databases (converters: enums, times as ticks on SQLite).
/// </summary>
public sealed class PlainInsertTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 9, 15, 30, 123, TimeSpan.Zero);

    [Fact]
    public async Task Given_a_registration_with_every_column_set_Then_EF_Core_reads_back_each_value_and_the_generated_key()
    {
        var e = await app.EventAsync();
        var written = new Registration
        {
            CiteId = e.CiteId, EventId = e.Id, Status = RegistrationStatus.Offered, ManageToken = Registration.NewToken(), Source = RegistrationSource.Organiser,
            Person = new RegistrantDetails { FirstName = "Zoé", LastName = "N'Diaye-Müller", Email = "zoe@example.org", Phone = "+41 22 000 00 00" },
            EmailKey = "zoe@example.org", PublicStatus = PublicStatus.JobSeeker, ConsentAt = T, CreatedAt = T, ConfirmedAt = T.AddMinutes(1),
            WaitlistedAt = T.AddMinutes(2), OfferedAt = T.AddMinutes(3), OfferExpiresAt = T.AddHours(24), CancelledAt = T.AddMinutes(4),
            CancelledBy = CancelledBy.Organiser, DecidedAt = T.AddMinutes(5), ReminderSentAt = T.AddMinutes(6), Attendance = AttendanceStatus.Excused,
            AttendedAt = T.AddMinutes(7), SurveyToken = Registration.NewToken(), SurveySentAt = T.AddMinutes(8), SurveyAnsweredAt = T.AddMinutes(9),
            AnonymisedAt = T.AddMinutes(10),
        };
        await app.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await PlainInsert.InsertAsync(db, written);
            await tx.CommitAsync();
            Assert.Empty(db.ChangeTracker.Entries()); // nothing tracked
            return 0;
        });
        Assert.True(written.Id > 0);

        var read = await app.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == written.Id));
        var model = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(Registration))!));
        foreach (var property in model.GetProperties().Where(p => p.PropertyInfo is not null))
            Assert.True(Equals(property.PropertyInfo!.GetValue(written), property.PropertyInfo.GetValue(read)), $"{property.Name}: {property.PropertyInfo.GetValue(read)}");
        Assert.Equal(written.Person.FirstName, read.Person.FirstName);
        Assert.Equal(written.Person.LastName, read.Person.LastName);
        Assert.Equal(written.Person.Email, read.Person.Email);
        Assert.Equal(written.Person.Phone, read.Person.Phone);
        Assert.Equal(T.AddHours(24), read.OfferExpiresAt); // to the millisecond, in UTC
    }

    [Fact]
    public async Task Given_an_e_mail_written_in_a_transaction_that_rolls_back_Then_nothing_is_left()
    {
        var to = $"{Guid.NewGuid():N}@example.org";
        var kept = await app.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var row = await Outbox.InsertAsync(db, new EmailMessage("test.plain", to, "Camille", "Titre", "Corps", DueAt: T.AddDays(1)), T);
            Assert.True(row.Id > 0);
            await tx.RollbackAsync();

            await using var tx2 = await db.Database.BeginTransactionAsync();
            var second = await Outbox.InsertAsync(db, new EmailMessage("test.plain", to, null, "Titre 2", "Corps 2",
                Attachment: new EmailAttachment("invitation.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")), T);
            await tx2.CommitAsync();
            return second;
        });
        var rows = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == to).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(kept.Id, row.Id);
        Assert.Equal(("Titre 2", OutboxState.Pending, T, T, "invitation.ics"), (row.Title, row.State, row.CreatedAt, row.DueAt, row.AttachmentName));
    }

    [Fact]
    public async Task Given_a_row_that_meets_a_unique_index_Then_the_error_is_recognised_as_a_unique_violation()
    {
        var e = await app.EventAsync();
        var token = Registration.NewToken();
        Registration New() => new() { CiteId = e.CiteId, EventId = e.Id, ManageToken = token, CreatedAt = T, Person = new RegistrantDetails { FirstName = "A", LastName = "B" } };
        await app.WithDbAsync(async db => { await PlainInsert.InsertAsync(db, New()); return 0; });
        var error = await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(async db => { await PlainInsert.InsertAsync(db, New()); return 0; }));
        Assert.True(DbErrors.IsUniqueViolation(error), error.Message);
        Assert.Equal(1, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.ManageToken == token)));
    }

    /// <summary>
    /// A row the database's guard refuses, written "skip on conflict" (decision 0014): on PostgreSQL nothing is written —
    /// neither the row nor its audit entry — and no error is raised; on SQLite (a trigger) the refusal stays an error.
    /// Either way the transaction leaves one booking.
    /// </summary>
    [Fact]
    public async Task Given_a_booking_the_overlap_guard_refuses_written_skip_on_conflict_Then_neither_it_nor_its_audit_entry_is_written()
    {
        var room = await app.RoomAsync();
        var title = $"Jury {Guid.NewGuid():N}";
        Maillage.Rooms.RoomBooking New(int hour) => new()
        {
            CiteId = room.CiteId, RoomId = room.Id, Title = title, Attendees = 5, Status = Maillage.Rooms.BookingStatus.Confirmed, CreatedAt = T,
            StartsAt = new DateTimeOffset(2027, 3, 2, hour, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2027, 3, 2, hour + 2, 0, 0, TimeSpan.Zero),
            HeldFrom = new DateTimeOffset(2027, 3, 2, hour, 0, 0, TimeSpan.Zero), HeldUntil = new DateTimeOffset(2027, 3, 2, hour + 2, 0, 0, TimeSpan.Zero),
        };
        var first = New(9);
        Assert.True(await app.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var written = await PlainInsert.InsertAuditedAsync(db, first, skipOnConflict: true);
            await tx.CommitAsync();
            return written;
        }));
        Assert.True(first.Id > 0);

        var overlapping = New(10);
        if (!TestDatabase.IsPostgres)
        {
            var error = await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(async db =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                return await PlainInsert.InsertAuditedAsync(db, overlapping, skipOnConflict: true);
            }));
            Assert.True(GuardErrors.IsGuard(error, "room_bookings_no_overlap"), error.Message);
        }
        else
        {
            Assert.False(await app.WithDbAsync(async db =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                var written = await PlainInsert.InsertAuditedAsync(db, overlapping, skipOnConflict: true);
                await tx.CommitAsync();
                return written;
            }));
            Assert.Equal(0, overlapping.Id);
        }
        var ids = await app.WithDbAsync(db => db.Set<Maillage.Rooms.RoomBooking>().Where(b => b.Title == title).Select(b => b.Id).ToListAsync());
        Assert.Equal([first.Id], ids);
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Maillage.Rooms.RoomBooking) && a.After!.Contains(title)).CountAsync());
        Assert.Equal(1, audited);
    }

    /// <summary>
    /// The audit entry of a plain insert reads as the one <c>SaveChanges</c> writes for the same row: the id, the action,
    /// the Cité, and every value after in the same order. On PostgreSQL the row and its entry are one statement, written
    /// here with no transaction around it (atomic alone); on SQLite two statements in the caller's transaction.
    /// </summary>
    [Fact]
    public async Task Given_a_booking_written_plain_Then_its_audit_entry_is_the_one_SaveChanges_writes()
    {
        var room = await app.RoomAsync();
        var title = $"Comité {Guid.NewGuid():N}";
        Maillage.Rooms.RoomBooking New() => new()
        {
            CiteId = room.CiteId, RoomId = room.Id, Title = title, Attendees = 12, Status = Maillage.Rooms.BookingStatus.Confirmed, CreatedAt = T,
            StartsAt = new DateTimeOffset(2027, 4, 6, 14, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2027, 4, 6, 16, 0, 0, TimeSpan.Zero),
            HeldFrom = new DateTimeOffset(2027, 4, 6, 14, 0, 0, TimeSpan.Zero), HeldUntil = new DateTimeOffset(2027, 4, 6, 16, 0, 0, TimeSpan.Zero),
        };
        async Task<Maillage.Platform.Audit.AuditEntry> EntryOf(int id) => await app.WithDbAsync(db =>
            db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(Maillage.Rooms.RoomBooking) && a.EntityId == id.ToString()));

        var plain = New();
        Assert.True(await app.WithDbAsync(async db =>
        {
            if (TestDatabase.IsPostgres) return await PlainInsert.InsertAuditedAsync(db, plain);
            await using var tx = await db.Database.BeginTransactionAsync();
            var written = await PlainInsert.InsertAuditedAsync(db, plain);
            await tx.CommitAsync();
            return written;
        }));
        Assert.True(plain.Id > 0);
        var plainEntry = await EntryOf(plain.Id);
        // The same row again through SaveChanges, once the first is gone (removed without the trail: the guard refuses two).
        await app.WithDbAsync(db => db.Set<Maillage.Rooms.RoomBooking>().Where(b => b.Id == plain.Id).ExecuteDeleteAsync());
        var saved = New();
        await app.WithDbAsync(async db =>
        {
            db.Add(saved);
            return await db.SaveChangesAsync();
        });
        var savedEntry = await EntryOf(saved.Id);

        Assert.Equal((savedEntry.Action, savedEntry.CiteId, savedEntry.UserName, savedEntry.Before), (plainEntry.Action, plainEntry.CiteId, plainEntry.UserName, plainEntry.Before));
        static List<(string, string)> Values(string? json, int id) =>
            System.Text.Json.JsonDocument.Parse(json!).RootElement.EnumerateObject().Select(p => (p.Name, p.Name == "Id" ? (p.Value.GetInt32() == id ? "the row's id" : p.Value.GetRawText()) : p.Value.GetRawText())).ToList();
        Assert.Equal(Values(savedEntry.After, saved.Id), Values(plainEntry.After, plain.Id));
        Assert.Equal("Id", Values(plainEntry.After, plain.Id)[0].Item1);
    }
}
