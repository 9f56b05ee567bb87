using AngleSharp.Html.Parser;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>
/// Issue 18, finding 1: knowing someone's e-mail must not hand out their registration. Public registration answers the
/// same whether or not the address is registered, with no token; the link goes to the address by e-mail.
/// </summary>
public sealed class RegistrationTakeoverTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private static object As(string email, string first = "Camille", string last = "Martin") =>
        new { firstName = first, lastName = last, email, phone = "04 50 00 00 00", publicStatus = "jobSeeker", consent = true };

    [Fact]
    public async Task Given_a_registered_address_When_someone_else_registers_it_through_the_API_Then_the_answer_is_the_same_as_for_a_new_address_and_holds_no_token()
    {
        var e = await app.EventAsync(capacity: 5);
        var victim = $"victime.{Guid.NewGuid():N}@example.org";
        var client = app.CreateClient();
        var (_, theirs) = await client.RegisterAsync(app, e.Id, As(victim, "Inès", "Victime"));

        var attacker = app.CreateClient();
        var onKnown = await attacker.PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", As(victim, "Pirate", "Malin"));
        var onNew = await attacker.PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", As($"nouveau.{Guid.NewGuid():N}@example.org", "Pirate", "Malin"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (onKnown.StatusCode, onNew.StatusCode));
        var known = await onKnown.Content.ReadAsStringAsync();
        Assert.Equal(await onNew.Content.ReadAsStringAsync(), known);
        Assert.DoesNotContain(theirs!.ManageToken, known);
        Assert.False(JsonDocument.Parse(known).RootElement.TryGetProperty("manageToken", out _));
        Assert.Null(onKnown.Headers.Location);

        // Their registration is unchanged, and they alone are sent their link, once however often their address is typed.
        var row = Assert.Single(await app.RegistrationsAsync(e.Id), r => r.EmailKey == victim);
        Assert.Equal(("Inès", "Victime", RegistrationStatus.Confirmed, theirs.ManageToken), (row.Person.FirstName, row.Person.LastName, row.Status, row.ManageToken));
        var link = Assert.Single(await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == victim) && m.Headers["X-Maillage-Kind"] == "agenda.link"));
        Assert.Contains(theirs.ManageToken, link.TextBody);
        Assert.Contains("Bonjour Inès", link.TextBody);
        Assert.DoesNotContain("Pirate", link.TextBody);
        Assert.Equal(HttpStatusCode.Accepted, (await attacker.PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", As(victim, "Pirate", "Malin"))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == victim && m.Kind == "agenda.link")));
        Assert.Equal(5 - 2, (await app.ReloadAsync(e.Id)).Capacity - (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_a_registered_address_When_someone_else_submits_the_public_form_Then_they_see_the_same_page_as_for_a_new_address_and_not_the_registration()
    {
        var e = await app.EventAsync(capacity: 5);
        var victim = $"victime.{Guid.NewGuid():N}@example.org";
        var (_, theirs) = await app.CreateClient().RegisterAsync(app, e.Id, As(victim, "Inès", "Victime"));

        var attacker = app.Browser();
        var fields = (string email) => new Dictionary<string, string> { ["Input.FirstName"] = "Pirate", ["Input.LastName"] = "Malin", ["Input.Email"] = email, ["Input.Consent"] = "true" };
        var onKnown = await attacker.PostFormAsync($"/agenda/{e.Id}", fields(victim));
        var onNew = await attacker.PostFormAsync($"/agenda/{e.Id}", fields($"nouveau.{Guid.NewGuid():N}@example.org"));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (onKnown.StatusCode, onNew.StatusCode));
        Assert.Equal(onNew.Headers.Location, onKnown.Headers.Location);
        var page = (await new HtmlParser().ParseDocumentAsync(await attacker.GetStringAsync(onKnown.Headers.Location!.ToString()))).Body!.OuterHtml;
        Assert.DoesNotContain("Victime", page);
        Assert.DoesNotContain(theirs!.ManageToken, page);
        Assert.Contains("une inscription existante n'est jamais dupliquée", page);
        Assert.Equal("Inès", Assert.Single(await app.RegistrationsAsync(e.Id), r => r.EmailKey == victim).Person.FirstName);
    }

    [Fact]
    public async Task Given_a_full_event_without_waiting_list_Then_a_registered_and_an_unknown_address_are_both_told_it_is_full()
    {
        var e = await app.EventAsync(capacity: 1, mode: RegistrationMode.Open);
        var holder = $"titulaire.{Guid.NewGuid():N}@example.org";
        await app.CreateClient().RegisterAsync(app, e.Id, As(holder));
        var onKnown = await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", As(holder, "Pirate"));
        var onNew = await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", As($"x.{Guid.NewGuid():N}@example.org", "Pirate"));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (onKnown.StatusCode, onNew.StatusCode));
        static async Task<string> WithoutTrace(HttpResponseMessage r)
        {
            var problem = System.Text.Json.Nodes.JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
            problem.Remove("traceId");
            problem.Remove("requestId");
            return problem.ToJsonString();
        }
        Assert.Equal(await WithoutTrace(onNew), await WithoutTrace(onKnown));
    }
}

/// <summary>Issue 18, finding 10: the default limits on public registration per client address and event, and per e-mail address.</summary>
public sealed class RegistrationLimitTests(RegistrationLimitTests.DefaultLimitsApp app) : IClassFixture<RegistrationLimitTests.DefaultLimitsApp>
{
    /// <summary>The agenda test application with the shipped limits (6 an hour per event and address, 10 per e-mail).</summary>
    public sealed class DefaultLimitsApp : FrozenAgendaApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Maillage:RateLimits:RegistrationsPerEventPerAddress", "6");
            builder.UseSetting("Maillage:RateLimits:RegistrationsPerEmail", "10");
        }
    }

    [Fact]
    public async Task Given_one_client_address_When_it_registers_invented_people_to_one_event_Then_the_seventh_in_an_hour_is_refused_and_other_events_stay_open()
    {
        var e = await app.EventAsync(capacity: 20);
        var other = await app.EventAsync(capacity: 20);
        var client = app.CreateClient();
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", AgendaTestData.Person())).StatusCode);
        var seventh = await client.PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", AgendaTestData.Person());
        Assert.Equal(HttpStatusCode.TooManyRequests, seventh.StatusCode);
        Assert.Equal("application/problem+json", seventh.Content.Headers.ContentType?.MediaType);
        Assert.True((await seventh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("event", out _));
        Assert.Equal(6, (await app.RegistrationsAsync(e.Id)).Count);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/v1/events/{other.Id}/registrations", AgendaTestData.Person())).StatusCode);

        // The form says it beside the form, and keeps what was typed.
        var form = await app.Browser().PostFormAsync($"/agenda/{e.Id}", new() { ["Input.FirstName"] = "Léa", ["Input.LastName"] = "Roux", ["Input.Email"] = $"{Guid.NewGuid():N}@example.org", ["Input.Consent"] = "true" });
        var html = await new HtmlParser().ParseDocumentAsync(await form.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Trop d'inscriptions à cette action depuis cette connexion", html.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Roux", html.GetElementById("Input_LastName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Given_one_e_mail_address_When_it_is_submitted_again_and_again_Then_the_eleventh_request_in_an_hour_is_refused_whether_or_not_it_is_registered()
    {
        var email = $"cible.{Guid.NewGuid():N}@example.org";
        var events = new List<AgendaEvent>();
        for (var i = 0; i < 11; i++) events.Add(await app.EventAsync(capacity: 5));
        // Junk naming the address — an event that does not exist, a refused form — does not spend its budget: otherwise
        // anyone could lock a person out of registering for an hour without a single e-mail going out.
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{999_000 + i}/registrations", AgendaTestData.Person(email))).StatusCode);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{events[i].Id}/registrations", AgendaTestData.Person(email, consent: false))).StatusCode);
        }
        var statuses = new List<HttpStatusCode>();
        foreach (var e in events)
            statuses.Add((await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", AgendaTestData.Person(email))).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 10), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(10, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == email)));
    }
}
