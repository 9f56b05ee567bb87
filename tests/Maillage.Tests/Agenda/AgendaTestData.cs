using System.Net.Http.Json;
using Maillage.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda;

/// <summary>Each test creates its own events.</summary>
public static class AgendaTestData
{
    public static async Task<AgendaEvent> EventAsync(this MaillageApp app, int capacity = 20, RegistrationMode mode = RegistrationMode.Waitlist,
        WaitlistPromotion promotion = WaitlistPromotion.Direct, TimeSpan? startsIn = null, string structure = "annemasse", string cite = "grand-geneve",
        EventType type = EventType.TradeZoom, string? title = null)
    {
        var s = await app.StructureAsync(cite, structure);
        var start = app.Clock.GetUtcNow() + (startsIn ?? TimeSpan.FromDays(10));
        return await app.WithDbAsync(async db =>
        {
            var e = new AgendaEvent
            {
                CiteId = s.CiteId, StructureId = s.Id, Title = title ?? $"Zoom métier {Guid.NewGuid():N}"[..20], Type = type,
                StartsAt = start, EndsAt = start.AddHours(2), Capacity = capacity, RegistrationMode = mode, WaitlistPromotion = promotion,
                Status = EventStatus.Published, CreatedAt = app.Clock.GetUtcNow(), PublishedAt = app.Clock.GetUtcNow(),
            };
            e.Validate();
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
    }

    /// <summary>A text question added to the event (the first of its form).</summary>
    public static Task<EventQuestion> QuestionAsync(this MaillageApp app, AgendaEvent e, string label, bool required) => app.WithDbAsync(async db =>
    {
        var q = new EventQuestion { CiteId = e.CiteId, EventId = e.Id, Order = 1, Label = label, Kind = QuestionKind.Text, Required = required };
        db.EventQuestions.Add(q);
        await db.SaveChangesAsync();
        return q;
    });

    public static object Person(string? email = null, bool consent = true) => new
    {
        firstName = "Camille", lastName = "Martin", email = email ?? $"{Guid.NewGuid():N}@example.org", phone = "04 50 00 00 00", publicStatus = "jobSeeker", consent,
    };

    /// <summary>
    /// Registers through the public API, which answers 202 with nothing of the registration (issue 18); then reads what
    /// the registrant learns from their e-mail — the registration, its token, its place in the queue — here from the
    /// database. The body is null when the request was refused, or when no registration holds the address.
    /// </summary>
    public static async Task<(System.Net.HttpStatusCode Status, RegistrationBody? Body)> RegisterAsync(this HttpClient client, MaillageApp app, int eventId, object person)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/events/{eventId}/registrations", person);
        if (!response.IsSuccessStatusCode) return (response.StatusCode, null);
        var key = Registration.NormaliseEmail((string)person.GetType().GetProperty("email")!.GetValue(person)!);
        var body = await app.WithDbAsync(async db =>
        {
            var r = await db.Registrations.AsNoTracking().Where(x => x.EventId == eventId && x.EmailKey == key).FirstOrDefaultAsync();
            if (r is null) return null;
            int? position = r.Status == RegistrationStatus.Waitlisted
                ? await db.Registrations.CountAsync(x => x.EventId == eventId && x.Status == RegistrationStatus.Waitlisted && x.Id <= r.Id)
                : null;
            return new RegistrationBody(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(r.Status.ToString()), position, r.ManageToken!, r.EventId);
        });
        return (response.StatusCode, body);
    }

    /// <summary>One call to an agenda service in its own scope; the lambda names the service: <c>app.UseAsync((Cancellations c) => c.CancelAsync(token))</c>.</summary>
    public static Task<T> UseAsync<TService, T>(this MaillageApp app, Func<TService, Task<T>> action) where TService : notnull =>
        app.WithScopeAsync2(sp => action(sp.GetRequiredService<TService>()));

    public static Task<List<Registration>> RegistrationsAsync(this MaillageApp app, int eventId) =>
        app.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync());

    public static Task<AgendaEvent> ReloadAsync(this MaillageApp app, int eventId) =>
        app.WithDbAsync(db => db.Events.AsNoTracking().FirstAsync(e => e.Id == eventId));
}

public sealed record RegistrationBody(string Status, int? Position, string ManageToken, int EventId);
