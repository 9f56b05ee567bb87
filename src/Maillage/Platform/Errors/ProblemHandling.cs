using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Platform.Errors;

/// <summary>
/// Every error leaves as an RFC 7807 problem body on the API, and as a plain error page elsewhere.
/// Nothing of the exception is shown to the user beyond the rule's own message.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already switched the path to /erreur/500: look at the original one.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            if (StatusOf(exception) is null) logger.LogError(exception, "Unhandled error on a page");
            return false; // pages re-execute the error page: the rule's status and message (StatusOf, MessageOf), or a plain 500 that leaks nothing
        }
        // The exception left the localisation middleware: answer in the culture it had chosen.
        Cultures.UseRequestCulture(context);
        ProblemDetails problem;
        switch (exception)
        {
            case RuleViolation or NotFoundProblem:
                problem = RequestProblem(exception)!;
                break;
            case BadHttpRequestException bad:
                // A value the body's JSON could not take names its place in the body ("$.firstName" → "firstName").
                problem = bad.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } at } located && at.StartsWith("$.", StringComparison.Ordinal)
                    ? new ValidationProblemDetails(new Dictionary<string, string[]> { [at[2..]] = [located.Message] })
                    : new ProblemDetails();
                problem = Fill(problem, new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == 413
                        ? Text.T($"Le corps de la requête est trop gros (au plus {PlatformModule.MaxJsonBody / 1024} Ko).", $"The request body is too large (at most {PlatformModule.MaxJsonBody / 1024} KB).")
                        : Text.T("La requête n'a pas pu être lue.", "The request could not be read."),
                    Detail = bad.InnerException is System.Text.Json.JsonException json ? $"{json.Message}{(json.Path is { } jsonPath && !json.Message.Contains(jsonPath, StringComparison.Ordinal) ? $" ({jsonPath})" : "")}" : bad.Message,
                });
                break;
            default:
                logger.LogError(exception, "Unhandled error");
                problem = new ProblemDetails { Status = 500, Title = Text.T("Une erreur inattendue s'est produite. Elle a été consignée.", "An unexpected error occurred. It has been logged.") };
                break;
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The problem body of a rule the request broke or a row it named that is not there; null for anything else.</summary>
    public static ProblemDetails? RequestProblem(Exception exception)
    {
        switch (exception)
        {
            case RuleViolation rule:
                // Every rule the input broke, each under its field; the title is the rule itself when it is alone.
                var all = rule.Problems;
                return new ValidationProblemDetails(all.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Text.ToString()).ToArray()))
                {
                    Status = rule.Status,
                    Title = all.Count == 1 ? rule.Text.ToString() : Text.T($"{all.Count} points sont à corriger.", $"{all.Count} things need correcting."),
                    Detail = all.Count == 1 ? null : string.Join(" ", all.Select(p => p.Text.ToString())),
                };
            case NotFoundProblem notFound:
                return new ProblemDetails { Status = 404, Title = notFound.Text.ToString() };
            default:
                return null;
        }
    }

    private static ProblemDetails Fill(ProblemDetails problem, ProblemDetails values)
    {
        (problem.Status, problem.Title, problem.Detail) = (values.Status, values.Title, values.Detail);
        return problem;
    }

    /// <summary>The status of an error the request caused (a broken rule, a missing row, an unreadable request); null for a fault of ours (500).</summary>
    public static int? StatusOf(Exception exception) => exception switch
    {
        RuleViolation rule => rule.Status,
        NotFoundProblem => StatusCodes.Status404NotFound,
        BadHttpRequestException bad => bad.StatusCode,
        _ => null,
    };

    /// <summary>What the error page tells the person about an error the request caused, naming the parameter; null for a fault of ours.</summary>
    public static string? MessageOf(Exception exception) => exception switch
    {
        RuleViolation rule => string.Join(" ", rule.Problems.Select(p => p.Field.Length == 0 ? p.Text.ToString() : $"{p.Field} : {p.Text}")),
        NotFoundProblem notFound => notFound.Text,
        BadHttpRequestException => Text.T("La requête n'a pas pu être lue.", "The request could not be read."),
        _ => null,
    };
}

