using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Roster;

/// <summary>The staff planning API (GET/POST /api/v1/roster/slots) on the configured database: the planning page's rules, problem details naming the body's fields, who reads what.</summary>
public sealed class SlotApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Given_a_coordinator_When_planning_a_slot_through_the_API_Then_it_is_saved_and_read_back_with_pole_partner_and_counsellor()
    {
        var place = await app.NewPlanningPlaceAsync();
        var counsellor = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{place.Partner.Id}");
        var coordinator = await app.TokenClientAsync(place.Coordinator);
        var created = await coordinator.PostAsJsonAsync("/api/v1/roster/slots", new
        {
            structureId = place.Structure.Id, poleId = place.PoleA, partnerId = place.Partner.Id, counsellorId = counsellor.Id, date = "2026-12-08", starts = "13:30", ends = "17:30",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var slot = await JsonAsync(created);
        Assert.Equal(place.Partner.Name, slot.GetProperty("partner").GetProperty("name").GetString());
        Assert.Equal(counsellor.Id, slot.GetProperty("counsellor").GetProperty("id").GetString());
        Assert.Equal("planned", slot.GetProperty("status").GetString());
        var stored = Assert.Single(await app.SlotsAsync(place.Structure.Id));
        Assert.Equal(slot.GetProperty("id").GetInt32(), stored.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 13, 30, 0, TimeSpan.FromHours(1)), stored.StartsAt);

        var week = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/roster/slots?structure={place.Structure.Id}&from=2026-12-07&to=2026-12-13");
        var read = Assert.Single(week.EnumerateArray());
        Assert.Equal(stored.Id, read.GetProperty("id").GetInt32());
        Assert.Equal(counsellor.Id, read.GetProperty("counsellor").GetProperty("id").GetString());
        Assert.Empty((await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/roster/slots?structure={place.Structure.Id}&from=2026-12-14&to=2026-12-20")).EnumerateArray());

        // The partner's own counsellor reads it, named; a counsellor of another partner reads none of it.
        var own = await (await app.TokenClientAsync(counsellor)).GetFromJsonAsync<JsonElement>($"/api/v1/roster/slots?structure={place.Structure.Id}&from=2026-12-07&to=2026-12-13");
        Assert.Equal(counsellor.Id, Assert.Single(own.EnumerateArray()).GetProperty("counsellor").GetProperty("id").GetString());
        var stranger = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{(await app.NewPartnerAsync("grand-geneve", $"Autre partenaire {Guid.NewGuid():N}"[..26])).Id}");
        Assert.Empty((await (await app.TokenClientAsync(stranger)).GetFromJsonAsync<JsonElement>($"/api/v1/roster/slots?structure={place.Structure.Id}&from=2026-12-07&to=2026-12-13")).EnumerateArray());
    }

    [Fact]
    public async Task Given_a_slot_breaking_a_rule_or_missing_fields_Then_422_names_the_body_field_and_nothing_is_saved()
    {
        var place = await app.NewPlanningPlaceAsync();
        var coordinator = await app.TokenClientAsync(place.Coordinator);
        var holiday = await coordinator.PostAsJsonAsync("/api/v1/roster/slots", new
        {
            structureId = place.Structure.Id, poleId = place.PoleA, partnerId = place.Partner.Id, date = "2026-12-25", starts = "14:00", ends = "16:00",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, holiday.StatusCode);
        Assert.Equal("application/problem+json", holiday.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Noël", (await JsonAsync(holiday)).GetProperty("errors").GetProperty("date")[0].GetString());

        var missing = await coordinator.PostAsJsonAsync("/api/v1/roster/slots", new { structureId = place.Structure.Id, date = "2026-12-08" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var errors = (await JsonAsync(missing)).GetProperty("errors");
        foreach (var field in new[] { "poleId", "partnerId", "starts", "ends" }) Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.Empty(await app.SlotsAsync(place.Structure.Id));
    }

    [Fact]
    public async Task Given_another_structures_coordinator_or_another_Cite_Then_planning_is_refused_and_reading_is_not_found()
    {
        var place = await app.NewPlanningPlaceAsync();
        var other = await app.NewPlanningPlaceAsync();
        var otherCoordinator = await app.TokenClientAsync(other.Coordinator);
        var refused = await otherCoordinator.PostAsJsonAsync("/api/v1/roster/slots", new
        {
            structureId = place.Structure.Id, poleId = place.PoleA, partnerId = place.Partner.Id, date = "2026-12-08", starts = "14:00", ends = "16:00",
        });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(await app.SlotsAsync(place.Structure.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherCoordinator.GetAsync($"/api/v1/roster/slots?structure={place.Structure.Id}")).StatusCode);

        var marseille = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/api/v1/roster/slots?structure={place.Structure.Id}")).StatusCode);
    }

    [Fact]
    public async Task Given_a_weekly_pattern_through_the_API_Then_holidays_are_refused_by_date_nothing_is_saved_unless_skipped_and_a_date_can_be_left_out()
    {
        var place = await app.NewPlanningPlaceAsync();
        var coordinator = await app.TokenClientAsync(place.Coordinator);
        // Fridays from 4 December 2026 to 8 January 2027: six dates, two of them public holidays (Christmas, New Year's Day).
        object Body(bool skip) => new
        {
            structureId = place.Structure.Id, poleId = place.PoleA, partnerId = place.Partner.Id, firstDate = "2026-12-04", starts = "13:30", ends = "17:30",
            recurrence = "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270108", skipRefused = skip,
        };
        var refused = await coordinator.PostAsJsonAsync("/api/v1/roster/patterns", Body(false));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var reasons = (await JsonAsync(refused)).GetProperty("errors").GetProperty("recurrence").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.StartsWith("2026-12-25", reasons[0]);
        Assert.Contains("Noël", reasons[0]);
        Assert.StartsWith("2027-01-01", reasons[1]);
        Assert.Empty(await app.SlotsAsync(place.Structure.Id));
        Assert.False(await app.WithDbAsync(db => db.Set<Maillage.Roster.DutyPattern>().AnyAsync(p => p.StructureId == place.Structure.Id)));

        var created = await coordinator.PostAsJsonAsync("/api/v1/roster/patterns", Body(true));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pattern = await JsonAsync(created);
        Assert.Equal("2027-01-08", pattern.GetProperty("lastDate").GetString());
        Assert.Equal(4, pattern.GetProperty("slots").GetArrayLength());
        Assert.Equal(["2026-12-25", "2027-01-01"], pattern.GetProperty("refused").EnumerateArray().Select(r => r.GetProperty("date").GetString()!).ToArray());
        var slots = await app.SlotsAsync(place.Structure.Id);
        Assert.Equal([4, 11, 18, 8], slots.Select(s => s.StartsAt.ToOffset(TimeSpan.FromHours(1)).Day).ToArray());
        Assert.All(slots, s => Assert.Equal(pattern.GetProperty("id").GetInt32(), s.PatternId));

        // 11 December left out: its slot is cancelled, the others stay.
        var id = pattern.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/api/v1/roster/patterns/{id}/exceptions", new { date = "2026-12-11" })).StatusCode);
        Assert.Equal(Maillage.Roster.DutyStatus.Cancelled, (await app.SlotsAsync(place.Structure.Id)).Single(s => s.StartsAt.Day == 11).Status);
        Assert.Equal(3, (await app.SlotsAsync(place.Structure.Id)).Count(s => s.Status == Maillage.Roster.DutyStatus.Planned));

        // A rule that never ends, a missing first date: 422 naming the body's fields. Another structure's coordinator: 403.
        var endless = await coordinator.PostAsJsonAsync("/api/v1/roster/patterns", new
        {
            structureId = place.Structure.Id, poleId = place.PoleA, partnerId = place.Partner.Id, starts = "13:30", ends = "17:30", recurrence = "FREQ=WEEKLY;BYDAY=FR",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, endless.StatusCode);
        Assert.True((await JsonAsync(endless)).GetProperty("errors").TryGetProperty("firstDate", out _));
        var never = await coordinator.PostAsJsonAsync("/api/v1/roster/patterns", new
        {
            structureId = place.Structure.Id, poleId = place.PoleA, partnerId = place.Partner.Id, firstDate = "2027-02-05", starts = "13:30", ends = "17:30", recurrence = "FREQ=WEEKLY;BYDAY=FR",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, never.StatusCode);
        Assert.True((await JsonAsync(never)).GetProperty("errors").TryGetProperty("recurrence", out _));
        var other = await app.NewPlanningPlaceAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.TokenClientAsync(other.Coordinator)).PostAsJsonAsync("/api/v1/roster/patterns", Body(true))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.TokenClientAsync(other.Coordinator)).PostAsJsonAsync($"/api/v1/roster/patterns/{id}/exceptions", new { date = "2026-12-18" })).StatusCode);
        Assert.Equal(4, (await app.SlotsAsync(place.Structure.Id)).Count);
    }
}
