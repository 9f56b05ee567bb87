using Maillage.Network.OpeningHours;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

/// <summary>
/// <c>POST /api/v1/structures/{id}/exceptions</c>: a coordinator's tool announces an exceptional closure
/// or opening (coordinators and administrators on the structure's scope).
/// </summary>
internal static class ExceptionApi
{
    public sealed record ExceptionRequest(DateOnly? Date, bool Closed, string? Opens, string? Closes, string? Reason);

    public static RouteGroupBuilder MapExceptionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/structures/{id:int}/exceptions", async Task<Results<Created<ExceptionDto>, NotFound<ProblemDetails>, ForbidHttpResult>> (
                int id, ExceptionRequest request, MaillageDb db, StaffAccess access, CancellationToken ct) =>
            {
                var structure = await db.Structures.Include(s => s.Exceptions).FirstOrDefaultAsync(s => s.Id == id, ct);
                if (structure is null)
                    throw new NotFoundProblem(new($"Aucune structure n'a le numéro {id} dans vos Cités.", $"No structure has the id {id} in your Cités."));
                if (!await access.CanAsync(StaffAccess.NetworkManagers, structure)) return TypedResults.Forbid();
                if (request.Date is null)
                    throw new RuleViolation("date", new("Indiquez la date (AAAA-MM-JJ).", "Give the date (YYYY-MM-DD)."));
                DateInput.CheckYear(request.Date.Value.Year, "date");
                if (request.Reason is { Length: > 200 })
                    throw new RuleViolation("reason", new("Le motif compte au plus 200 caractères.", "The reason has at most 200 characters."));
                var exception = structure.AddException(request.Date.Value, request.Closed, Time(request.Opens, "opens"), Time(request.Closes, "closes"), request.Reason?.Trim());
                await db.SaveChangesAsync(ct);
                var dto = new ExceptionDto(exception.Date, exception.Closed, exception.Opens?.ToString("HH:mm"), exception.Closes?.ToString("HH:mm"), exception.Reason);
                return TypedResults.Created($"/api/v1/structures/{id}", dto);
            })
            .RequireAuthorization(Policies.NetworkManagers)
            .WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithTags("Network")
            .WithName("AddStructureException")
            .WithSummary("Adds an exceptional closure (closed: true) or opening (opens, closes as HH:mm) on a date.");
        return api;
    }

    private static TimeOnly? Time(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : TimeOnly.TryParseExact(value, "HH:mm", out var t) ? t
        : throw new RuleViolation(field, new($"« {value} » n'est pas une heure au format HH:mm.", $"\"{value}\" is not a time in HH:mm format."));
}
