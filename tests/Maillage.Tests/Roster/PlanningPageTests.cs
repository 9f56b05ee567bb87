using System.Net;
using Maillage.Platform.Identity;
using Maillage.Roster;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Roster;

/// <summary>Issue 20 items 2 and 5: the planning page's grid and forms, without script, and who may use them.</summary>
public sealed class PlanningPageTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Week = "2026-12-07";

    private static string Url(PlanningPlaceData place, string extra = "") => $"/gestion/planning?structure={place.Structure.Id}&week={Week}{extra}";

    /// <summary>Refused: 403, or the cookie's redirect to the access-refused page.</summary>
    private static void Refused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true,
            $"{(int)response.StatusCode} {response.Headers.Location}");

    [Fact]
    public async Task The_week_grid_shows_gaps_as_Personne_and_adding_a_slot_in_a_cell_fills_it()
    {
        var place = await app.NewPlanningPlaceAsync();
        var client = await app.SignedInAsync(place.Coordinator);
        var before = await client.PageTextAsync(Url(place));
        // 2 poles × (5 days × 2 half-days + Saturday morning) = 22 open half-days, all empty; Saturday afternoon closed.
        Assert.Contains("22 demi-journées ouvertes sans personne", before);
        Assert.Contains("Personne", before);
        Assert.Contains("Fermé", before);

        // The cell's link fills the form with the pole, the date and the half-day's hours.
        var form = await client.PageTextAsync(Url(place, $"&pole={place.PoleA}&date=2026-12-08&half=afternoon"));
        Assert.Contains("value=\"13:30\"", form);
        Assert.Contains("value=\"17:30\"", form);

        var post = await client.PostFormAsync(Url(place, "&handler=Add"), new()
        {
            ["Input.PoleId"] = place.PoleA.ToString(), ["Input.Date"] = "2026-12-08", ["Input.Starts"] = "13:30", ["Input.Ends"] = "17:30",
            ["Input.PartnerId"] = place.Partner.Id.ToString(), ["Input.CounsellorId"] = "",
        }, Url(place));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var after = await client.PageTextAsync(Url(place));
        Assert.Contains("21 demi-journées ouvertes sans personne", after);
        Assert.Contains($"{place.Partner.Name}, 13:30–17:30", after);
    }

    [Fact]
    public async Task A_slot_refused_shows_the_reason_beside_the_form_and_saves_nothing()
    {
        var place = await app.NewPlanningPlaceAsync();
        var client = await app.SignedInAsync(place.Coordinator);
        var post = await client.PostFormAsync(Url(place, "&handler=Add"), new()
        {
            ["Input.PoleId"] = place.PoleA.ToString(), ["Input.Date"] = "2026-12-25", ["Input.Starts"] = "14:00", ["Input.Ends"] = "16:00",
            ["Input.PartnerId"] = place.Partner.Id.ToString(),
        }, Url(place));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var text = await post.TextAsync();
        Assert.Contains("Le 25 décembre est un jour férié (Noël)", text);
        Assert.Contains("href=\"#Input_Date\"", text);
        Assert.Empty(await app.SlotsAsync(place.Structure.Id));
    }

    [Fact]
    public async Task Absence_replacement_and_removal_work_from_the_slots_panel()
    {
        var place = await app.NewPlanningPlaceAsync();
        var other = await app.NewPartnerAsync2();
        var slot = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 9)), default));
        var client = await app.SignedInAsync(place.Coordinator);
        var panel = Url(place, $"&slot={slot.Id}");
        Assert.Contains("Marquer absent·e", await client.PageTextAsync(panel));
        var noReason = await client.PostFormAsync(Url(place, $"&slot={slot.Id}&handler=Absent"), new() { ["slotId"] = slot.Id.ToString(), ["reason"] = "" }, panel);
        Assert.Contains("Indiquez le motif de l'absence", await noReason.TextAsync());
        var replace = await client.PostFormAsync(Url(place, $"&slot={slot.Id}&handler=Replace"),
            new() { ["slotId"] = slot.Id.ToString(), ["partnerId"] = other.ToString(), ["counsellorId"] = "", ["reason"] = "Congé" }, panel);
        Assert.Equal(HttpStatusCode.Redirect, replace.StatusCode);
        var slots = await app.SlotsAsync(place.Structure.Id);
        Assert.Equal(DutyStatus.Absent, slots.Single(s => s.Id == slot.Id).Status);
        var replacement = slots.Single(s => s.ReplacesSlotId == slot.Id);
        var remove = await client.PostFormAsync(Url(place, "&handler=Remove"), new() { ["slotId"] = replacement.Id.ToString() }, Url(place, $"&slot={replacement.Id}"));
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.DoesNotContain(await app.SlotsAsync(place.Structure.Id), s => s.Id == replacement.Id);
    }

    [Fact]
    public async Task Copying_a_week_over_a_holiday_asks_to_confirm_then_copies_the_valid_ones()
    {
        var place = await app.NewPlanningPlaceAsync();
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 18)), default));
        var client = await app.SignedInAsync(place.Coordinator);
        var url = $"/gestion/planning?structure={place.Structure.Id}&week=2026-12-14";
        var ask = await client.PostFormAsync(url + "&handler=Copy", new() { ["weeks"] = "3" }, url);
        var text = await ask.TextAsync();
        Assert.Contains("Rien n'est encore enregistré", text);
        Assert.Contains("jour férié (Noël)", text);
        Assert.Single(await app.SlotsAsync(place.Structure.Id));
        var confirm = await client.PostFormAsync(url + "&handler=Copy", new() { ["weeks"] = "3", ["confirmed"] = "true" }, url);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        // 18 December copied to 8 January only: 25 December and 1 January are holidays.
        Assert.Equal(2, (await app.SlotsAsync(place.Structure.Id)).Count);
    }

    [Fact]
    public async Task Filling_from_a_pattern_creates_its_slots_and_a_bad_rule_names_the_field()
    {
        var place = await app.NewPlanningPlaceAsync();
        var client = await app.SignedInAsync(place.Coordinator);
        Dictionary<string, string> Fields(string rule, string repeat = "rule", string until = "", string first = "2026-12-01", int? pole = null) => new()
        {
            ["Pattern.PoleId"] = (pole ?? place.PoleB).ToString(), ["Pattern.PartnerId"] = place.Partner.Id.ToString(), ["Pattern.CounsellorId"] = "",
            ["Pattern.FirstDate"] = first, ["Pattern.Starts"] = "09:00", ["Pattern.Ends"] = "12:00", ["Pattern.RecurrenceRule"] = rule,
            ["Pattern.Repeat"] = repeat, ["Pattern.Until"] = until,
        };
        var never = await client.PostFormAsync(Url(place, "&handler=Pattern"), Fields("FREQ=WEEKLY;BYDAY=TU"), Url(place));
        var text = await never.TextAsync();
        Assert.Contains("La récurrence doit finir", text);
        Assert.Contains("href=\"#Pattern_RecurrenceRule\"", text);
        var ok = await client.PostFormAsync(Url(place, "&handler=Pattern"), Fields("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3"), Url(place));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var slots = await app.SlotsAsync(place.Structure.Id);
        Assert.Equal([1, 15, 29], slots.Select(s => s.StartsAt.ToOffset(TimeSpan.FromHours(1)).Day).ToArray());

        // In words, as a coordinator chooses it: the weekday and its rank come from the first date.
        var noEnd = await client.PostFormAsync(Url(place, "&handler=Pattern"), Fields("", "weekly", pole: place.PoleA), Url(place));
        Assert.Contains("Donnez la dernière date", await noEnd.TextAsync());
        var monthly = await client.PostFormAsync(Url(place, "&handler=Pattern"), Fields("", "monthly", until: "2027-03-31", first: "2027-01-05", pole: place.PoleA), Url(place));
        Assert.Equal(HttpStatusCode.Redirect, monthly.StatusCode);
        var firstTuesdays = (await app.SlotsAsync(place.Structure.Id)).Where(s => s.PoleId == place.PoleA).Select(s => DateOnly.FromDateTime(s.StartsAt.ToOffset(TimeSpan.FromHours(1)).DateTime)).Order().ToArray();
        Assert.Equal([new DateOnly(2027, 1, 5), new DateOnly(2027, 2, 2), new DateOnly(2027, 3, 2)], firstTuesdays);
    }

    [Fact]
    public async Task A_coordinator_of_another_structure_is_refused_and_does_not_see_it_in_the_list()
    {
        var place = await app.NewPlanningPlaceAsync();
        var stranger = await app.SignedInAsync((await app.NewPlanningPlaceAsync()).Coordinator);
        Refused(await stranger.GetAsync(Url(place)));
        Assert.DoesNotContain(place.Structure.Name, await stranger.PageTextAsync("/gestion/planning"));
        var marseille = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Refused(await marseille.GetAsync(Url(place)));
        var receptionist = await app.SignedInAsAsync(StaffRole.ReceptionAgent, "cite:grand-geneve");
        Refused(await receptionist.GetAsync(Url(place)));
    }

    [Fact]
    public async Task A_partners_counsellor_sees_their_duties_proposes_a_swap_and_the_coordinator_approves_it_on_the_planning()
    {
        var place = await app.NewPlanningPlaceAsync();
        var counsellor = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{place.Partner.Id}");
        var other = await app.NewPartnerAsync2();
        var slot = await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 9)), default));
        var client = await app.SignedInAsync(counsellor);
        var mine = await client.PageTextAsync("/gestion/planning/mes-permanences");
        Assert.Contains("mercredi 9 décembre 2026, 14:00–17:00", mine, StringComparison.OrdinalIgnoreCase);
        Refused(await client.GetAsync(Url(place)));
        var propose = await client.PostFormAsync("/gestion/planning/mes-permanences?handler=Swap",
            new() { ["slotId"] = slot.Id.ToString(), ["toPartnerId"] = other.ToString(), ["withSlotId"] = "", ["message"] = "Formation" }, "/gestion/planning/mes-permanences");
        Assert.Equal(HttpStatusCode.Redirect, propose.StatusCode);
        Assert.Contains("en attente de la coordination", await client.PageTextAsync("/gestion/planning/mes-permanences"));

        var coordinator = await app.SignedInAsync(place.Coordinator);
        Assert.Contains("Échanges proposés", await coordinator.PageTextAsync(Url(place)));
        var swapId = await app.WithDbAsync(db => db.DutySwaps.Where(s => s.SlotId == slot.Id).Select(s => s.Id).SingleAsync());
        var approve = await coordinator.PostFormAsync(Url(place, "&handler=Swap"), new() { ["swapId"] = swapId.ToString(), ["approve"] = "true" }, Url(place));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(other, (await app.SlotsAsync(place.Structure.Id)).Single().PartnerId);
    }

    [Fact]
    public async Task The_month_and_partner_views_list_the_same_duties()
    {
        var place = await app.NewPlanningPlaceAsync();
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 9)), default));
        var client = await app.SignedInAsync(place.Coordinator);
        var month = await client.PageTextAsync(Url(place, "&view=month"));
        Assert.Contains("décembre 2026", month);
        Assert.Contains(place.Partner.Name, month);
        var partner = await client.PageTextAsync(Url(place, $"&view=partner&partner={place.Partner.Id}"));
        Assert.Contains("mercredi 9 décembre 2026", partner);
    }

    /// <summary>Issue 20: the address speaks English throughout (structure, week, view, partner, half); older French links still work.</summary>
    [Fact]
    public async Task The_planning_addresses_use_English_query_words_and_the_older_French_ones_still_work()
    {
        var place = await app.NewPlanningPlaceAsync();
        await app.PlanAsAsync(place.Coordinator, p => p.AddSlotAsync(place.Duty(new(2026, 12, 9)), default));
        var client = await app.SignedInAsync(place.Coordinator);
        var month = await client.PageTextAsync(Url(place, "&view=month"));
        Assert.Contains("<option value=\"month\" selected", month);
        Assert.Matches("href=\"[^\"]*view=month\"", month); // previous / next month keep the view
        Assert.DoesNotContain("view=mois", month);
        var week = await client.PageTextAsync(Url(place));
        Assert.Contains("half=afternoon#ajouter", week);
        Assert.Contains("half=morning#ajouter", week);
        Assert.DoesNotContain("apres-midi", week);
        Assert.DoesNotContain("half=matin", week);

        // The French words of links made before.
        var old = await client.PageTextAsync(Url(place, "&view=mois"));
        Assert.Contains("<option value=\"month\" selected", old);
        Assert.Matches("href=\"[^\"]*view=month\"", old);
        var partner = await client.PageTextAsync(Url(place, $"&view=partenaire&partner={place.Partner.Id}"));
        Assert.Contains("<option value=\"partner\" selected", partner);
        Assert.Contains("mercredi 9 décembre 2026", partner);
        var oldForm = await client.PageTextAsync(Url(place, $"&pole={place.PoleA}&date=2026-12-08&half=apres-midi"));
        Assert.Contains("value=\"13:30\"", oldForm);
        var form = await client.PageTextAsync(Url(place, $"&pole={place.PoleA}&date=2026-12-08&half=afternoon"));
        Assert.Contains("value=\"13:30\"", form);
        Assert.Contains("value=\"17:30\"", form);
    }
}
