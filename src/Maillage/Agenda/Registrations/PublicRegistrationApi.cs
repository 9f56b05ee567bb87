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
    /// <summary>The one answer to a registration request, whoever the address: what happened goes to the address by e-mail.</summary>
    public sealed record RegistrationReceived(int EventId, string Message);
    public sealed record RegistrationResponse(RegistrationStatus Status, int? Position, string ManageToken, int EventId, string Url);

    public static void MapPublicRegistrations(this RouteGroupBuilder events, RouteGroupBuilder api)
    {
        events.MapPost("/{id:int}/registrations", RegisterAsync)
            .AllowAnonymous().RequireRateLimiting(AgendaModule.RegistrationRateLimit)
            .WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithName("Register")
            .WithSummary("Asks for a seat: 202 whether or not the address is already registered, the status and personal link emailed to the address (an address already registered is left unchanged and sent its link again); 409 when full, closed or cancelled; 429 past the limits per client address, per event and per email address.");

        api.MapGet("/registrations/{manageToken}", GetAsync)
            .AllowAnonymous().WithTags("Agenda").WithName("GetRegistration").WithSummary("A registration by its personal token.");

        api.MapDelete("/registrations/{manageToken}", CancelAsync)
            .AllowAnonymous().WithTags("Agenda").WithName("CancelRegistration").WithSummary("Cancels a registration by its personal token and promotes the waiting list.");
    }

    private static async Task<Accepted<RegistrationReceived>> RegisterAsync(int id, RegisterRequest request, HttpContext http, RegistrationLimits limits, RegistrationDesk desk, CancellationToken ct)
    {
        limits.AcquireForClient(http.Connection.RemoteIpAddress, id);
        // Consent is nullable in the body so that `consent: null` is a 422 naming it, like `false`, not a 400.
        await desk.RegisterAsync(id, new RegistrationRequest(request.FirstName, request.LastName, request.Email, request.Phone, request.PublicStatus, request.Consent == true, request.Answers), RegistrationSource.Api, ct);
        // Nothing of the registration is answered: the token would hand a registrant's link to whoever typed their address.
        return TypedResults.Accepted((string?)null, new RegistrationReceived(id, RegistrationDesk.Received));
    }

    private static async Task<Ok<RegistrationResponse>> GetAsync(string manageToken, RegistrationDesk desk, AgendaMail mail, CancellationToken ct)
    {
        var r = await desk.FindAsync(manageToken, ct);
        int? position = r.Status == RegistrationStatus.Waitlisted ? await desk.PositionAsync(r, ct) : null;
        return TypedResults.Ok(new RegistrationResponse(r.Status, position, r.ManageToken!, r.EventId, mail.ManageUrl(r)));
    }

    private static async Task<Ok<RegistrationResponse>> CancelAsync(string manageToken, Cancellations cancellations, AgendaMail mail, CancellationToken ct)
    {
        var r = await cancellations.CancelAsync(manageToken, ct: ct);
        return TypedResults.Ok(new RegistrationResponse(r.Status, null, r.ManageToken!, r.EventId, mail.ManageUrl(r)));
    }
}
