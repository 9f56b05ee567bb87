using Maillage.Platform;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// The organiser's API on an event's registrants (SPEC §14): list, accept, decline, promote, move, remove.
/// Policy Staff, then the scope: organisers, coordinators and administrators of the event's structure or
/// Cité (<see cref="Attendance.EventStaffAccess"/>); another Cité's registration is 404 (tenant filter).
/// </summary>
internal static class RegistrationApi
{
    public sealed record MoveRequest(int? EventId);

    public sealed record RegistrantDto(
        long Id, int EventId, RegistrationStatus Status, int? Position, string? FirstName, string? LastName, string? Email, string? Phone,
        PublicStatus? PublicStatus, RegistrationSource Source, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? OfferExpiresAt,
        DateTimeOffset? CancelledAt, CancelledBy? CancelledBy, AttendanceStatus Attendance, IReadOnlyDictionary<int, string> Answers)
    {
        public static RegistrantDto From(int eventId, RegistrantRow r) => new(r.Id, eventId, r.Status, r.Position,
            r.Anonymised ? null : r.FirstName, r.Anonymised ? null : r.LastName, r.Email, r.Phone, r.PublicStatus, r.Source, r.CreatedAt,
            r.ConfirmedAt, r.OfferExpiresAt, r.CancelledAt, r.CancelledBy, r.Attendance, r.Answers);
    }

    public static RouteGroupBuilder MapRegistrationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events/{id:int}/registrations", ListAsync)
            .RequireAuthorization(Policies.Staff).WithTags("Agenda").WithName("ListRegistrations")
            .WithSummary("An event's registrants, every status (confirmed, offered, waitlisted with position, pending, cancelled, declined, offerExpired); staff managing the event.");

        var one = api.MapGroup("/registrations/{id:long}").WithTags("Agenda").RequireAuthorization(Policies.Staff);
        one.MapPost("/accept", (long id, Registrants registrants, Approvals approvals, CancellationToken ct) =>
                ActAsync(id, registrants, ct, () => approvals.DecideAsync(id, accept: true, ct)))
            .WithName("AcceptRegistration").WithSummary("Approval mode: accepts a pending request (a seat if one is free, else 409 and the request stays pending); the person is emailed.");
        one.MapPost("/decline", (long id, Registrants registrants, Approvals approvals, CancellationToken ct) =>
                ActAsync(id, registrants, ct, () => approvals.DecideAsync(id, accept: false, ct)))
            .WithName("DeclineRegistration").WithSummary("Approval mode: declines a pending request; the person is emailed.");
        one.MapPost("/promote", (long id, Registrants registrants, WaitingList waitingList, CancellationToken ct) =>
                ActAsync(id, registrants, ct, () => waitingList.PromoteNowAsync(id, ct)))
            .WithName("PromoteRegistration").WithSummary("Confirms a waiting person now (a free seat is needed, else 409); the person is emailed.");
        one.MapPost("/move", MoveAsync)
            .WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithName("MoveRegistration")
            .WithSummary("Moves a person to another event of the same Cité in one transaction (a seat or a waiting place there, then cancelled here with promotion); 409 when there is no room there. Answers with the new registration.");

        api.MapDelete("/events/{id:int}/registrations/{registrationId:long}", RemoveAsync)
            .RequireAuthorization(Policies.Staff).WithTags("Agenda").WithName("RemoveRegistration")
            .WithSummary("The organiser removes a person: cancelled by staff, the person emailed, the seat released and the next person promoted per the event's mode.");
        return api;
    }

    private static async Task<Results<Ok<List<RegistrantDto>>, ForbidHttpResult>> ListAsync(int id, Registrants registrants, CancellationToken ct)
    {
        if (await registrants.ManagedEventAsync(id, ct) is not { } e) return TypedResults.Forbid();
        var list = await registrants.ListAsync(e, ct);
        return TypedResults.Ok(list.All.OrderBy(r => Registrants.StatusOrder(r.Status)).ThenBy(r => r.Position ?? 0).ThenBy(r => r.Id)
            .Select(r => RegistrantDto.From(e.Id, r)).ToList());
    }

    private static async Task<Results<Ok<RegistrantDto>, ForbidHttpResult>> MoveAsync(long id, MoveRequest request, Registrants registrants, Moves moves, CancellationToken ct)
    {
        if (await registrants.ManagedEventOfAsync(id, ct) is null) return TypedResults.Forbid();
        if (request.EventId is not { } target)
            throw new RuleViolation("eventId", new("Choisissez l'action vers laquelle déplacer la personne.", "Choose the event to move the person to."));
        if (await registrants.FindEventAsync(target, ct) is { } to && !await registrants.CanManageAsync(to))
            throw new RuleViolation("eventId", new("Vous ne gérez pas les inscriptions de cette action.", "You do not manage that event's registrations."));
        var outcome = await moves.MoveAsync(id, target, ct);
        return TypedResults.Ok(await DtoAsync(registrants, outcome.Registration.Id, ct));
    }

    private static async Task<Results<Ok<RegistrantDto>, ForbidHttpResult, ProblemHttpResult>> RemoveAsync(int id, long registrationId, Registrants registrants, Cancellations cancellations, CancellationToken ct)
    {
        if (await registrants.ManagedEventAsync(id, ct) is null) return TypedResults.Forbid();
        if ((await registrants.ManagedEventOfAsync(registrationId, ct))?.Id != id)
            return TypedResults.Problem(statusCode: 404, title: Platform.Localization.Text.T("Cette inscription n'est pas une inscription de cette action.", "This registration is not one of this event's."));
        await cancellations.RemoveAsync(registrationId, ct);
        return TypedResults.Ok(await DtoAsync(registrants, registrationId, ct));
    }

    private static async Task<Results<Ok<RegistrantDto>, ForbidHttpResult>> ActAsync(long id, Registrants registrants, CancellationToken ct, Func<Task<Registration>> action)
    {
        if (await registrants.ManagedEventOfAsync(id, ct) is null) return TypedResults.Forbid();
        await action();
        return TypedResults.Ok(await DtoAsync(registrants, id, ct));
    }

    private static async Task<RegistrantDto> DtoAsync(Registrants registrants, long registrationId, CancellationToken ct)
    {
        var e = (await registrants.FindEventOfAsync(registrationId, ct))!;
        var list = await registrants.ListAsync(e, ct);
        return RegistrantDto.From(e.Id, list.All.Single(r => r.Id == registrationId));
    }
}