/// <summary>
/// The API's broken rules answered where the endpoint throws them, with the body <see cref="ProblemExceptionHandler"/>
/// writes: a <see cref="RuleViolation"/> or <see cref="NotFoundProblem"/> is the normal answer to a bad request (a
/// conflict in a booking rush is two requests in three), and an exception rethrown through every middleware on its way
/// to the exception handler costs about 4 µs a frame. Anything else, or a response already started, goes on to the
/// handler. Added to every endpoint of the API group (<see cref="Modules.Api.Group"/>).
/// </summary>
internal static class ApiProblems
{
    public static async ValueTask<object?> AnswerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (exception is RuleViolation or NotFoundProblem && !context.HttpContext.Response.HasStarted)
        {
            var http = context.HttpContext;
            var problem = ProblemExceptionHandler.RequestProblem(exception)!;
            // As the exception handler leaves the response: what the endpoint (or a middleware: the culture cookie) set is
            // dropped, and an error is not cached.
            http.Response.Clear();
            http.Response.Headers.CacheControl = "no-cache,no-store";
            http.Response.Headers.Pragma = "no-cache";
            http.Response.Headers.Expires = "-1";
            http.Response.Headers.ETag = default;
            http.Response.StatusCode = problem.Status!.Value;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
            return Results.Empty;
        }
    }
}

internal static class ProblemHandling
{
    public static IServiceCollection AddMaillageProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ctx =>
        {
            // Every problem body speaks the request's language (French by default), including those written outside the
            // localisation middleware (status-code pages for a bare 401/403/404/405…): their English reason phrase is replaced.
            Cultures.UseRequestCulture(ctx.HttpContext);
            if (ctx.ProblemDetails.Status is { } status && DefaultTitles.TryGetValue(status, out var title)
                && (ctx.ProblemDetails.Title is null || ctx.ProblemDetails.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)))
                ctx.ProblemDetails.Title = title;
            // After an exception the request has been re-routed to /erreur/500: name the address that was called.
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path
                                            ?? ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["requestId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddRequestGuard();
        return services;
    }

    /// <summary>The titles of the statuses the framework answers by itself, in place of their English reason phrases.</summary>
    private static readonly Dictionary<int, LocalizedText> DefaultTitles = new()
    {
        [400] = new("La requête est incorrecte.", "The request is not valid."),
        [401] = new("Authentification requise.", "Authentication required."),
        [403] = new("Accès refusé : vos rôles ne permettent pas cette action.", "Access denied: your roles do not allow this."),
        [404] = new("Cette adresse n'existe pas.", "This address does not exist."),
        [405] = new("Cette méthode n'est pas acceptée à cette adresse.", "This method is not allowed at this address."),
        [406] = new("Ce format de réponse n'est pas disponible.", "This response format is not available."),
        [409] = new("La requête est en conflit avec l'état actuel.", "The request conflicts with the current state."),
        [413] = new("Le corps de la requête est trop gros.", "The request body is too large."),
        [415] = new("Ce type de contenu n'est pas accepté.", "This content type is not supported."),
        [422] = new("Des paramètres sont à corriger.", "Some parameters need correcting."),
        [429] = new("Trop de requêtes : réessayez plus tard.", "Too many requests: try again later."),
        [500] = new("Une erreur inattendue s'est produite. Elle a été consignée.", "An unexpected error occurred. It has been logged."),
    };

    /// <summary>
    /// Refusals written by the platform itself rather than by an endpoint (too many requests): a problem body on the API,
    /// the error page elsewhere (by its status code).
    /// </summary>
    public static async Task WriteRefusalAsync(HttpContext context, int status, LocalizedText title, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = title },
            });
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(title, ct);
    }
}
