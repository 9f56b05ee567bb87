using Maillage.Platform.Configuration;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Maillage.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Identity;

public sealed class SecurityOptions
{
    public const string Section = "Maillage:Security";

    /// <summary>Staff must enrol a TOTP authenticator before using the back office.</summary>
    public bool RequireTwoFactor { get; set; } = true;

    /// <summary>How long an instance keeps a person's role assignments and an API token's grant (see AuthorisationCache).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int AuthorisationCacheSeconds { get; set; } = 30;
}

internal static class IdentitySetup
{
    public const string SignInPath = "/gestion/connexion";
    /// <summary>How long a password-reset link stays valid (Identity's data-protection tokens, used for nothing else).</summary>
    public static readonly TimeSpan PasswordResetLifespan = TimeSpan.FromHours(1);
    public const string EnrolPath = "/gestion/compte/double-authentification";

    public static IServiceCollection AddMaillageIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SecurityOptions>(configuration, SecurityOptions.Section);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<AuthorisationCache>();
        services.AddScoped<StaffAccess>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<SignInBudget>();
        services.AddSingleton<SignInBudget.PurgeClock>();
        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                // OWASP ASVS 2.1: length over composition, at least 12 characters, no forced character classes.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<MaillageDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddErrorDescriber<FrenchFirstIdentityErrors>();

        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordResetLifespan);
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The principal rebuilt every minute keeps how the person signed in (amr=mfa after two-factor): Identity drops it.
            o.OnRefreshingPrincipal = ctx =>
            {
                var methods = ctx.CurrentPrincipal?.FindAll(StaffSessionHandler.MethodClaim).ToList() ?? [];
                if (ctx.NewPrincipal?.Identity is ClaimsIdentity identity)
                    foreach (var method in methods.Where(m => !identity.HasClaim(m.Type, m.Value))) identity.AddClaim(new Claim(method.Type, method.Value));
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = "/gestion/deconnexion";
            o.AccessDeniedPath = "/gestion/acces-refuse";
            o.Cookie.Name = ".Maillage.Staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers 401/403 with problem details instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Default;
                o.DefaultChallengeScheme = AuthSchemes.Default;
            })
            .AddPolicyScheme(AuthSchemes.Default, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.Bearer
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(AuthSchemes.Bearer, null);

        services.AddAuthorizationBuilder().AddMaillagePolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, StaffSessionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaffSessionResultHandler>();
        return services;
    }

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds one claim per role held, so that policies can tell staff apart without a query.</summary>
internal sealed class StaffClaimsFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options, MaillageDb db)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var held = await db.RoleAssignments.Where(a => a.UserId == user.Id).Select(a => new { a.Role, a.Scope }).Distinct().ToListAsync();
        foreach (var role in held.Select(h => h.Role).Distinct()) identity.AddClaim(new Claim(Policies.RoleClaim, role.ToString()));
        foreach (var h in held) identity.AddClaim(new Claim(Policies.RoleOnClaim, Policies.RoleOn(h.Role, h.Scope)));
        if (user.DisplayName is not null) identity.AddClaim(new Claim("maillage:display-name", user.DisplayName));
        return identity;
    }
}

/// <summary>Authenticates <c>Authorization: Bearer mlg_...</c> against the hashed API tokens.</summary>
internal sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    MaillageDb db, AuthorisationCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!ApiToken.LooksValid(secret)) return Fail("malformed", new("Le jeton d'API est mal formé.", "The API token is malformed."));
        var hash = ApiToken.HashOf(secret);
        var grant = await cache.TokenAsync(hash, async () =>
        {
            var token = await db.ApiTokens.AsNoTracking().Include(t => t.User).FirstOrDefaultAsync(t => t.Hash == hash);
            if (token is null) return null;
            // Resolved only when the grant is not cached: the claims factory brings Identity's user manager and its
            // validators, hashers and metrics, which a cached call (nearly every one) has no use for.
            var claims = Context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
            var principal = await claims.CreateAsync(token.User);
            // The owner's roles as they are now, and the token's scopes: a call needs both (StaffSessionRequirement).
            var granted = principal.Claims.Where(c => c.Type != ApiScopes.Claim)
                .Concat(ApiScopes.Split(token.Scopes).Select(s => new Claim(ApiScopes.Claim, s))).ToList();
            return new AuthorisationCache.TokenGrant(token.Id, token.UserId, token.RevokedAt, token.User.LockoutEnd, token.LastUsedAt, granted);
        });
        if (grant is null) return Fail("unknown", new("Le jeton d'API est inconnu.", "The API token is unknown."));
        if (grant.RevokedAt is not null) return Fail("revoked", new("Le jeton d'API a été révoqué.", "The API token has been revoked."));
        var now = clock.GetUtcNow();
        // A password lockout (15 minutes after failed sign-ins, possibly someone else's) leaves integrations working; a
        // lockout without end (Identity's way to deactivate an account: LockoutEnd = DateTimeOffset.MaxValue, or anything
        // beyond a year) stops the account's tokens.
        if (grant.LockoutEnd > now.AddYears(1))
            return Fail("deactivated", new("Le compte de ce jeton d'API est désactivé.", "The account of this API token is deactivated."));
        if (grant.LastUsedAt is null || now - grant.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            await db.ApiTokens.Where(t => t.Id == grant.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
            cache.TokenUsed(hash, grant, now);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(grant.Claims, AuthSchemes.Bearer)), AuthSchemes.Bearer));
    }

    private AuthenticateResult Fail(string code, Localization.LocalizedText message)
    {
        // Kept as a pair: the problem body is written in the request's language (issue 19, item 12); the log in English.
        Context.Items["Maillage.TokenError"] = message;
        return AuthenticateResult.Fail(message.En);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        Localization.Cultures.UseRequestCulture(Context);
        var detail = Context.Items["Maillage.TokenError"] is Localization.LocalizedText error ? error.ToString()
                     : Localization.Text.T("Envoyez un jeton d'API valide : « Authorization: Bearer <jeton> ».", "Send a valid API token as 'Authorization: Bearer <token>'.");
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 401, Title = Localization.Text.T("Authentification requise.", "Authentication required."), Detail = detail },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        Localization.Cultures.UseRequestCulture(Context);
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 403, Title = Localization.Text.T("Vos rôles ne permettent pas cette action.", "Your roles do not allow this."),
                Detail = Localization.Text.T("Demandez à un administrateur de votre Cité un rôle sur le bon périmètre.", "Ask an administrator of your Cité for a role on the right scope.") },
        });
    }
}

/// <summary>Identity's messages, French first.</summary>
internal sealed class FrenchFirstIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string fr, string en) => new() { Code = code, Description = Localization.Text.T(fr, en) };
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Le mot de passe doit compter au moins {length} caractères ; une phrase de passe est idéale.", $"The password must be at least {length} characters long; a passphrase is ideal.");
    public override IdentityError PasswordRequiresUniqueChars(int n) => E(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit contenir au moins {n} caractères différents.", $"The password must contain at least {n} different characters.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"L'adresse {email} est déjà utilisée.", $"The address {email} is already in use.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"L'identifiant {userName} est déjà utilisé.", $"The user name {userName} is already in use.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"L'adresse « {email} » n'est pas valide.", $"The address \"{email}\" is not valid.");
}
