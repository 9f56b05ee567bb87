using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda;

/// <summary>Promotion modes, offer expiry with the injected clock, capacity changes, series dates.</summary>
public sealed class WaitlistRuleTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private Task<T> Desk<T>(Func<RegistrationDesk, Task<T>> action) =>
        app.WithScopeAsync2(sp => action(sp.GetRequiredService<RegistrationDesk>()));

    private static RegistrationRequest Person() => new("Noa", "Petit", $"{Guid.NewGuid():N}@example.org", null, PublicStatus.Student, true);

    [Fact]
    public async Task Given_offer_mode_Then_the_seat_is_held_24h_then_passes_to_the_next_person()
    {
        var e = await app.EventAsync(capacity: 1, promotion: WaitlistPromotion.Offer, startsIn: TimeSpan.FromDays(5));
        var first = await Desk(d => d.RegisterAsync(e.Id, Person()));
        var second = await Desk(d => d.RegisterAsync(e.Id, Person()));
        var third = await Desk(d => d.RegisterAsync(e.Id, Person()));
        await app.UseAsync((Cancellations d) => d.CancelAsync(first.Registration.ManageToken!));

        var regs = await app.RegistrationsAsync(e.Id);
        var offered = regs.Single(r => r.Id == second.Registration.Id);
        Assert.Equal(RegistrationStatus.Offered, offered.Status);
        Assert.Equal(app.Clock.GetUtcNow().AddHours(24), offered.OfferExpiresAt);
        Assert.Equal(1, (await app.ReloadAsync(e.Id)).SeatsTaken);

        app.Clock.Advance(TimeSpan.FromHours(23));
        await app.UseAsync((WaitingList d) => d.ExpireOffersAsync());
        Assert.Equal(RegistrationStatus.Offered, (await app.RegistrationsAsync(e.Id)).Single(r => r.Id == second.Registration.Id).Status);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.UseAsync((WaitingList d) => d.ExpireOffersAsync());
        regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(RegistrationStatus.OfferExpired, regs.Single(r => r.Id == second.Registration.Id).Status);
        Assert.Equal(RegistrationStatus.Offered, regs.Single(r => r.Id == third.Registration.Id).Status);
        var accepted = await app.UseAsync((WaitingList d) => d.AcceptOfferAsync(third.Registration.ManageToken!));
        Assert.Equal(RegistrationStatus.Confirmed, accepted.Status);
        Assert.Equal(1, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_an_offer_close_to_the_start_Then_it_never_runs_past_two_hours_before()
    {
        var e = await app.EventAsync(capacity: 1, promotion: WaitlistPromotion.Offer, startsIn: TimeSpan.FromHours(10));
        var first = await Desk(d => d.RegisterAsync(e.Id, Person()));
        var second = await Desk(d => d.RegisterAsync(e.Id, Person()));
        await app.UseAsync((Cancellations d) => d.CancelAsync(first.Registration.ManageToken!));
        var offered = (await app.RegistrationsAsync(e.Id)).Single(r => r.Id == second.Registration.Id);
        Assert.Equal(e.StartsAt.AddHours(-2), offered.OfferExpiresAt);
    }

    [Fact]
    public async Task Given_capacity_changes_Then_lowering_never_cancels_a_seat_and_raising_promotes()
    {
        var e = await app.EventAsync(capacity: 2);
        for (var i = 0; i < 3; i++) await Desk(d => d.RegisterAsync(e.Id, Person()));
        var refused = await Assert.ThrowsAsync<Maillage.Platform.Errors.RuleViolation>(() => app.UseAsync((Seats d) => d.ChangeCapacityAsync(e.Id, 1)));
        Assert.Equal("capacity", refused.Field);
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).Capacity);
        await app.UseAsync((Seats d) => d.ChangeCapacityAsync(e.Id, 3));
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(3, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(3, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Subject!.StartsWith("registration:") && regs.Select(r => "registration:" + r.Id).Contains(m.Subject) && (m.Kind == "agenda.confirmation" || m.Kind == "agenda.promoted"))));
    }

    [Fact]
    public async Task Given_reminders_Then_each_confirmed_person_gets_one_48_hours_before()
    {
        var e = await app.EventAsync(capacity: 5, startsIn: TimeSpan.FromDays(4));
        var r = await Desk(d => d.RegisterAsync(e.Id, Person()));
        await app.UseAsync((Reminders d) => d.SendAsync(48));
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == "agenda.reminder" && m.Subject == $"registration:{r.Registration.Id}")));
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await app.UseAsync((Reminders d) => d.SendAsync(48));
        await app.UseAsync((Reminders d) => d.SendAsync(48));
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == "agenda.reminder" && m.Subject == $"registration:{r.Registration.Id}")));
    }

    [Fact]
    public void Given_a_monthly_series_on_the_second_Tuesday_Then_dates_follow_the_weekday_rank()
    {
        var dates = EventSeries.Dates(new DateTime(2026, 12, 8, 14, 0, 0), Recurrence.MonthlyByWeekday, 1, 4);
        Assert.Equal([new(2026, 12, 8, 14, 0, 0), new(2027, 1, 12, 14, 0, 0), new(2027, 2, 9, 14, 0, 0), new(2027, 3, 9, 14, 0, 0)], dates);
        Assert.Throws<Maillage.Platform.Errors.RuleViolation>(() => EventSeries.Dates(DateTime.Today, Recurrence.Weekly, 1, 0));
    }
}
