using System.Net;
using System.Net.Http.Json;
using Maillage.Funding;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Funding;

/// <summary>The coordinator's forms on a convention, without JavaScript: French decimals, refusals naming the field with nothing saved, uploads checked by content.</summary>
public sealed class ConventionFormsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private Task<HttpClient> CoordinatorAsync() => app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");

    [Fact]
    public async Task Given_days_written_6_comma_5_Then_they_are_saved_and_the_year_is_recomputed_and_flagged_against_its_signed_figure()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = $"/gestion/conventions/{c.Id}/saisie";
        var actionId = c.Actions[0].Id;
        var saved = await coordinator.PostFormAsync($"{page}?handler=Days", new() { ["Days.ActionId"] = actionId.ToString(), ["Days.Year"] = "2023", ["Days.ForecastDays"] = "163", ["Days.FinancedDays"] = "6,5" }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var days = await app.WithDbAsync(db => db.Set<ActionDays>().SingleAsync(d => d.ActionId == actionId && d.Year == 2023));
        Assert.Equal(6.5m, days.FinancedDays);
        // 6.5 × 583 × 1.2 = 4 547.40 → 4 547 € against 18 539 € signed: flagged, the signed figure kept.
        var text = await coordinator.PageTextAsync($"/gestion/conventions/{c.Id}");
        Assert.Contains(FundingTestData.Euros("4 547"), text);
        Assert.Contains("écart signalé", text);
        Assert.Equal(18539m, await app.WithDbAsync(db => db.Set<ConventionYear>().Where(y => y.ConventionId == c.Id && y.Year == 2023).Select(y => y.SignedAmount!.Value).SingleAsync()));
    }

    [Fact]
    public async Task Given_negative_days_or_a_year_outside_the_convention_Then_each_field_says_why_and_nothing_is_saved()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = $"/gestion/conventions/{c.Id}/saisie";
        var refused = await coordinator.PostFormAsync($"{page}?handler=Days", new() { ["Days.ActionId"] = c.Actions[0].Id.ToString(), ["Days.Year"] = "2027", ["Days.FinancedDays"] = "-1" }, page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Days_Year-error", html);
        Assert.Contains("Days_FinancedDays-error", html);
        Assert.Contains("Choisissez une année de la convention (2022–2024)", WebUtility.HtmlDecode(html));
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<ActionDays>().CountAsync(d => d.ActionId == c.Actions[0].Id)));
    }

    [Fact]
    public async Task Given_an_amendment_outside_the_period_or_overlapping_another_on_the_same_term_Then_it_is_refused()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = $"/gestion/conventions/{c.Id}/saisie";
        Dictionary<string, string> Amendment(string from, string value) => new() { ["Amend.Term"] = "DayRate", ["Amend.Value"] = value, ["Amend.EffectiveFrom"] = from };
        var outside = await coordinator.PostFormAsync($"{page}?handler=Amendment", Amendment("2025-06-01", "600"), page);
        Assert.Contains("sort de la période de la convention", WebUtility.HtmlDecode(await outside.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Amendment", Amendment("2024-01-01", "600,00"), page)).StatusCode);
        var overlap = await coordinator.PostFormAsync($"{page}?handler=Amendment", Amendment("2024-06-01", "610"), page);
        Assert.Contains("Un autre avenant change déjà ce terme", WebUtility.HtmlDecode(await overlap.Content.ReadAsStringAsync()));
        var amendments = await app.WithDbAsync(db => db.Set<Amendment>().Where(a => a.ConventionId == c.Id).ToListAsync());
        Assert.Equal("600.00", Assert.Single(amendments).Value);
        // 2024 is now computed at 600 € a day: 26.5 × 600 × 1.2 = 19 080 €.
        Assert.Contains(FundingTestData.Euros("19 080"), await coordinator.PageTextAsync($"/gestion/conventions/{c.Id}"));
    }

    [Fact]
    public async Task Given_a_payment_and_a_ceremony_cost_Then_the_schedule_shows_what_is_received_and_the_refund_is_capped()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = $"/gestion/conventions/{c.Id}/saisie";
        var cost = await coordinator.PostMultipartAsync($"{page}?handler=Cost", page,
            new() { ["Cost.RuleId"] = c.CostSharing[0].Id.ToString(), ["Cost.Year"] = "2022", ["Cost.Label"] = "Traiteur et trophées", ["Cost.Amount"] = "2 450,80" },
            "Cost.File", "facture.pdf", FundingTestData.MinimalPdf());
        Assert.Equal(HttpStatusCode.Redirect, cost.StatusCode);
        var paid = await coordinator.PostFormAsync($"{page}?handler=Payment", new() { ["Payment.Year"] = "2022", ["Payment.ReceivedOn"] = "2023-02-20", ["Payment.Amount"] = "18539" }, page);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var api = await coordinator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/conventions/{c.Id}");
        var line = api.GetProperty("schedule")[0];
        // 18 539 € + the refund capped at 1 000 € (50 % of 2 450.80 € is 1 225.40 €); 18 539 € received, 1 000 € outstanding, over 60 days late on 23 November 2026.
        Assert.Equal(19539m, line.GetProperty("amount").GetDecimal());
        Assert.Equal(18539m, line.GetProperty("received").GetDecimal());
        Assert.Equal(1000m, line.GetProperty("outstanding").GetDecimal());
        Assert.Equal("over-60", line.GetProperty("ageing").GetString());
        Assert.Equal(1000m, api.GetProperty("costSharing")[0].GetProperty("years")[0].GetProperty("refund").GetDecimal());
        var doc = await app.WithDbAsync(db => db.Set<ActualCost>().Where(x => x.RuleId == c.CostSharing[0].Id).Select(x => x.Document).SingleAsync());
        Assert.Equal("facture.pdf", doc!.FileName);
    }

    [Fact]
    public async Task Given_a_text_file_named_pdf_Then_the_upload_is_refused_and_a_real_pdf_is_kept_and_downloaded()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = $"/gestion/conventions/{c.Id}/saisie";
        var fake = await coordinator.PostMultipartAsync($"{page}?handler=Document", page, new() { ["Doc.Kind"] = "SignedConvention" }, "Doc.File", "convention.pdf", "pas un PDF"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, fake.StatusCode);
        Assert.Contains("ni un PDF, ni un ODT, ni un DOCX", WebUtility.HtmlDecode(await fake.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ConventionDocument>().CountAsync(d => d.ConventionId == c.Id)));
        var pdf = FundingTestData.MinimalPdf();
        var kept = await coordinator.PostMultipartAsync($"{page}?handler=Document", page, new() { ["Doc.Kind"] = "SignedConvention" }, "Doc.File", "convention signée.pdf", pdf);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var id = await app.WithDbAsync(db => db.Set<ConventionDocument>().Where(d => d.ConventionId == c.Id).Select(d => d.Id).SingleAsync());
        var download = await coordinator.GetAsync($"{page}?handler=Document&documentId={id}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        // The audit trail has the document's metadata, never its bytes.
        var audit = await app.WithDbAsync(db => db.Set<Maillage.Platform.Audit.AuditEntry>().Where(a => a.EntityType.Contains("ConventionDocument")).Select(a => a.After).ToListAsync());
        Assert.Contains(audit, a => a!.Contains("convention signée.pdf"));
        Assert.DoesNotContain(audit, a => a!.Contains(Convert.ToBase64String(pdf)));
    }

    [Fact]
    public async Task Given_the_terms_form_with_an_end_before_the_start_or_a_notice_longer_than_the_term_Then_the_fields_say_why()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = $"/gestion/conventions/fiche/{c.Id}";
        var refused = await coordinator.PostFormAsync(page, new()
        {
            ["Input.Title"] = c.Title, ["Input.Status"] = "InForce", ["Input.EffectiveFrom"] = "2022-01-01", ["Input.EffectiveTo"] = "2021-12-31",
            ["Input.ValidUntil"] = "2022-02-01", ["Input.NoticeMonths"] = "2", ["Input.Rounding"] = "Euro",
        });
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("La fin de la période est avant son début", html);
        Assert.Contains("Le préavis est plus long que la durée de la convention", html);
        var saved = await coordinator.PostFormAsync(page, new()
        {
            ["Input.Title"] = c.Title, ["Input.Status"] = "InForce", ["Input.EffectiveFrom"] = "01/01/2022", ["Input.EffectiveTo"] = "31/12/2024",
            ["Input.ValidUntil"] = "31/03/2025", ["Input.NoticeMonths"] = "3", ["Input.NoticeForm"] = "courrier recommandé", ["Input.Rounding"] = "Euro",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var api = await coordinator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/conventions/{c.Id}");
        var notice = api.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "last-day-to-give-notice");
        Assert.Equal("2024-12-31", notice.GetProperty("date").GetString()); // 31 March 2025 − 3 months
    }

    [Fact]
    public async Task Given_a_counsellor_or_a_coordinator_of_another_Cite_Then_the_forms_are_refused()
    {
        var c = await app.ConventionAsync();
        var marseille = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/gestion/conventions/{c.Id}/saisie")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/gestion/conventions/{c.Id}")).StatusCode);
        var counsellor = await app.SignedInAsAsync(StaffRole.Counsellor, "cite:grand-geneve");
        var refused = await counsellor.GetAsync($"/gestion/conventions/{c.Id}");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{refused.StatusCode}");
    }
}
