using System.Net.Http.Json;
using Maillage.Agenda;
using Maillage.Agenda.Attendance;
using Maillage.Agenda.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>
/// Seat accounting: every path that creates, moves, cancels or removes a registration takes and gives back seats
/// through one component, so that an event's seats taken always equal the people holding one.
/// </summary>
public sealed class SeatsTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private Task<T> Desk<T>(Func<RegistrationDesk, Task<T>> action) =>
        app.WithScopeAsync2(sp => action(sp.GetRequiredService<RegistrationDesk>()));

    private Task<T> Door<T>(Func<AttendanceDesk, Task<T>> action) =>
        app.WithScopeAsync2(sp => action(sp.GetRequiredService<AttendanceDesk>()));

    private static RegistrationRequest Person(string first = "Noa") => new(first, "Petit", $"{first}.{Guid.NewGuid():N}@example.org".ToLowerInvariant(), null, PublicStatus.Student, true);

    [Fact]
    public async Task Given_a_walk_in_added_then_removed_When_more_people_register_online_Then_the_event_is_never_overbooked()
    {
        var e = await app.EventAsync(capacity: 2);
        var online = await Desk(d => d.RegisterAsync(e.Id, Person("Ana")));
        var walkIn = await Door(d => d.AddNamedWalkInAsync(e, "Marc", "Durand", null, PublicStatus.JobSeeker, consent: true));
        await app.UseAsync((Cancellations d) => d.RemoveAsync(walkIn.RegistrationId));
        var second = await Desk(d => d.RegisterAsync(e.Id, Person("Lina")));
        var third = await Desk(d => d.RegisterAsync(e.Id, Person("Paul")));

        Assert.Equal(RegistrationStatus.Confirmed, online.Registration.Status);
        Assert.Equal(RegistrationStatus.Confirmed, second.Registration.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, third.Registration.Status);
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(2, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    /// <summary>The rule of <see cref="Seats"/>: seats taken = registrations holding one + anonymous walk-ins.</summary>
    private async Task<int> AssertSeatsMatchAsync(int eventId)
    {
        var (taken, holders, counted) = await app.WithDbAsync(async db => (
            await db.Events.Where(x => x.Id == eventId).Select(x => x.SeatsTaken).SingleAsync(),
            await db.Registrations.CountAsync(r => r.EventId == eventId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Offered)),
            await db.EventWalkIns.Where(w => w.EventId == eventId).SumAsync(w => w.Count)));
        Assert.Equal(holders + counted, taken);
        return taken;
    }

    private Task<RegistrationStatus> StatusAsync(long id) => app.WithDbAsync(db => db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    [Fact]
    public async Task Given_the_public_API_When_registering_then_cancelling_Then_the_seat_comes_back_and_the_next_waiting_person_is_promoted_once()
    {
        var e = await app.EventAsync(capacity: 1);
        var client = app.CreateClient();
        var (_, first) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person());
        var (_, second) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person());
        var (_, third) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person());
        Assert.Equal(["confirmed", "waitlisted", "waitlisted"], new[] { first!.Status, second!.Status, third!.Status });
        Assert.Equal(1, await AssertSeatsMatchAsync(e.Id));

        Assert.True((await client.DeleteAsync($"/api/v1/registrations/{first.ManageToken}")).IsSuccessStatusCode);
        Assert.Equal(1, await AssertSeatsMatchAsync(e.Id));
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted], regs.Select(r => r.Status));

        // A waiting person cancelling frees no seat and promotes nobody.
        await client.DeleteAsync($"/api/v1/registrations/{third.ManageToken}");
        Assert.Equal(1, await AssertSeatsMatchAsync(e.Id));
        await client.DeleteAsync($"/api/v1/registrations/{second.ManageToken}");
        Assert.Equal(0, await AssertSeatsMatchAsync(e.Id));
    }

    [Fact]
    public async Task Given_the_back_office_When_adding_accepting_promoting_then_removing_Then_each_returns_the_seat_it_took()
    {
        var open = await app.EventAsync(capacity: 3);
        await Desk(d => d.RegisterAsync(open.Id, Person("Ana")));
        var before = await AssertSeatsMatchAsync(open.Id);
        var added = await Desk(d => d.RegisterAsync(open.Id, Person("Zoé"), RegistrationSource.Organiser));
        Assert.Equal(before + 1, await AssertSeatsMatchAsync(open.Id));
        await app.UseAsync((Cancellations d) => d.RemoveAsync(added.Registration.Id));
        Assert.Equal(before, await AssertSeatsMatchAsync(open.Id));

        var approval = await app.EventAsync(capacity: 2, mode: RegistrationMode.Approval);
        var asked = await Desk(d => d.RegisterAsync(approval.Id, Person("Léo")));
        Assert.Equal(0, await AssertSeatsMatchAsync(approval.Id)); // a request holds no seat
        await app.UseAsync((Approvals d) => d.DecideAsync(asked.Registration.Id, accept: true));
        Assert.Equal(1, await AssertSeatsMatchAsync(approval.Id));
        await app.UseAsync((Cancellations d) => d.RemoveAsync(asked.Registration.Id));
        Assert.Equal(0, await AssertSeatsMatchAsync(approval.Id));
        var other = await Desk(d => d.RegisterAsync(approval.Id, Person("Inès")));
        await app.UseAsync((WaitingList d) => d.PromoteNowAsync(other.Registration.Id));
        Assert.Equal(1, await AssertSeatsMatchAsync(approval.Id));
        var tom = await Desk(d => d.RegisterAsync(approval.Id, Person("Tom")));
        await app.UseAsync((Approvals d) => d.DecideAsync(tom.Registration.Id, accept: false));
        Assert.Equal(1, await AssertSeatsMatchAsync(approval.Id)); // declining takes nothing
    }

    [Fact]
    public async Task Given_a_move_Then_one_seat_goes_from_one_event_to_the_other_and_the_first_promotes_its_waiting_list()
    {
        var here = await app.EventAsync(capacity: 1);
        var there = await app.EventAsync(capacity: 5);
        var moving = await Desk(d => d.RegisterAsync(here.Id, Person("Ana")));
        var waiting = await Desk(d => d.RegisterAsync(here.Id, Person("Chloé")));
        await Desk(d => d.RegisterAsync(there.Id, Person("Marc")));

        var moved = await app.UseAsync((Moves d) => d.MoveAsync(moving.Registration.Id, there.Id));
        Assert.Equal(RegistrationStatus.Confirmed, moved.Registration.Status);
        Assert.Equal(1, await AssertSeatsMatchAsync(here.Id));
        Assert.Equal(2, await AssertSeatsMatchAsync(there.Id));
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(waiting.Registration.Id));

        // And back: the seat there is given back, and here, full again, the person waits.
        var back = await app.UseAsync((Moves d) => d.MoveAsync(moved.Registration.Id, here.Id));
        Assert.Equal(RegistrationStatus.Waitlisted, back.Registration.Status);
        Assert.Equal(1, await AssertSeatsMatchAsync(here.Id));
        Assert.Equal(1, await AssertSeatsMatchAsync(there.Id));
    }

    [Fact]
    public async Task Given_a_capacity_change_Then_raising_promotes_exactly_the_new_seats_and_lowering_never_cancels()
    {
        var e = await app.EventAsync(capacity: 1);
        for (var i = 0; i < 4; i++) await Desk(d => d.RegisterAsync(e.Id, Person()));
        await app.UseAsync((Seats d) => d.ChangeCapacityAsync(e.Id, 3));
        Assert.Equal(3, await AssertSeatsMatchAsync(e.Id));
        Assert.Single(await app.RegistrationsAsync(e.Id), r => r.Status == RegistrationStatus.Waitlisted);
        await Assert.ThrowsAsync<Maillage.Platform.Errors.RuleViolation>(() => app.UseAsync((Seats d) => d.ChangeCapacityAsync(e.Id, 2)));
        Assert.Equal(3, await AssertSeatsMatchAsync(e.Id));
    }

    [Fact]
    public async Task Given_a_full_room_When_a_walk_in_comes_Then_they_take_a_seat_past_the_capacity_and_taking_them_back_promotes_nobody()
    {
        var e = await app.EventAsync(capacity: 2);
        await Desk(d => d.RegisterAsync(e.Id, Person("Ana")));
        await Desk(d => d.RegisterAsync(e.Id, Person("Marc")));
        var waiting = await Desk(d => d.RegisterAsync(e.Id, Person("Chloé")));
        var walkIn = await Door(d => d.AddNamedWalkInAsync(e, "Lina", "Martin", null, PublicStatus.Student, consent: true));
        Assert.Equal(3, await AssertSeatsMatchAsync(e.Id));

        // The capacity cannot be lowered under a room filled by walk-ins.
        await Assert.ThrowsAsync<Maillage.Platform.Errors.RuleViolation>(() => app.UseAsync((Seats d) => d.ChangeCapacityAsync(e.Id, 1)));

        await app.UseAsync((Cancellations d) => d.RemoveAsync(walkIn.RegistrationId));
        Assert.Equal(2, await AssertSeatsMatchAsync(e.Id));
        Assert.Equal(RegistrationStatus.Waitlisted, await StatusAsync(waiting.Registration.Id)); // still full: no seat freed
    }

    [Fact]
    public async Task Given_walk_ins_past_the_capacity_Then_the_event_can_still_be_edited_and_its_capacity_raised_but_not_lowered()
    {
        var e = await app.EventAsync(capacity: 2);
        await Desk(d => d.RegisterAsync(e.Id, Person("Ana")));
        await Desk(d => d.RegisterAsync(e.Id, Person("Marc")));
        await Door(async d => { await d.AddAnonymousWalkInsAsync(e, PublicStatus.Parent, 2); return 0; });
        Assert.Equal(4, await AssertSeatsMatchAsync(e.Id));

        var client = await app.ApiClientAsync();
        var body = new Dictionary<string, object?>
        {
            ["title"] = "Zoom métier corrigé", ["type"] = "tradeZoom", ["structureId"] = e.StructureId, ["startsAt"] = e.StartsAt, ["endsAt"] = e.EndsAt,
            ["capacity"] = 2, ["registrationMode"] = "waitlist", ["status"] = "published",
        };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        body["capacity"] = 1;
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, (await client.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);

        await app.UseAsync((Seats s) => s.ChangeCapacityAsync(e.Id, 3));
        Assert.Equal(3, (await app.ReloadAsync(e.Id)).Capacity);
        await Assert.ThrowsAsync<Maillage.Platform.Errors.RuleViolation>(() => app.UseAsync((Seats s) => s.ChangeCapacityAsync(e.Id, 2)));
        Assert.Equal(4, await AssertSeatsMatchAsync(e.Id));
    }

    [Fact]
    public async Task Given_walk_ins_counted_before_the_start_Then_their_seats_are_not_sold_online_and_taking_them_back_frees_them()
    {
        var e = await app.EventAsync(capacity: 3);
        await Desk(d => d.RegisterAsync(e.Id, Person("Ana")));
        await Door(async d => { await d.AddAnonymousWalkInsAsync(e, PublicStatus.Pupil, 2); return 0; });
        Assert.Equal(3, await AssertSeatsMatchAsync(e.Id));
        var late = await Desk(d => d.RegisterAsync(e.Id, Person("Paul")));
        Assert.Equal(RegistrationStatus.Waitlisted, late.Registration.Status);

        await Door(async d => { await d.AddAnonymousWalkInsAsync(e, PublicStatus.Pupil, -1); return 0; });
        Assert.Equal(3, await AssertSeatsMatchAsync(e.Id));
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(late.Registration.Id)); // the freed seat went to the waiting list
    }

    [Fact]
    public async Task Given_an_event_under_way_When_a_walk_in_is_taken_back_Then_nobody_is_promoted_into_it()
    {
        var e = await app.EventAsync(capacity: 1, startsIn: TimeSpan.FromHours(1));
        await Desk(d => d.RegisterAsync(e.Id, Person("Ana")));
        var waiting = await Desk(d => d.RegisterAsync(e.Id, Person("Chloé")));
        app.Clock.Advance(TimeSpan.FromHours(1.5));
        var walkIn = await Door(d => d.AddNamedWalkInAsync(e, "Lina", "Martin", null, PublicStatus.Student, consent: true));
        await Door(async d => { await d.AddAnonymousWalkInsAsync(e, PublicStatus.Pupil, 1); return 0; });
        Assert.Equal(3, await AssertSeatsMatchAsync(e.Id));
        await app.UseAsync((Cancellations d) => d.RemoveAsync(walkIn.RegistrationId));
        await Door(async d => { await d.AddAnonymousWalkInsAsync(e, PublicStatus.Pupil, -1); return 0; });
        var ana = (await app.RegistrationsAsync(e.Id)).First();
        await app.UseAsync((Cancellations d) => d.RemoveAsync(ana.Id));
        Assert.Equal(0, await AssertSeatsMatchAsync(e.Id));
        Assert.Equal(RegistrationStatus.Waitlisted, await StatusAsync(waiting.Registration.Id));
    }

    [Fact]
    public async Task Given_walk_ins_and_online_registrations_at_once_Then_seats_match_the_people_holding_them()
    {
        var e = await app.EventAsync(capacity: 5);
        var online = Enumerable.Range(0, 12).Select(i => Desk(d => d.RegisterAsync(e.Id, Person($"P{i}"))));
        var named = Enumerable.Range(0, 4).Select(i => Door(d => d.AddNamedWalkInAsync(e, $"W{i}", "Porte", null, PublicStatus.Other, consent: true)));
        var counted = Enumerable.Range(0, 4).Select(_ => Door(async d => { await d.AddAnonymousWalkInsAsync(e, PublicStatus.Parent, 1); return 0; }));
        var outcomes = await Task.WhenAll(online);
        await Task.WhenAll(named);
        await Task.WhenAll(counted);

        var taken = await AssertSeatsMatchAsync(e.Id);
        var confirmedOnline = outcomes.Count(o => o.Registration.Status == RegistrationStatus.Confirmed);
        Assert.InRange(confirmedOnline, 0, 5);
        Assert.Equal(confirmedOnline + 8, taken);
        Assert.Equal(12 - confirmedOnline, outcomes.Count(o => o.Registration.Status == RegistrationStatus.Waitlisted));
    }
}
