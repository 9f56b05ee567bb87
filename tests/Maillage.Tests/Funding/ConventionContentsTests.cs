using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Funding;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda.Operations;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Funding;

/// <summary>
/// The forms of a convention's contents (issue 21, items 1–5: parties, actions and their days, subsidy tables, shares of
/// costs, payment rules, targets), without JavaScript: French decimals, refusals naming the field with nothing saved,
/// removal refused while something refers to the item, audited, the convention's managers only.
/// </summary>
public sealed class ConventionContentsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private Task<HttpClient> CoordinatorAsync() => app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
    private static string Page(Convention c) => $"/gestion/conventions/{c.Id}/contenu";
    private static async Task<string> HtmlAsync(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    [Fact]
    public async Task Given_a_party_named_outside_the_network_Then_it_is_added_edited_and_removed_and_a_paying_party_cannot_be_removed()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = Page(c);
        var missing = await coordinator.PostFormAsync($"{page}?handler=Party", new() { ["Party.Role"] = "Provider" }, page);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var html = await HtmlAsync(missing);
        Assert.Contains("Party_Name-error", html);
        Assert.Contains("Choisissez un partenaire de la Cité ou nommez l'organisation.", html);
        var added = await coordinator.PostFormAsync($"{page}?handler=Party", new() { ["Party.Name"] = "Cabinet Conseil Léman", ["Party.Role"] = "Provider", ["Party.Representative"] = "sa gérante" }, page);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var party = await app.WithDbAsync(db => db.Set<ConventionParty>().SingleAsync(p => p.ConventionId == c.Id && p.Name == "Cabinet Conseil Léman"));
        Assert.Equal(PartyRole.Provider, party.Role);
        Assert.Null(party.PartnerId);
        // The CCG is already the funder: a second funder party for the same partner is refused on the role.
        var ccg = c.Parties[0];
        var twice = await coordinator.PostFormAsync($"{page}?handler=Party", new() { ["Party.PartnerId"] = ccg.PartnerId!.Value.ToString(), ["Party.Role"] = "Funder" }, page);
        Assert.Contains("Party_Role-error", await twice.Content.ReadAsStringAsync());
        var edited = await coordinator.PostFormAsync($"{page}?handler=Party", new() { ["Party.ItemId"] = party.Id.ToString(), ["Party.Name"] = "Cabinet Conseil Léman", ["Party.Role"] = "Host" }, $"{page}?partie={party.Id}");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(PartyRole.Host, await app.WithDbAsync(db => db.Set<ConventionParty>().Where(p => p.Id == party.Id).Select(p => p.Role).SingleAsync()));
        // The funder pays the years: it stays, and the page says why.
        var paying = await coordinator.PostFormAsync($"{page}?handler=Remove", new() { ["kind"] = "party", ["itemId"] = ccg.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.OK, paying.StatusCode);
        Assert.Contains("paie ou reçoit des montants de la convention", await HtmlAsync(paying));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Remove", new() { ["kind"] = "party", ["itemId"] = party.Id.ToString() }, page)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ConventionParty>().CountAsync(p => p.ConventionId == c.Id)));
        // Added, changed, removed: each in the audit trail.
        var audit = await app.WithDbAsync(db => db.Set<Maillage.Platform.Audit.AuditEntry>().Where(a => a.EntityType.Contains("ConventionParty") && a.EntityId == party.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Added", "Modified", "Deleted"], audit);
    }

    [Fact]
    public async Task Given_an_action_with_its_days_per_year_in_French_decimals_Then_it_is_saved_whole_or_refused_whole_naming_the_year()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = Page(c);
        // 2023: more days financed than forecast; 2024: a negative figure. Nothing is saved, each field says which year.
        var refused = await coordinator.PostFormAsync($"{page}?handler=Action", new()
        {
            ["Act.Code"] = "1.2", ["Act.Title"] = "Animer les ateliers",
            ["Act.Years[0].Year"] = "2022", ["Act.Years[0].ForecastDays"] = "66", ["Act.Years[0].FinancedDays"] = "5",
            ["Act.Years[1].Year"] = "2023", ["Act.Years[1].ForecastDays"] = "4", ["Act.Years[1].FinancedDays"] = "5",
            ["Act.Years[2].Year"] = "2024", ["Act.Years[2].FinancedDays"] = "-1",
        }, page);
        var html = await HtmlAsync(refused);
        Assert.Contains("Act_Years_1__FinancedDays-error", html);
        Assert.Contains("2023 : Les jours financés ne dépassent pas les jours prévus.", html);
        Assert.Contains("Act_Years_2__FinancedDays-error", html);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ConventionAction>().CountAsync(a => a.ConventionId == c.Id)));
        var duplicate = await coordinator.PostFormAsync($"{page}?handler=Action", new() { ["Act.Code"] = "1.1", ["Act.Title"] = "Encore" }, page);
        Assert.Contains("L'action 1.1 existe déjà.", await HtmlAsync(duplicate));
        var saved = await coordinator.PostFormAsync($"{page}?handler=Action", new()
        {
            ["Act.Code"] = "1.2", ["Act.Title"] = "Animer les ateliers",
            ["Act.Years[0].Year"] = "2022", ["Act.Years[0].ForecastDays"] = "66", ["Act.Years[0].FinancedDays"] = "6,5",
            ["Act.Years[1].Year"] = "2023", ["Act.Years[1].ForecastDays"] = "66", ["Act.Years[1].FinancedDays"] = "5",
            ["Act.Years[2].Year"] = "2024",
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var action = await app.WithDbAsync(db => db.Set<ConventionAction>().Include(a => a.Days).SingleAsync(a => a.ConventionId == c.Id && a.Code == "1.2"));
        Assert.Equal([(2022, 6.5m), (2023, 5m)], action.Days.OrderBy(d => d.Year).Select(d => (d.Year, d.FinancedDays)));
        // 2022: (26.5 + 6.5) × 583 × 1.2 = 23 086.80 → 23 087 € computed beside the 18 539 € signed.
        var api = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}");
        var y2022 = api.GetProperty("amounts").EnumerateArray().Single(a => a.GetProperty("year").GetInt32() == 2022);
        Assert.Equal(23087m, y2022.GetProperty("computed").GetDecimal());
        Assert.Equal(18539m, y2022.GetProperty("signed").GetDecimal());
        // The form shows the figures back as written in French, and emptying a year removes it.
        var edit = await coordinator.GetStringAsync($"{page}?action={action.Id}");
        Assert.Contains("value=\"6,5\"", edit);
        await coordinator.PostFormAsync($"{page}?handler=Action", new()
        {
            ["Act.ItemId"] = action.Id.ToString(), ["Act.Code"] = "1.2", ["Act.Title"] = "Animer les ateliers",
            ["Act.Years[0].Year"] = "2022", ["Act.Years[0].ForecastDays"] = "66", ["Act.Years[0].FinancedDays"] = "6,5", ["Act.Years[1].Year"] = "2023",
        }, page);
        Assert.Equal([2022], await app.WithDbAsync(db => db.Set<ActionDays>().Where(d => d.ActionId == action.Id).Select(d => d.Year).ToListAsync()));
    }

    [Fact]
    public async Task Given_a_subsidy_table_its_columns_and_a_line_Then_the_pro_rata_figures_are_computed_beside_the_signed_ones()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = Page(c);
        var backwards = await coordinator.PostFormAsync($"{page}?handler=Table", new() { ["Table.Title"] = "Plan", ["Table.DayCount"] = "Actual365", ["Table.PeriodStart"] = "2023-05-09", ["Table.PeriodEnd"] = "01/09/2021" }, page);
        Assert.Contains("Table_PeriodEnd-error", await backwards.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SubsidyTable>().CountAsync(t => t.ConventionId == c.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Table", new() { ["Table.Title"] = "Plan de financement", ["Table.DayCount"] = "Actual365", ["Table.PeriodStart"] = "01/09/2021", ["Table.PeriodEnd"] = "09/05/2023" }, page)).StatusCode);
        var table = await app.WithDbAsync(db => db.Set<SubsidyTable>().SingleAsync(t => t.ConventionId == c.Id));
        var column = await coordinator.PostFormAsync($"{page}?handler=Column", new() { ["Column.TableId"] = table.Id.ToString(), ["Column.Label"] = "Coût net CCG", ["Column.PartyId"] = c.Parties[0].Id.ToString(), ["Column.AnnualAmount"] = "11 380" }, page);
        Assert.Equal(HttpStatusCode.Redirect, column.StatusCode);
        var columnId = await app.WithDbAsync(db => db.Set<SubsidyColumn>().Where(x => x.TableId == table.Id).Select(x => x.Id).SingleAsync());
        var outside = await coordinator.PostFormAsync($"{page}?handler=Line", new() { ["Line.TableId"] = table.Id.ToString(), ["Line.Year"] = "2024", ["Line.Figures[0].ColumnId"] = columnId.ToString(), ["Line.Figures[0].Signed"] = "1" }, page);
        Assert.Contains("Choisissez une année de la période du tableau (2021–2023).", await HtmlAsync(outside));
        var bad = await coordinator.PostFormAsync($"{page}?handler=Line", new() { ["Line.TableId"] = table.Id.ToString(), ["Line.Year"] = "2021", ["Line.Figures[0].ColumnId"] = columnId.ToString(), ["Line.Figures[0].Signed"] = "trois mille" }, page);
        Assert.Contains("Coût net CCG : Indiquez un nombre positif", await HtmlAsync(bad));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Line", new() { ["Line.TableId"] = table.Id.ToString(), ["Line.Year"] = "2021", ["Line.YearLabel"] = "2021 (à compter du 01/09)", ["Line.Figures[0].ColumnId"] = columnId.ToString(), ["Line.Figures[0].Signed"] = "3 770,00" }, page)).StatusCode);
        // 2021: 122 days of 365 × 11 380 € = 3 803.73 → 3 804 € computed, 3 770 € signed (−0.9 %, within 1 %).
        var api = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}");
        var s2021 = api.GetProperty("subsidies").EnumerateArray().Single(s => s.GetProperty("year").GetInt32() == 2021);
        Assert.Equal(3804m, s2021.GetProperty("computed").GetDecimal());
        Assert.Equal(3770m, s2021.GetProperty("signed").GetDecimal());
        Assert.False(s2021.GetProperty("flagged").GetBoolean());
        // A table with columns, a column a payment rule calls: kept until what refers to them goes.
        var rule = await coordinator.PostFormAsync($"{page}?handler=Rule", new() { ["Rule.Kind"] = "CallAtYearStart", ["Rule.TermDays"] = "30", ["Rule.SubsidyColumnId"] = columnId.ToString(), ["Rule.PartialFirstYearWithNext"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        Assert.Contains("Retirez d'abord les colonnes du tableau.", await HtmlAsync(await coordinator.PostFormAsync($"{page}?handler=Remove", new() { ["kind"] = "table", ["itemId"] = table.Id.ToString() }, page)));
        Assert.Contains("Une règle de paiement appelle les montants", await HtmlAsync(await coordinator.PostFormAsync($"{page}?handler=Remove", new() { ["kind"] = "column", ["itemId"] = columnId.ToString() }, page)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SubsidyColumn>().CountAsync(x => x.TableId == table.Id)));
    }

    [Fact]
    public async Task Given_a_share_over_100_percent_or_a_negative_cap_or_a_rule_without_its_month_Then_the_fields_say_why_and_nothing_is_saved()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = Page(c);
        var over = await coordinator.PostFormAsync($"{page}?handler=Sharing", new() { ["Sharing.Label"] = "Forum", ["Sharing.SharePercent"] = "150", ["Sharing.Cap"] = "-5" }, page);
        var html = await HtmlAsync(over);
        Assert.Contains("Sharing_Cap-error", html);
        Assert.Contains("Sharing_SharePercent-error", html);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CostSharingRule>().CountAsync(r => r.ConventionId == c.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Sharing", new() { ["Sharing.Label"] = "Forum des métiers", ["Sharing.PayerPartyId"] = c.Parties[0].Id.ToString(), ["Sharing.SharePercent"] = "33,5", ["Sharing.Cap"] = "1 500", ["Sharing.Budget"] = "4 000" }, page)).StatusCode);
        var sharing = await app.WithDbAsync(db => db.Set<CostSharingRule>().SingleAsync(r => r.ConventionId == c.Id && r.Label == "Forum des métiers"));
        Assert.Equal((0.335m, 1500m, 4000m), (sharing.Share, sharing.Cap!.Value, sharing.Budget!.Value));
        var noMonth = await coordinator.PostFormAsync($"{page}?handler=Rule", new() { ["Rule.Kind"] = "YearInArrears", ["Rule.TermDays"] = "400" }, page);
        html = await HtmlAsync(noMonth);
        Assert.Contains("Rule_Month-error", html);
        Assert.Contains("Rule_TermDays-error", html);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PaymentRule>().CountAsync(r => r.ConventionId == c.Id)));
        // The February rule moved to March: the due date follows.
        var existing = c.PaymentRules[0];
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Rule", new()
        {
            ["Rule.ItemId"] = existing.Id.ToString(), ["Rule.Kind"] = "YearInArrears", ["Rule.Month"] = "3", ["Rule.PayerPartyId"] = c.Parties[0].Id.ToString(),
            ["Rule.RequiresAnnualReport"] = "true", ["Rule.IncludesCostSharing"] = "true",
        }, page)).StatusCode);
        var api = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}");
        Assert.Equal("2023-03-31", api.GetProperty("schedule")[0].GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task Given_a_target_Then_only_an_indicator_of_the_catalogue_or_one_of_its_parts_is_accepted_and_every_year_gets_it()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = Page(c);
        var unknown = await coordinator.PostFormAsync($"{page}?handler=Target", new() { ["Target.Year"] = "2022", ["Target.Label"] = "1 forum", ["Target.Indicator"] = "agenda.inconnu", ["Target.Value"] = "1" }, page);
        Assert.Contains("Target_Indicator-error", await unknown.Content.ReadAsStringAsync());
        var noParts = await coordinator.PostFormAsync($"{page}?handler=Target", new() { ["Target.Year"] = "2022", ["Target.Label"] = "1 forum", ["Target.Indicator"] = "agenda.forums", ["Target.Part"] = "forum", ["Target.Value"] = "1" }, page);
        Assert.Contains("Cet indicateur n'a pas de parties", await HtmlAsync(noParts));
        var percent = await coordinator.PostFormAsync($"{page}?handler=Target", new() { ["Target.Year"] = "2030", ["Target.Label"] = "QPV", ["Target.Value"] = "120", ["Target.IsPercent"] = "true" }, page);
        html(await HtmlAsync(percent), "Target_Year-error", "Target_Value-error");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ConventionTarget>().CountAsync(t => t.ConventionId == c.Id)));

        var citeId = await app.CiteIdAsync("grand-geneve");
        var ccg = await app.WithDbAsync(db => db.Set<Maillage.Network.Territory>().IgnoreQueryFilters().Where(t => t.CiteId == citeId && t.Name.Contains("Genevois")).Select(t => t.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Target", new()
        {
            ["Target.EveryYear"] = "true", ["Target.Label"] = "Au moins 1 forum par an sur le territoire de la CCG", ["Target.Indicator"] = "agenda.forums", ["Target.Value"] = "1", ["Target.TerritoryId"] = ccg.ToString(),
        }, page)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Target", new()
        {
            ["Target.Year"] = "2023", ["Target.Label"] = "Ateliers", ["Target.Indicator"] = "agenda.information-days-and-workshops", ["Target.Part"] = "workshop", ["Target.Value"] = "2,5",
        }, page)).StatusCode);
        var targets = await app.WithDbAsync(db => db.Set<ConventionTarget>().Where(t => t.ConventionId == c.Id).OrderBy(t => t.Year).ThenBy(t => t.Id).ToListAsync());
        Assert.Equal([2022, 2023, 2023, 2024], targets.Select(t => t.Year));
        Assert.All(targets.Where(t => t.Indicator == "agenda.forums"), t => Assert.Equal(ccg, t.TerritoryId));
        Assert.Equal("agenda.information-days-and-workshops/workshop", targets[2].Indicator);
        Assert.Equal(2.5m, targets[2].Value);
        var api = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}");
        Assert.Equal(4, api.GetProperty("targets").GetArrayLength());
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Remove", new() { ["kind"] = "target", ["itemId"] = targets[0].Id.ToString() }, page)).StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<ConventionTarget>().CountAsync(t => t.ConventionId == c.Id)));

        static void html(string page, params string[] ids) { foreach (var id in ids) Assert.Contains(id, page); }
    }

    [Fact]
    public async Task Given_the_structures_and_territory_chosen_on_the_page_Then_those_of_another_Cite_are_refused_and_the_report_counts_on_the_territory_chosen()
    {
        var c = await app.ConventionAsync();
        var coordinator = await CoordinatorAsync();
        var page = Page(c);
        var (gg, marseille) = (await app.CiteIdAsync("grand-geneve"), await app.CiteIdAsync("marseille-paca"));
        int Territory(List<Maillage.Network.Territory> all, int cite, string name) => all.Single(t => t.CiteId == cite && t.Name == name).Id;
        var territories = await app.WithDbAsync(db => db.Set<Maillage.Network.Territory>().IgnoreQueryFilters().ToListAsync());
        var structures = await app.WithDbAsync(db => db.Set<Maillage.Network.Structure>().IgnoreQueryFilters().ToListAsync());
        var ccg = Territory(territories, gg, "Communauté de Communes du Genevois");
        var aa = Territory(territories, gg, "Annemasse Agglomération");
        var aixMarseille = Territory(territories, marseille, "Métropole d'Aix-Marseille-Provence");
        var saintJulien = structures.Single(s => s.CiteId == gg && s.Slug == "saint-julien-en-genevois").Id;
        var marseilleSite = structures.First(s => s.CiteId == marseille).Id;
        // A forum on the CCG (Saint-Julien), another in Annemasse Agglo; the target counts the convention's territory.
        await app.NewEventAsync(new DateTimeOffset(2022, 5, 10, 10, 0, 0, TimeSpan.Zero), structureSlug: "saint-julien-en-genevois", type: EventType.Forum);
        await app.NewEventAsync(new DateTimeOffset(2022, 6, 15, 10, 0, 0, TimeSpan.Zero), structureSlug: "annemasse", type: EventType.Forum);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Target", new() { ["Target.Year"] = "2022", ["Target.Label"] = "Au moins 1 forum", ["Target.Indicator"] = "agenda.forums", ["Target.Value"] = "1" }, page)).StatusCode);
        async Task<(decimal Actual, string Territory)> ReportAsync()
        {
            var json = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}/reports/2022");
            var report = await HtmlAsync(await coordinator.GetAsync($"/gestion/conventions/{c.Id}/bilan/2022"));
            var territory = System.Text.RegularExpressions.Regex.Match(report, "<dt>Territoire</dt>\\s*<dd>([^<]*)</dd>").Groups[1].Value;
            return (json.GetProperty("targets")[0].GetProperty("actual").GetDecimal(), territory);
        }
        Assert.Equal((2m, "toute la Cité"), await ReportAsync());

        // A structure and a territory of Marseille: each refused on its field, nothing saved.
        var foreign = await coordinator.PostFormAsync($"{page}?handler=Concerns", new()
        {
            ["Concerns.StructureIds"] = marseilleSite.ToString(), ["Concerns.TerritoryIds"] = aixMarseille.ToString(),
        }, page);
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        var html = await HtmlAsync(foreign);
        Assert.Contains("Concerns_StructureIds-error", html);
        Assert.Contains("Choisissez des structures de la Cité : une structure choisie n'en fait pas partie.", html);
        Assert.Contains("Concerns_TerritoryIds-error", html);
        Assert.Contains("Choisissez des territoires de la Cité : un territoire choisi n'en fait pas partie.", html);
        var half = await coordinator.PostFormAsync($"{page}?handler=Concerns", new() { ["Concerns.StructureIds"] = saintJulien.ToString(), ["Concerns.TerritoryIds"] = aixMarseille.ToString() }, page);
        Assert.Contains("Concerns_TerritoryIds-error", await half.Content.ReadAsStringAsync());
        Assert.Equal((0, 0), await app.WithDbAsync(async db => (await db.Set<ConventionStructure>().CountAsync(x => x.ConventionId == c.Id), await db.Set<ConventionTerritory>().CountAsync(x => x.ConventionId == c.Id))));

        // The CCG and its Saint-Julien relay: saved, shown ticked, and the report counts the CCG's forum only.
        var saved = await coordinator.PostFormAsync($"{page}?handler=Concerns", new() { ["Concerns.StructureIds"] = saintJulien.ToString(), ["Concerns.TerritoryIds"] = ccg.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var form = await coordinator.GetStringAsync(page);
        bool Ticked(string id) => System.Text.RegularExpressions.Regex.Match(form, $"<input[^>]*id=\"{id}\"[^>]*>").Value.Contains("checked");
        Assert.True(Ticked($"territoire-{ccg}"));
        Assert.False(Ticked($"territoire-{aa}"));
        Assert.True(Ticked($"structure-{saintJulien}"));
        Assert.Equal((1m, "Communauté de Communes du Genevois"), await ReportAsync());
        var api = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{c.Id}");
        Assert.Equal(["Communauté de Communes du Genevois"], api.GetProperty("territories").EnumerateArray().Select(t => t.GetString()));

        // Moved to Annemasse Agglo: the CCG row removed, the new one added — both in the audit trail.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{page}?handler=Concerns", new() { ["Concerns.TerritoryIds"] = aa.ToString() }, page)).StatusCode);
        Assert.Equal((1m, "Annemasse Agglomération"), await ReportAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ConventionStructure>().CountAsync(x => x.ConventionId == c.Id)));
        var audit = await app.WithDbAsync(db => db.Set<Maillage.Platform.Audit.AuditEntry>()
            .Where(a => (a.EntityType.Contains("ConventionTerritory") || a.EntityType.Contains("ConventionStructure")) && a.EntityId.StartsWith(c.Id + "/"))
            .OrderBy(a => a.Id).Select(a => new { a.EntityType, a.EntityId, a.Action }).ToListAsync());
        Assert.Contains(audit, a => a.EntityType.Contains("ConventionTerritory") && a.EntityId == $"{c.Id}/{ccg}" && a.Action == "Added");
        Assert.Contains(audit, a => a.EntityType.Contains("ConventionTerritory") && a.EntityId == $"{c.Id}/{ccg}" && a.Action == "Deleted");
        Assert.Contains(audit, a => a.EntityType.Contains("ConventionTerritory") && a.EntityId == $"{c.Id}/{aa}" && a.Action == "Added");
        Assert.Contains(audit, a => a.EntityType.Contains("ConventionStructure") && a.EntityId == $"{c.Id}/{saintJulien}" && a.Action == "Deleted");

        // Another Cité's coordinator cannot post the form.
        var other = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"{page}?handler=Concerns", new() { ["Concerns.TerritoryIds"] = ccg.ToString() }, "/gestion/conventions?cite=marseille-paca")).StatusCode);
        Assert.Equal([aa], await app.WithDbAsync(db => db.Set<ConventionTerritory>().Where(x => x.ConventionId == c.Id).Select(x => x.TerritoryId).ToListAsync()));
    }

    [Fact]
    public async Task Given_someone_who_does_not_keep_the_convention_or_a_post_without_its_token_Then_the_forms_are_refused()
    {
        var c = await app.ConventionAsync();
        var page = Page(c);
        var marseille = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.PostFormAsync($"{page}?handler=Party", new() { ["Party.Name"] = "X", ["Party.Role"] = "Host" }, "/gestion/conventions?cite=marseille-paca")).StatusCode);
        var funder = await app.SignedInAsAsync(StaffRole.Funder, $"partner:grand-geneve/Communauté de Communes du Genevois");
        var refused = await funder.GetAsync(page);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{refused.StatusCode}");
        var coordinator = await CoordinatorAsync();
        var noToken = await coordinator.PostAsync($"{page}?handler=Party", new FormUrlEncodedContent(new Dictionary<string, string> { ["Party.Name"] = "X", ["Party.Role"] = "Host" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ConventionParty>().CountAsync(p => p.ConventionId == c.Id)));
    }
}
