using System.Security.Claims;
using Maillage.Platform.Localization;
using Maillage.Platform.Modules;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Identity;

/// <summary>
/// Carried by every staff policy (<see cref="Policies"/>), whatever the page's or endpoint's path (issue 18):
/// <list type="bullet">
/// <item>a cookie session must have completed two-factor sign-in (or enrolment) when <see cref="SecurityOptions.RequireTwoFactor"/>
/// is on — Identity marks such a session with the claim <c>amr=mfa</c>; a password-only session (<c>amr=pwd</c>) is refused;</item>
/// <item>an API token opens the JSON API only (<see cref="ApiEndpointMetadata"/>), never a page, and only within its scopes
/// (<see cref="ApiScopes"/>); its roles are still those its owner holds now;</item>
/// <item>a write to the API by cookie must show the antiforgery header or come from the same origin (CSRF).</item>
/// </list>
/// </summary>
internal sealed class StaffSessionRequirement : IAuthorizationRequirement
{
    public static readonly StaffSessionRequirement Instance = new();
}

/// <summary>Why <see cref="StaffSessionRequirement"/> refused: read by <see cref="StaffSessionResultHandler"/> to answer.</summary>
internal sealed class StaffSessionFailure(IAuthorizationHandler handler, StaffSessionFailure.Reason why, LocalizedText text)
    : AuthorizationFailureReason(handler, text.En)
{
    public enum Reason { TwoFactorRequired, TokenOutsideApi, ScopeMissing, CrossSite }

    public Reason Why { get; } = why;
    public LocalizedText Text { get; } = text;
}

internal sealed class StaffSessionHandler(IOptionsMonitor<SecurityOptions> security, IAntiforgery antiforgery, IHttpContextAccessor accessor)
    : AuthorizationHandler<StaffSessionRequirement>
{
    /// <summary>The claim Identity adds at sign-in: <c>pwd</c> after the password alone, <c>mfa</c> after the second factor.</summary>
    public const string MethodClaim = "amr";
    public const string MultiFactor = "mfa";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffSessionRequirement requirement)
    {
        var identity = context.User.Identity;
        if (identity?.IsAuthenticated != true) return; // RequireAuthenticatedUser answers it
        var http = context.Resource as HttpContext ?? accessor.HttpContext;
        var endpoint = http?.GetEndpoint();
        var isApi = endpoint?.Metadata.GetMetadata<ApiEndpointMetadata>() is not null;

        if (identity.AuthenticationType == AuthSchemes.Bearer)
        {
            if (!isApi || http is null)
            {
                Fail(context, StaffSessionFailure.Reason.TokenOutsideApi, new(
                    "Un jeton d'API n'ouvre que l'API (/api/v1), jamais l'espace professionnel : connectez-vous avec votre mot de passe.",
                    "An API token opens the API (/api/v1) only, never the staff area: sign in with your password."));
                return;
            }
            var needed = ApiScopes.Needed(endpoint!, http.Request.Method);
            if (!ApiScopes.Allows(context.User, needed))
            {
                Fail(context, StaffSessionFailure.Reason.ScopeMissing, new(
                    $"Ce jeton n'a pas la portée « {needed.Scope} »{(needed.OrRead ? " ni « read »" : "")} que demande cet appel ; créez un jeton avec cette portée.",
                    $"This token lacks the scope '{needed.Scope}'{(needed.OrRead ? " (or 'read')" : "")} this call needs; create a token with that scope."));
                return;
            }
            context.Succeed(requirement);
            return;
        }

        if (identity.AuthenticationType != IdentityConstants.ApplicationScheme) return;
        if (security.CurrentValue.RequireTwoFactor && !context.User.HasClaim(MethodClaim, MultiFactor))
        {
            Fail(context, StaffSessionFailure.Reason.TwoFactorRequired, new(
                "La double authentification est obligatoire : activez-la sur /gestion/compte/double-authentification, ou reconnectez-vous avec votre code.",
                "Two-factor authentication is required: turn it on at /gestion/compte/double-authentification, or sign in again with your code."));
            return;
        }
        if (isApi && http is not null && !IsSafe(http.Request.Method) && !SameOrigin(http.Request) && !await antiforgery.IsRequestValidAsync(http))
        {
            Fail(context, StaffSessionFailure.Reason.CrossSite, new(
                "Requête refusée : un appel de l'API qui modifie des données avec le cookie de session doit venir de Maillage même (en-tête Origin) ou porter l'en-tête X-CSRF-TOKEN. Un logiciel partenaire utilise un jeton d'API.",
                "Request refused: an API call that changes data with the session cookie must come from Maillage itself (Origin header) or carry the X-CSRF-TOKEN header. Partner software uses an API token."));
            return;
        }
        context.Succeed(requirement);
    }

    private void Fail(AuthorizationHandlerContext context, StaffSessionFailure.Reason why, LocalizedText text) =>
        context.Fail(new StaffSessionFailure(this, why, text));

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary><c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> equal to the request's own scheme, host and port.</summary>
    internal static bool SameOrigin(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.OrdinalIgnoreCase)) return true;
        var origin = request.Headers.Origin.ToString();
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !request.Host.HasValue) return false;
        if (!Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var self)) return false;
        return Uri.Compare(from, self, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}

