using System.Net.Http.Headers;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Email;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>Helpers of the registrants tests: people registered through the desk (the real rules), staff clients, the outbox.</summary>
internal static class RegistrantsData
{
    public static RegistrationRequest Person(string first = "Noa", string last = "Petit", string? email = null) =>
        new(first, last, email ?? $"{first}.{Guid.NewGuid():N}@example.org".ToLowerInvariant(), null, PublicStatus.Student, true);

    public static Task<RegistrationOutcome> RegisterAsync(this MaillageApp app, AgendaEvent e, string first, string last = "Petit", string? email = null) =>
        app.WithScopeAsync2(sp => sp.GetRequiredService<RegistrationDesk>().RegisterAsync(e.Id, Person(first, last, email)));

    public static Task<T> DeskAsync<T>(this MaillageApp app, Func<RegistrationDesk, Task<T>> action) =>
        app.WithScopeAsync2(sp => action(sp.GetRequiredService<RegistrationDesk>()));

    public static Task<Registration> ReadAsync(this MaillageApp app, long id) =>
        app.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>The kinds of the e-mails written to the outbox about one registration, oldest first.</summary>
    public static Task<List<string>> MailKindsAsync(this MaillageApp app, long registrationId) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Subject == $"registration:{registrationId}").OrderBy(m => m.Id).Select(m => m.Kind).ToListAsync());

    public static Task<OutboxMessage> LastMailAsync(this MaillageApp app, long registrationId) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Subject == $"registration:{registrationId}").OrderByDescending(m => m.Id).FirstAsync());

    public static async Task<HttpClient> OrganiserAsync(this MaillageApp app, StaffRole role = StaffRole.EventOrganiser, string scope = "structure:grand-geneve/annemasse") =>
        await app.SignedInAsync(await app.CreateStaffAsync(role, scope));

    public static async Task<HttpClient> ApiClientAsync(this MaillageApp app, StaffRole role = StaffRole.EventOrganiser, string scope = "structure:grand-geneve/annemasse")
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(role, scope)));
        return client;
    }
}
