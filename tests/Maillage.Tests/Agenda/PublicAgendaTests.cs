using Maillage.Tests.Agenda.Registrations;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Maillage.Agenda;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Agenda;

public sealed class PublicAgendaTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Given_a_published_event_Then_the_agenda_lists_it_and_its_page_carries_schema_org_Event_JSON_LD()
    {
        var e = await app.EventAsync(capacity: 20, title: "Zoom métier logistique");
        var client = app.Browser();
        var list = await client.GetStringAsync("/agenda?type=tradeZoom");
        Assert.Contains($"/agenda/{e.Id}", list);
        Assert.Contains($"/agenda/{e.Id}", await client.GetStringAsync("/agenda?vue=calendrier"));
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync($"/agenda/{e.Id}"));
        var ld = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        var json = JsonDocument.Parse(ld).RootElement;
        Assert.Equal("Event", json.GetProperty("@type").GetString());
        Assert.Equal("Zoom métier logistique", json.GetProperty("name").GetString());
        Assert.Equal(20, json.GetProperty("remainingAttendeeCapacity").GetInt32());
        var atom = await client.GetStringAsync("/agenda/flux.atom");
        Assert.Contains("Zoom métier logistique", atom);
        var widget = await client.GetAsync("/agenda/widget");
        Assert.Contains("frame-ancestors *", widget.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains($"/agenda/{e.Id}", await widget.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Given_the_registration_form_Then_a_person_registers_without_account_and_cancels_through_the_link()
    {
        var e = await app.EventAsync(capacity: 1);
        var client = app.Browser();
        var email = $"{Guid.NewGuid():N}@example.org";
        var missing = await client.PostFormAsync($"/agenda/{e.Id}", new() { ["Input.FirstName"] = "Léa", ["Input.LastName"] = "Roux", ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("consentement", (await new HtmlParser().ParseDocumentAsync(await missing.Content.ReadAsStringAsync())).Body!.TextContent);
        Assert.Empty(await app.RegistrationsAsync(e.Id));

        var ok = await client.PostFormAsync($"/agenda/{e.Id}", new() { ["Input.FirstName"] = "Léa", ["Input.LastName"] = "Roux", ["Input.Email"] = email, ["Input.Consent"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal($"/agenda/{e.Id}/demande-envoyee", ok.Headers.Location!.ToString());
        Assert.Contains("regardez votre messagerie", await TextOf(client, ok.Headers.Location!.ToString()));
        // The link comes by e-mail, to the address given.
        var manage = new Uri(System.Text.RegularExpressions.Regex.Match((await app.LastMailAsync(Assert.Single(await app.RegistrationsAsync(e.Id)).Id)).TextBody, @"Voir ou annuler votre inscription : (\S+)").Groups[1].Value).AbsolutePath;
        Assert.StartsWith("/agenda/inscription/", manage);
        Assert.Contains("Confirmée", await TextOf(client, manage));

        var cancelled = await client.PostFormAsync($"{manage}?handler=Cancel", new(), formPage: $"{manage}?annuler=1");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("Annulée", await TextOf(client, manage));
        Assert.Equal(RegistrationStatus.Cancelled, Assert.Single(await app.RegistrationsAsync(e.Id)).Status);
        Assert.Equal(0, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_a_form_with_several_mistakes_Then_each_is_shown_beside_its_field_at_once_and_what_was_typed_is_kept()
    {
        var e = await app.EventAsync(capacity: 5);
        var question = await app.QuestionAsync(e, "Métier recherché", required: true);
        var client = app.Browser();
        var response = await client.PostFormAsync($"/agenda/{e.Id}", new() { ["Input.FirstName"] = "Léa", ["Input.LastName"] = "", ["Input.Email"] = "lea.roux@", ["Input.Phone"] = "06 12 34 56 78" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        // One message beside each field at fault, each tied to its input for screen readers.
        foreach (var (field, message) in new[] { ("Input_LastName", "Indiquez votre nom."), ("Input_Email", "Indiquez une adresse e-mail valide"), ("Input_Consent", "Cochez la case de consentement") })
        {
            Assert.Contains(message, page.GetElementById($"{field}-error")?.TextContent ?? $"(no message for {field})");
            Assert.Equal("true", page.GetElementById(field)!.GetAttribute("aria-invalid"));
        }
        // The summary at the top lists them in the form's order, each linked to its field.
        Assert.Equal(["#Input_LastName", "#Input_Email", $"#Input_Answers_{question.Id}_", "#Input_Consent"], page.QuerySelectorAll(".error-summary li a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Répondez à la question « Métier recherché »", page.GetElementById($"Input_Answers_{question.Id}_-error")?.TextContent ?? "(no message for the question)");
        Assert.Null(page.GetElementById("Input_FirstName")!.GetAttribute("aria-invalid"));
        Assert.Equal("Léa", page.GetElementById("Input_FirstName")!.GetAttribute("value"));
        Assert.Equal("lea.roux@", page.GetElementById("Input_Email")!.GetAttribute("value"));
        Assert.Equal("06 12 34 56 78", page.GetElementById("Input_Phone")!.GetAttribute("value"));
        Assert.Empty(await app.RegistrationsAsync(e.Id));
    }

    [Fact]
    public async Task Given_a_Marseille_coordinator_Then_the_staff_API_shows_nothing_of_Grand_Geneve()
    {
        var e = await app.EventAsync(capacity: 10);
        var marseille = app.CreateClient();
        marseille.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca")));
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.PostAsync($"/api/v1/events/{e.Id}/cancel", JsonContent("{}"))).StatusCode);
        Assert.Equal(EventStatus.Published, (await app.ReloadAsync(e.Id)).Status);
    }

    private static async Task<string> TextOf(HttpClient client, string url) =>
        (await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(url))).Body!.TextContent;

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