/// <summary>
/// Answers a refusal of <see cref="StaffSessionRequirement"/> with its reason: a page sends a person without two-factor
/// to the enrolment page; anything else gets a 403 problem naming the reason. Other refusals go on as before.
/// </summary>
internal sealed class StaffSessionResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failure = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailureReasons.OfType<StaffSessionFailure>().FirstOrDefault()
            : null;
        if (failure is null)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var isApi = context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpointMetadata>() is not null;
        if (failure.Why == StaffSessionFailure.Reason.TwoFactorRequired && !isApi)
        {
            context.Response.Redirect(IdentitySetup.EnrolPath);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = Localization.Text.T(failure.Text.Fr, failure.Text.En),
                Type = "https://maillage.example/problems/" + failure.Why switch
                {
                    StaffSessionFailure.Reason.TwoFactorRequired => "two-factor-required",
                    StaffSessionFailure.Reason.TokenOutsideApi => "token-outside-api",
                    StaffSessionFailure.Reason.ScopeMissing => "token-scope-missing",
                    _ => "cross-site-request",
                },
            },
        });
    }
}

/// <summary>
/// What an API token may do besides its owner's roles. <c>read</c>: every read (GET) the owner's roles allow; one scope per
/// module that writes through the API (<c>agenda</c>, <c>network</c>, <c>visits</c>: the module's name), for its writes and
/// its reads. A call needs the scope that matches it, and the owner's roles as they are now.
/// </summary>
public static class ApiScopes
{
    public const string Claim = "maillage:scope";
    public const string Read = "read";

    /// <summary>What a call needs: <paramref name="Scope"/>, or <c>read</c> as well when <paramref name="OrRead"/>.</summary>
    public sealed record Need(string Scope, bool OrRead);

    public static Need Needed(Endpoint endpoint, string method)
    {
        var module = endpoint.Metadata.GetMetadata<ModuleMetadata>()?.Module ?? "platform";
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
        return new Need(module, OrRead: read);
    }

    public static bool Allows(ClaimsPrincipal user, Need need) =>
        user.HasClaim(Claim, need.Scope) || (need.OrRead && user.HasClaim(Claim, Read));

    /// <summary>Scopes as stored: space-separated, lower case, sorted, without repeats.</summary>
    public static string Join(IEnumerable<string> scopes) =>
        string.Join(' ', scopes.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal));

    public static IReadOnlyList<string> Split(string? stored) => (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A scope a person can choose, with the API calls it opens (from the endpoints themselves).</summary>
    public sealed record Choice(string Scope, IReadOnlyList<string> Calls);

    /// <summary><c>read</c> and one scope per module mapping staff writes on the API, each with the calls it opens.</summary>
    public static IReadOnlyList<Choice> Available(EndpointDataSource endpoints)
    {
        var calls = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ApiEndpointMetadata>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Need: Needed(e, m), Call: $"{m} /{e.RoutePattern.RawText?.TrimStart('/')}")))
            .ToList();
        var writes = calls.Where(c => !c.Need.OrRead).GroupBy(c => c.Need.Scope).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Choice(g.Key, g.Select(c => c.Call).Distinct().Order(StringComparer.Ordinal).ToList()));
        return [new Choice(Read, calls.Where(c => c.Need.OrRead).Select(c => c.Call).Distinct().Order(StringComparer.Ordinal).ToList()), .. writes];
    }
}
