using Maillage.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// The public side of registering through the API (SPEC §14): register to an event, then read or cancel by the
/// personal token. Mapped with the events' routes (<c>EventApi</c>), under the same URLs and names.
/// </summary>
internal static class PublicRegistrationApi
{
    public sealed record RegisterRequest(string? FirstName, string? LastName, string? Email, string? Phone, PublicStatus? PublicStatus, bool? Consent, Dictionary<int, string>? Answers = null);
    public sealed record RegistrationResponse(RegistrationStatus Status, int? Position, string ManageToken, int EventId, string Url);

    public static void MapPublicRegistrations(this RouteGroupBuilder events, RouteGroupBuilder api)
    {
        events.MapPost("/{id:int}/registrations", RegisterAsync)
            .AllowAnonymous().RequireRateLimiting(AgendaModule.RegistrationRateLimit)
            .WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithName("Register")
            .WithSummary("Registers a person: 201 confirmed, waitlisted (with position) or pending; 200 with the existing registration for an e-mail already registered; 409 when full, closed or cancelled.");

        api.MapGet("/registrations/{manageToken}", GetAsync)
            .AllowAnonymous().WithTags("Agenda").WithName("GetRegistration").WithSummary("A registration by its personal token.");

        api.MapDelete("/registrations/{manageToken}", CancelAsync)
            .AllowAnonymous().WithTags("Agenda").WithName("CancelRegistration").WithSummary("Cancels a registration by its personal token and promotes the waiting list.");
    }

    private static async Task<Results<Created<RegistrationResponse>, Ok<RegistrationResponse>>> RegisterAsync(int id, RegisterRequest request, RegistrationDesk desk, AgendaMail mail, CancellationToken ct)
    {
        // Consent is nullable in the body so that `consent: null` is a 422 naming it, like `false`, not a 400.
        var outcome = await desk.RegisterAsync(id, new RegistrationRequest(request.FirstName, request.LastName, request.Email, request.Phone, request.PublicStatus, request.Consent == true, request.Answers), RegistrationSource.Api, ct);
        var r = outcome.Registration;
        var body = new RegistrationResponse(r.Status, outcome.Position, r.ManageToken, r.EventId, mail.ManageUrl(r));
        return outcome.Existing ? TypedResults.Ok(body) : TypedResults.Created($"/api/v1/registrations/{r.ManageToken}", body);
    }

    private static async Task<Ok<RegistrationResponse>> GetAsync(string manageToken, RegistrationDesk desk, AgendaMail mail, CancellationToken ct)
    {
        var r = await desk.FindAsync(manageToken, ct);
        int? position = r.Status == RegistrationStatus.Waitlisted ? await desk.PositionAsync(r, ct) : null;
        return TypedResults.Ok(new RegistrationResponse(r.Status, position, r.ManageToken, r.EventId, mail.ManageUrl(r)));
    }

    private static async Task<Ok<RegistrationResponse>> CancelAsync(string manageToken, Cancellations cancellations, AgendaMail mail, CancellationToken ct)
    {
        var r = await cancellations.CancelAsync(manageToken, ct: ct);
        return TypedResults.Ok(new RegistrationResponse(r.Status, null, r.ManageToken, r.EventId, mail.ManageUrl(r)));
    }
}
