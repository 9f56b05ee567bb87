using System.Net;
using System.Text;
using System.Text.Json;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Roster;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Roster;

/// <summary>
/// The valuation of contributions (issue 20, item 4): hours held — planned duties minus absences, replacements counted to
/// the replacing partner — in half-days, days, FTE and euros, against the commitment (the Grand Genève convention's 26.5
/// days), with exact figures; the page, its exports and the API, scope-checked.
/// </summary>
public sealed class ContributionTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private sealed record Year2026(Structure Place, Partner Med, Partner Other, Pole Pole);

    /// <summary>
    /// 2026 at a new structure: the partner holds 50 half-days of 3.5 h (Mondays from 5 January) and one 09:00–10:20
    /// morning; it is absent on two of them, one replaced by the other partner. It committed 26.5 days at 40.00 € an hour.
    /// </summary>
    private async Task<Year2026> YearAsync()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var place = await app.RosterStructureAsync(poles: 2);
        var poles = await app.WithDbAsync(db => db.Poles.Where(p => p.StructureId == place.Id).OrderBy(p => p.Order).ToListAsync());
        var tag = Guid.NewGuid().ToString("N")[..6];
        var med = await app.NewPartnerAsync("grand-geneve", $"Maison de l'Economie {tag}");
        var other = await app.NewPartnerAsync("grand-geneve", $"Autre partenaire {tag}");
        await app.WithDbAsync(async db =>
        {
            var monday = new DateOnly(2026, 1, 5);
            var slots = new List<DutySlot>();
            for (var i = 0; i < 50; i++)
            {
                var day = monday.AddDays(7 * i);
                slots.Add(Slot(place, i % 2 == 0 ? poles[0] : poles[1], med, day, 13, 30, 17, 0, i is 3 or 20 ? DutyStatus.Absent : DutyStatus.Planned));
            }
            slots.Add(Slot(place, poles[0], med, new DateOnly(2026, 3, 4), 9, 0, 10, 20));
            slots.Add(Slot(place, poles[0], med, new DateOnly(2026, 3, 5), 9, 0, 12, 30, DutyStatus.Cancelled));
            slots.Add(Slot(place, poles[0], med, new DateOnly(2025, 12, 29), 9, 0, 12, 30)); // another year
            db.Set<DutySlot>().AddRange(slots);
            await db.SaveChangesAsync();
            var replacement = Slot(place, poles[1], other, monday.AddDays(7 * 3), 13, 30, 17, 0);
            replacement.ReplacesSlotId = slots[3].Id;
            db.Set<DutySlot>().Add(replacement);
            db.Set<PartnerCommitment>().Add(new PartnerCommitment { CiteId = place.CiteId, PartnerId = med.Id, StructureId = place.Id, Year = 2026, Days = 26.5m, HourlyRate = 40m, Source = "Convention Grand Genève" });
            return await db.SaveChangesAsync();
        });
        return new Year2026(place, med, other, poles[0]);
    }

    private static DutySlot Slot(Structure place, Pole pole, Partner partner, DateOnly day, int h1, int m1, int h2, int m2, DutyStatus status = DutyStatus.Planned) => new()
    {
        CiteId = place.CiteId, StructureId = place.Id, PoleId = pole.Id, PartnerId = partner.Id, Status = status, CreatedAt = MaillageApp.DefaultNow,
        StartsAt = PresenceTestData.Local(day, h1, m1).ToUniversalTime(), EndsAt = PresenceTestData.Local(day, h2, m2).ToUniversalTime(),
    };

    private static JsonElement Line(JsonElement report, string partner) =>
        report.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("partner").GetString() == partner);

    [Fact]
    public async Task Given_a_year_with_absences_and_a_replacement_Then_the_hours_held_convert_to_days_FTE_and_euros_against_the_commitment()
    {
        var y = await YearAsync();
        var admin = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        using var json = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/roster/contributions?structure={y.Place.Id}&from=2026-01-01&to=2026-12-31"));
        var report = json.RootElement;
        Assert.Equal("partner", report.GetProperty("groupBy").GetString());

        // 48 half-days held (50 planned, 2 absent) × 3.5 h = 168 h, plus 1 h 20 = 169.333… h.
        var med = Line(report, y.Med.Name);
        Assert.Equal(49, med.GetProperty("slots").GetInt32());
        Assert.Equal(169.33m, med.GetProperty("hours").GetDecimal());
        Assert.Equal(48.38m, med.GetProperty("halfDays").GetDecimal());   // 169.333 / 3.5
        Assert.Equal(24.19m, med.GetProperty("days").GetDecimal());       // 169.333 / 7
        Assert.Equal(0.105m, med.GetProperty("fullTimeEquivalents").GetDecimal()); // 169.333 / 1607
        Assert.Equal(6773.33m, med.GetProperty("euros").GetDecimal());    // 169.333… × 40.00 = 6 773.333… → to the cent
        Assert.Equal(185.5m, med.GetProperty("committedHours").GetDecimal()); // 26.5 days × 7 h
        Assert.Equal(26.5m, med.GetProperty("committedDays").GetDecimal());
        Assert.Equal(-16.17m, med.GetProperty("differenceHours").GetDecimal());
        Assert.Equal(91.3m, med.GetProperty("percentHeld").GetDecimal());

        // The replacing partner: one half-day, no commitment, no rate of its own (default rate 0: no value).
        var other = Line(report, y.Other.Name);
        Assert.Equal(3.5m, other.GetProperty("hours").GetDecimal());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("euros").ValueKind);
        Assert.Equal(JsonValueKind.Null, other.GetProperty("committedHours").ValueKind);
        Assert.Equal(172.83m, report.GetProperty("total").GetProperty("hours").GetDecimal());

        // By pole and month: no commitment column; March holds the 1 h 20 morning.
        using var byMonth = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/roster/contributions?structure={y.Place.Id}&from=2026-01-01&to=2026-12-31&groupBy=partner,month"));
        var march = byMonth.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("partner").GetString() == y.Med.Name && l.GetProperty("month").GetString() == "2026-03");
        Assert.Equal(6, march.GetProperty("slots").GetInt32()); // Mondays 2, 9, 16, 23 and 30 March, and the morning of 4 March
        Assert.Equal(JsonValueKind.Null, march.GetProperty("committedHours").ValueKind);
    }

    [Fact]
    public async Task Given_half_a_year_Then_the_commitment_is_taken_pro_rata_and_the_FTE_over_half_the_full_time_hours()
    {
        var y = await YearAsync();
        var admin = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        using var json = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/roster/contributions?structure={y.Place.Id}&from=2026-01-01&to=2026-06-30"));
        var med = Line(json.RootElement, y.Med.Name);
        // 26 Mondays from 5 January to 29 June, two absent = 24 × 3.5 = 84 h, plus 1 h 20 = 85.33 h.
        Assert.Equal(85.33m, med.GetProperty("hours").GetDecimal());
        Assert.Equal(91.99m, med.GetProperty("committedHours").GetDecimal()); // 185.5 × 181 / 365
        Assert.Equal(0.107m, med.GetProperty("fullTimeEquivalents").GetDecimal()); // 85.333 / (1607 × 181 / 365)
    }

    [Fact]
    public async Task Given_the_API_Then_it_is_for_coordinators_and_administrators_of_the_scope_and_bad_parameters_get_problem_details()
    {
        var y = await YearAsync();
        var coordinator = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, $"structure:{y.Place.Id}"));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/roster/contributions?from=2026-01-01&to=2026-12-31")).StatusCode);
        // Another Cité, another structure: 403 naming the field.
        var marseille = await coordinator.GetAsync("/api/v1/roster/contributions?cite=marseille-paca");
        Assert.Equal(HttpStatusCode.Forbidden, marseille.StatusCode);
        Assert.Contains("\"cite\"", await marseille.Content.ReadAsStringAsync());
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/api/v1/roster/contributions?structure={annemasse.Id}")).StatusCode);
        // Funders and reception agents: 403; anonymous: 401.
        var funder = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.GetAsync("/api/v1/roster/contributions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/roster/contributions")).StatusCode);

        foreach (var (query, field) in new[] { ("groupBy=partner,colour", "groupBy"), ("from=2026-02-30", "from"), ("from=2026-12-01&to=2026-01-01", "to"), ("format=pdf", "format") })
        {
            var response = await coordinator.GetAsync($"/api/v1/roster/contributions?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"\"errors\":{{\"{field}\":", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Given_the_page_Then_the_coordinator_reads_the_valuation_enters_a_commitment_and_exports_it_in_three_formats()
    {
        var y = await YearAsync();
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, $"structure:{y.Place.Id}");
        var path = $"/gestion/planning/valorisation?structure={y.Place.Id}&from=2026-01-01&to=2026-12-31&groupBy=partner";
        var html = WebUtility.HtmlDecode(await coordinator.GetStringAsync(path));
        Assert.Contains(y.Med.Name, html);
        Assert.Contains("169,33", html);
        Assert.Contains("6 773,33", html.Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Contains("91,3 %", html.Replace('\u202f', ' ').Replace('\u00a0', ' '));

        // The other partner commits 10 days at 35.50 € an hour: its line now compares and values.
        var response = await coordinator.PostFormAsync(path.Replace("?", "?handler=Commitment&"), new()
        {
            ["Input.PartnerId"] = y.Other.Id.ToString(), ["Input.StructureId"] = y.Place.Id.ToString(), ["Input.Year"] = "2026",
            ["Input.Days"] = "10", ["Input.Hours"] = "", ["Input.HourlyRate"] = "35,50", ["Input.Source"] = "Courrier du 3 mars",
        }, path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var commitment = await app.WithDbAsync(db => db.Set<PartnerCommitment>().SingleAsync(c => c.PartnerId == y.Other.Id));
        Assert.Equal(10m, commitment.Days);
        Assert.Equal(35.5m, commitment.HourlyRate);
        var after = WebUtility.HtmlDecode(await coordinator.GetStringAsync(path)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains("124,25 €", after); // 3.5 h × 35.50
        Assert.Contains("Courrier du 3 mars", after);

        // Bad input: days and hours together, a partner of another Cité → field messages, nothing saved.
        var marseillePartner = await app.NewPartnerAsync("marseille-paca", $"Partenaire marseillais {Guid.NewGuid():N}"[..40]);
        var refused = await coordinator.PostFormAsync(path.Replace("?", "?handler=Commitment&"), new()
        {
            ["Input.PartnerId"] = marseillePartner.Id.ToString(), ["Input.StructureId"] = y.Place.Id.ToString(), ["Input.Year"] = "2026",
            ["Input.Days"] = "3", ["Input.Hours"] = "21", ["Input.HourlyRate"] = "-4", ["Input.Source"] = "",
        }, path);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Choisissez un partenaire de la Cité de cette structure.", form);
        Assert.Contains("Indiquez des jours ou des heures, pas les deux.", form);
        Assert.Contains("Indiquez un nombre positif", form);
        Assert.False(await app.WithDbAsync(db => db.Set<PartnerCommitment>().AnyAsync(c => c.PartnerId == marseillePartner.Id)));

        // Exports: French CSV (BOM, semicolons), XLSX and ODS with their title row.
        var csv = await coordinator.GetByteArrayAsync(path + "&format=csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.StartsWith("Partenaire;Permanences tenues;Heures;", text);
        Assert.Contains($"{y.Med.Name};49;169,33;48,38;24,19;0,105;6773,33;185,5;26,5;-16,17;91,3", text);
        foreach (var format in new[] { SpreadsheetFormat.Xlsx, SpreadsheetFormat.Ods })
        {
            var bytes = await coordinator.GetByteArrayAsync(path + "&format=" + SpreadsheetFile.Extension(format).TrimStart('.'));
            var rows = SpreadsheetFile.ReadRows(new MemoryStream(bytes), format);
            Assert.StartsWith("Valorisation des apports des partenaires — ", rows[0][0]);
            Assert.Contains(rows, r => r.Count > 0 && r[0] == y.Med.Name);
        }

        // A funder has no access to the page.
        var funder = await app.SignedInAsAsync(StaffRole.Funder, "cite:grand-geneve");
        var denied = await funder.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/gestion/acces-refuse", denied.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Given_a_rate_per_function_Then_an_hour_of_that_pole_is_worth_it_unless_the_partner_has_its_own_rate_and_only_administrators_set_it()
    {
        var y = await YearAsync();
        // The functions are the poles' names in the Cité: give this structure's poles names of their own.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (reception, creation) = ($"Accueil {tag}", $"Créer son activité {tag}");
        await app.WithDbAsync(async db =>
        {
            var poles = await db.Poles.Where(p => p.StructureId == y.Place.Id).OrderBy(p => p.Order).ToListAsync();
            poles[0].Name = reception;
            poles[1].Name = creation;
            return await db.SaveChangesAsync();
        });
        var path = $"/gestion/planning/valorisation?structure={y.Place.Id}&from=2026-01-01&to=2026-12-31&groupBy=partner";
        Dictionary<string, string> Form(string? cite, string function, string rate, string year = "2026") => new()
        {
            ["Rate.CiteId"] = cite ?? "", ["Rate.Function"] = function, ["Rate.Year"] = year, ["Rate.HourlyRate"] = rate, ["Rate.Source"] = "Barème 2026",
        };
        var citeId = y.Place.CiteId.ToString();

        // A coordinator reads the rates but may not set one: a rate holds for the whole Cité.
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, $"structure:{y.Place.Id}");
        var refused = WebUtility.HtmlDecode(await (await coordinator.PostFormAsync(path.Replace("?", "?handler=Rate&"), Form(citeId, creation, "30"), path)).Content.ReadAsStringAsync());
        Assert.Contains("Choisissez une Cité dont vous êtes administrateur", refused);
        Assert.False(await app.WithDbAsync(db => db.Set<FunctionRate>().AnyAsync(r => r.Function == creation)));

        // Bad input from an administrator: an unknown function, a bad year and a negative rate, each named; nothing saved.
        var admin = await app.SignedInAsAsync(StaffRole.Administrator, "cite:grand-geneve");
        var bad = WebUtility.HtmlDecode(await (await admin.PostFormAsync(path.Replace("?", "?handler=Rate&"), Form(citeId, "Astrologie", "-3", "1820"), path)).Content.ReadAsStringAsync());
        Assert.Contains("Choisissez une fonction, c'est-à-dire un pôle tenu dans les lieux de la Cité.", bad);
        Assert.Contains("Indiquez une année entre", bad);
        Assert.Contains("Indiquez un nombre positif", bad);
        Assert.False(await app.WithDbAsync(db => db.Set<FunctionRate>().AnyAsync(r => r.Function == "Astrologie")));

        // An hour of business creation is worth 30.00 €, an hour at reception 50.00 €.
        foreach (var (function, rate) in new[] { (creation, "30"), (reception, "50,00") })
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(path.Replace("?", "?handler=Rate&"), Form(citeId, function, rate), path)).StatusCode);

        var api = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        using (var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/roster/contributions?structure={y.Place.Id}&from=2026-01-01&to=2026-12-31")))
        {
            // The replacing partner has no rate of its own: its half-day in the creation pole is valued at the function's rate.
            Assert.Equal(105m, Line(json.RootElement, y.Other.Name).GetProperty("euros").GetDecimal()); // 3.5 h × 30.00
            // The partner with its own rate (40.00 €) keeps it, whatever the pole.
            Assert.Equal(6773.33m, Line(json.RootElement, y.Med.Name).GetProperty("euros").GetDecimal());
        }
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync(path)).Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains(creation, page);
        Assert.Contains("30,00 €", page);

        // An empty rate removes it: the half-day has no value again.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(path.Replace("?", "?handler=Rate&"), Form(citeId, creation, ""), path)).StatusCode);
        using (var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/roster/contributions?structure={y.Place.Id}&from=2026-01-01&to=2026-12-31")))
            Assert.Equal(JsonValueKind.Null, Line(json.RootElement, y.Other.Name).GetProperty("euros").ValueKind);
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(FunctionRate)));
        Assert.True(audited >= 3, $"each rate saved and removed is audited ({audited})");
    }
}
