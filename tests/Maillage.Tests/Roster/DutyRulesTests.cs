using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Roster;
using Maillage.Roster.Planning;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Roster;

/// <summary>Issue 20 item 1: the rules of duty slots, patterns, exceptions, absences, replacements and swaps, on the database the suite runs on.</summary>
public sealed class DutyRulesTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    [Fact]
    public async Task A_slot_inside_the_hours_is_saved_in_the_structures_time_and_audited()
    {
        var place = await app.NewPlanningPlaceAsync();
        var slot = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday, "13:30", "17:30"), default));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 13, 30, 0, TimeSpan.FromHours(1)), slot.StartsAt);
        Assert.Equal(4, slot.Hours);
        Assert.True(slot.IsHeld);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(DutySlot) && a.EntityId == slot.Id.ToString() && a.UserId == place.Coordinator.Id));
        Assert.True(audited);
    }

    [Fact]
    public async Task A_public_holiday_a_closed_day_and_times_outside_the_hours_are_refused_with_the_reason()
    {
        var place = await app.NewPlanningPlaceAsync();
        var holiday = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 25)), default)));
        Assert.Equal("Date", holiday.Field);
        Assert.StartsWith("Le 25 décembre est un jour férié (Noël)", holiday.Fr);
        Assert.Contains("Christmas Day", holiday.En);

        var hours = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday, "12:30", "17:30"), default)));
        Assert.Equal("Starts", hours.Field);
        Assert.Contains($"{place.Structure.Name} ouvre de 09:00 à 12:00 et de 13:30 à 17:30 le lundi", hours.Fr);

        var sunday = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday.AddDays(6)), default)));
        Assert.Contains("n'ouvre pas le dimanche", sunday.Fr);

        var inverted = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday, "16:00", "14:00"), default)));
        Assert.Equal("Ends", inverted.Field);
        Assert.Empty(await app.SlotsAsync(place.Structure.Id));
    }

    [Fact]
    public async Task An_exceptional_closure_refuses_the_slot_and_names_it()
    {
        var place = await app.NewPlanningPlaceAsync();
        await app.WithDbAsync(async db =>
        {
            var s = await db.Structures.Include(x => x.Exceptions).SingleAsync(x => x.Id == place.Structure.Id);
            s.AddException(Monday.AddDays(1), closed: true, null, null, "Inventaire");
            return await db.SaveChangesAsync();
        });
        var refusal = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday.AddDays(1)), default)));
        Assert.Contains("Inventaire", refusal.Fr);
    }

    [Fact]
    public async Task A_time_the_spring_change_skips_or_the_autumn_change_repeats_is_refused_naming_the_field()
    {
        var place = await app.NewPlanningPlaceAsync(openAllSunday: true);
        var gap = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 3, 29), "02:30", "04:00"), default)));
        Assert.Equal("Starts", gap.Field);
        Assert.Contains("02:30 n'existe pas le 29 mars 2026", gap.Fr);
        var fold = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 10, 25), "01:00", "02:30"), default)));
        Assert.Equal("Ends", fold.Field);
        Assert.Contains("a lieu deux fois", fold.Fr);
        // Across the change the hours are real hours: 01:00–04:00 on the spring Sunday is two hours.
        var slot = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 3, 29), "01:00", "04:00"), default));
        Assert.Equal(2, slot.Hours);
    }

    [Fact]
    public async Task A_pole_of_another_structure_a_partner_of_another_Cite_and_an_unknown_counsellor_are_refused_together()
    {
        var place = await app.NewPlanningPlaceAsync();
        var other = await app.NewPlanningPlaceAsync();
        var marseille = await app.NewPlanningPlaceAsync(cite: "marseille-paca");
        var e = await Assert.ThrowsAsync<Maillage.Platform.Errors.RuleViolation>(() => app.PlanAsAsync(place.Coordinator,
            p => p.AddSlotAsync(place.Duty(Monday, pole: other.PoleA, partner: marseille.Partner.Id, counsellor: marseille.Coordinator.Id), default)));
        Assert.Equal(["PoleId", "PartnerId", "CounsellorId"], e.Problems.Select(x => x.Field).ToArray());
        Assert.Contains("n'a pas ce pôle", e.Problems[0].Text.Fr);
        Assert.Contains("n'est pas un partenaire de la Cité", e.Problems[1].Text.Fr);
    }

    [Fact]
    public async Task A_counsellor_cannot_hold_two_overlapping_duties()
    {
        var place = await app.NewPlanningPlaceAsync();
        var other = await app.NewPlanningPlaceAsync();
        var counsellor = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{place.Partner.Id}");
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday, "14:00", "16:00", counsellor: counsellor.Id), default));
        var admin = await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        var busy = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(admin, p => p.AddSlotAsync(other.Duty(Monday, "15:00", "17:00", counsellor: counsellor.Id, partner: place.Partner.Id), default)));
        Assert.Equal("CounsellorId", busy.Field);
        // Back to back is fine.
        await app.PlanAsAsync(admin, p => p.AddSlotAsync(other.Duty(Monday, "16:00", "17:00", counsellor: counsellor.Id, partner: place.Partner.Id), default));
    }

    [Fact]
    public void Weekly_every_other_week_and_nth_weekday_rules_give_their_dates()
    {
        Assert.Equal([new(2026, 12, 7), new(2026, 12, 14), new(2026, 12, 21)],
            DutyRules.Occurrences("FREQ=WEEKLY;BYDAY=MO;COUNT=3", new DateOnly(2026, 12, 7)));
        Assert.Equal([new(2026, 12, 8), new(2026, 12, 22), new(2027, 1, 5)],
            DutyRules.Occurrences("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270110", new DateOnly(2026, 12, 8)));
        Assert.Equal([new(2026, 12, 1), new(2027, 1, 5), new(2027, 2, 2)],
            DutyRules.Occurrences("FREQ=MONTHLY;BYDAY=1TU;COUNT=3", new DateOnly(2026, 12, 1)));
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=MO", "doit finir")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO;UNTIL=20300101", "dépasse deux ans")]
    [InlineData("FREQ=DAILY;COUNT=800", "dépasse deux ans")]
    [InlineData("FREQ=YEARLY;COUNT=2", "quotidienne, hebdomadaire ou mensuelle")]
    [InlineData("n'importe quoi", "n'est pas une règle")]
    public void A_rule_that_never_ends_runs_past_two_years_or_cannot_be_read_is_refused(string rule, string message)
    {
        var e = Assert.Throws<Maillage.Platform.Errors.RuleViolation>(() => DutyRules.Occurrences(rule, new DateOnly(2026, 12, 7)));
        Assert.Equal("RecurrenceRule", e.Field);
        Assert.Contains(message, e.Text.Fr);
    }

    [Fact]
    public async Task Filling_a_pattern_lists_the_refused_dates_saves_nothing_until_confirmed_and_is_idempotent()
    {
        var place = await app.NewPlanningPlaceAsync();
        // Fridays 14:00–17:00 from 4 December, five weeks: 25 December and 1 January are holidays.
        var pattern = await app.PlanAsAsync(place.Coordinator, p => p.CreatePatternAsync(
            new(place.Structure.Id, place.PoleA, place.Partner.Id, null, new(2026, 12, 4), new(14, 0), new(17, 0), "FREQ=WEEKLY;BYDAY=FR;COUNT=5"), default));
        Assert.Equal(new DateOnly(2027, 1, 1), pattern.LastDate);
        var preview = await app.PlanAsAsync(place.Coordinator, p => p.FillAsync(pattern.Id, confirmed: false, default));
        Assert.False(preview.Saved);
        Assert.Equal(3, preview.Created.Count);
        Assert.Equal([new(2026, 12, 25), new(2027, 1, 1)], preview.Refused.Select(r => r.Date).ToArray());
        Assert.Contains("Noël", preview.Refused[0].Reason.Fr);
        Assert.Empty(await app.SlotsAsync(place.Structure.Id));

        var filled = await app.PlanAsAsync(place.Coordinator, p => p.FillAsync(pattern.Id, confirmed: true, default));
        Assert.True(filled.Saved);
        Assert.Equal(3, (await app.SlotsAsync(place.Structure.Id)).Count);

        var again = await app.PlanAsAsync(place.Coordinator, p => p.FillAsync(pattern.Id, confirmed: true, default));
        Assert.Empty(again.Created);
        Assert.Equal(3, again.AlreadyThere);
        Assert.Equal(3, (await app.SlotsAsync(place.Structure.Id)).Count);
    }

    [Fact]
    public async Task An_exception_or_a_removed_occurrence_is_not_brought_back_by_filling_again()
    {
        var place = await app.NewPlanningPlaceAsync();
        var pattern = await app.PlanAsAsync(place.Coordinator, p => p.CreatePatternAsync(
            new(place.Structure.Id, place.PoleB, place.Partner.Id, null, Monday, new(9, 0), new(12, 0), "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"), default));
        await app.PlanAsAsync(place.Coordinator, p => p.ExceptAsync(pattern.Id, Monday.AddDays(2), default));
        var fill = await app.PlanAsAsync(place.Coordinator, p => p.FillAsync(pattern.Id, false, default));
        Assert.True(fill.Saved);
        Assert.Equal(3, fill.Created.Count);
        var first = (await app.SlotsAsync(place.Structure.Id))[0];
        await app.PlanAsAsync(place.Coordinator, p => p.RemoveAsync(first.Id, default));
        var again = await app.PlanAsAsync(place.Coordinator, p => p.FillAsync(pattern.Id, true, default));
        Assert.Empty(again.Created);
        var slots = await app.SlotsAsync(place.Structure.Id);
        Assert.Equal([DutyStatus.Cancelled, DutyStatus.Planned, DutyStatus.Planned], slots.Select(s => s.Status).ToArray());
    }

    [Fact]
    public async Task An_absence_needs_a_reason_and_a_replacement_records_whom_it_replaces()
    {
        var place = await app.NewPlanningPlaceAsync();
        var other = await app.NewPartnerAsync2();
        var slot = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday), default));
        var noReason = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.MarkAbsentAsync(slot.Id, " ", default)));
        Assert.Equal("AbsenceReason", noReason.Field);
        var replacement = await app.PlanAsAsync(place.Coordinator, p => p.ReplaceAsync(slot.Id, other, null, "Maladie", default));
        Assert.Equal(slot.Id, replacement.ReplacesSlotId);
        Assert.Equal(slot.StartsAt, replacement.StartsAt);
        var slots = await app.SlotsAsync(place.Structure.Id);
        Assert.Equal(DutyStatus.Absent, slots.Single(s => s.Id == slot.Id).Status);
        Assert.Equal("Maladie", slots.Single(s => s.Id == slot.Id).AbsenceReason);
        // Hours held: the absent slot counts nothing, the replacement its three hours.
        Assert.Equal(3, slots.Where(s => s.IsHeld).Sum(s => s.Hours));
        var twice = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.ReplaceAsync(slot.Id, other, null, null, default)));
        Assert.Contains("déjà remplacée", twice.Fr);
    }

    [Fact]
    public async Task A_named_counsellor_must_belong_to_the_chosen_partner()
    {
        var place = await app.NewPlanningPlaceAsync();
        var other = await app.NewPartnerAsync2();
        var ofOther = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{other}");
        var citeStaff = await app.CreateStaffAsync(StaffRole.Counsellor, "cite:grand-geneve");
        foreach (var stranger in new[] { ofOther, citeStaff })
        {
            var refused = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday, counsellor: stranger.Id), default)));
            Assert.Equal("CounsellorId", refused.Field);
            Assert.Contains("n'appartient pas au partenaire choisi", refused.Fr);
        }
        Assert.Empty(await app.SlotsAsync(place.Structure.Id));
        // The partner's own counsellor is accepted; so is the same person for the partner they belong to.
        var own = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{place.Partner.Id}");
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday, counsellor: own.Id), default));
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday.AddDays(1), counsellor: ofOther.Id, partner: other), default));
        Assert.Equal(2, (await app.SlotsAsync(place.Structure.Id)).Count);
    }

    [Fact]
    public async Task A_partners_counsellor_proposes_a_swap_another_partners_cannot_and_the_coordinators_approval_applies_it()
    {
        var place = await app.NewPlanningPlaceAsync();
        var counsellor = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{place.Partner.Id}");
        var other = await app.NewPartnerAsync2();
        var outsider = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{other}");
        var slot = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday, counsellor: counsellor.Id), default));

        var refused = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(outsider, p => p.ProposeSwapAsync(slot.Id, null, other, null, null, default)));
        Assert.Equal(403, refused.Status);

        var swap = await app.PlanAsAsync(counsellor, p => p.ProposeSwapAsync(slot.Id, null, other, null, "Formation ce jour-là", default));
        Assert.Equal(SwapStatus.Proposed, swap.Status);
        var notCoordinator = await RosterTestData.RefusalAsync(() => app.PlanAsAsync(counsellor, p => p.DecideSwapAsync(swap.Id, true, default)));
        Assert.Equal(403, notCoordinator.Status);

        await app.PlanAsAsync(place.Coordinator, p => p.DecideSwapAsync(swap.Id, true, default));
        var after = (await app.SlotsAsync(place.Structure.Id)).Single();
        Assert.Equal(other, after.PartnerId);
        Assert.Null(after.CounsellorId);
        var decided = await app.WithDbAsync(db => db.DutySwaps.SingleAsync(s => s.Id == swap.Id));
        Assert.Equal(SwapStatus.Approved, decided.Status);
        Assert.Equal(place.Coordinator.Id, decided.DecidedById);
    }

    [Fact]
    public async Task An_exchange_of_two_slots_swaps_who_holds_them()
    {
        var place = await app.NewPlanningPlaceAsync();
        var other = await app.NewPartnerAsync2();
        var a = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday), default));
        var b = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(Monday.AddDays(1), partner: other), default));
        var swap = await app.PlanAsAsync(place.Coordinator, p => p.ProposeSwapAsync(a.Id, b.Id, null, null, null, default));
        await app.PlanAsAsync(place.Coordinator, p => p.DecideSwapAsync(swap.Id, true, default));
        var slots = await app.SlotsAsync(place.Structure.Id);
        Assert.Equal([other, place.Partner.Id], slots.Select(s => s.PartnerId).ToArray());
    }

    [Fact]
    public async Task Copying_a_week_skips_what_is_there_lists_the_holidays_and_saves_only_once_confirmed()
    {
        var place = await app.NewPlanningPlaceAsync();
        // Week of 14 December: Monday and Friday afternoons. The next two Fridays are 25 December and 1 January.
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 14)), default));
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 18)), default));
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 21)), default));
        var preview = await app.PlanAsAsync(place.Coordinator, p => p.CopyWeekAsync(place.Structure.Id, new(2026, 12, 16), 2, false, default));
        Assert.False(preview.Saved);
        Assert.Equal(1, preview.AlreadyThere);
        Assert.Equal([new(2026, 12, 25), new(2027, 1, 1)], preview.Refused.Select(r => r.Date).ToArray());
        Assert.Equal(3, (await app.SlotsAsync(place.Structure.Id)).Count);
        var copy = await app.PlanAsAsync(place.Coordinator, p => p.CopyWeekAsync(place.Structure.Id, new(2026, 12, 14), 2, true, default));
        Assert.Equal([new DateTimeOffset(2026, 12, 28, 14, 0, 0, TimeSpan.FromHours(1))], copy.Created.Select(c => c.StartsAt).ToArray());
        Assert.Equal(4, (await app.SlotsAsync(place.Structure.Id)).Count);
    }

    [Fact]
    public async Task Only_the_coordinators_of_a_structure_or_of_its_parent_or_Cite_plan_it()
    {
        var place = await app.NewPlanningPlaceAsync();
        var stranger = (await app.NewPlanningPlaceAsync()).Coordinator;
        var marseille = await app.CreateStaffAsync(StaffRole.Administrator, "cite:marseille-paca");
        Assert.Equal(403, (await RosterTestData.RefusalAsync(() => app.PlanAsAsync(stranger, p => p.AddSlotAsync(place.Duty(Monday), default)))).Status);
        // Another Cité's administrator does not even see the structure (tenancy).
        await Assert.ThrowsAnyAsync<Exception>(() => app.PlanAsAsync(marseille, p => p.AddSlotAsync(place.Duty(Monday), default)));
        var citeCoordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await app.PlanAsAsync(citeCoordinator, p => p.AddSlotAsync(place.Duty(Monday), default));
        Assert.Single(await app.SlotsAsync(place.Structure.Id));
    }
}

internal static class MorePartners
{
    public static async Task<int> NewPartnerAsync2(this MaillageApp app) =>
        (await Maillage.Tests.Network.NetworkTestData.NewPartnerAsync(app, "grand-geneve", $"Autre partenaire {Guid.NewGuid():N}"[..28])).Id;
}
