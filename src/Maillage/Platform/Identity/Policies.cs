using Microsoft.AspNetCore.Authorization;

namespace Maillage.Platform.Identity;

/// <summary>
/// The policies pages and endpoints name. A policy says who may come in; whether they may touch a
/// given resource is then decided on its scope by <see cref="StaffAccess"/>.
/// </summary>
internal static class Policies
{
    /// <summary>Any signed-in member of staff (cookie with two-factor where required, or API token with the call's scope).</summary>
    public const string Staff = "Staff";
    /// <summary>Coordinators and administrators, who manage the network of their scope.</summary>
    public const string NetworkManagers = "NetworkManagers";
    /// <summary>Administrators of a Cité and platform operators: users, audit trail.</summary>
    public const string Administrators = "Administrators";

    public const string RoleClaim = "maillage:role";
    /// <summary>A role with the kind of scope it is held on ("Counsellor@Partner"): policies that need a place-bound scope.</summary>
    public const string RoleOnClaim = "maillage:role-on";

    /// <summary>
    /// The two-factor enrolment page alone: a cookie session that has not completed two-factor sign-in yet, so that the
    /// person can enrol (every other staff policy refuses such a session, see <see cref="StaffSessionRequirement"/>).
    /// </summary>
    public const string Enrolment = "Enrolment";

    public static AuthorizationBuilder AddMaillagePolicies(this AuthorizationBuilder builder) => builder
        .SetDefaultPolicy(StaffPolicy().Build())
        .AddPolicy(Staff, p => StaffPolicy(p))
        .AddPolicy(NetworkManagers, p => ForRoles(p, StaffAccess.NetworkManagers))
        .AddPolicy(Administrators, p => ForRoles(p, StaffAccess.Administrators))
        .AddPolicy(Enrolment, p => p.AddAuthenticationSchemes(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());

    /// <summary>
    /// A staff policy open to the holders of one of <paramref name="roles"/> (on any scope: the page then checks the
    /// resource's). Modules name theirs with <see cref="Modules.ModuleBuilder.Policy"/>; the menu evaluates the same policy.
    /// </summary>
    public static AuthorizationPolicyBuilder ForRoles(AuthorizationPolicyBuilder p, IEnumerable<StaffRole> roles) =>
        StaffPolicy(p).RequireClaim(RoleClaim, roles.Select(r => r.ToString()));

    /// <summary>
    /// A staff policy open to the holders of one of <paramref name="roles"/> on a scope of one of the <paramref name="kinds"/>:
    /// e.g. the attendance figures, which a counsellor reads for a Cité or a structure but not for a partner alone.
    /// </summary>
    public static AuthorizationPolicyBuilder ForRolesOn(AuthorizationPolicyBuilder p, IEnumerable<StaffRole> roles, IEnumerable<ScopeKind> kinds) =>
        StaffPolicy(p).RequireClaim(RoleOnClaim, roles.SelectMany(r => kinds.Select(k => RoleOn(r, k))));

    public static string RoleOn(StaffRole role, ScopeKind kind) => $"{role}@{kind}";

    /// <summary>Every staff policy: a signed-in person, by cookie or API token, whose session passes <see cref="StaffSessionRequirement"/>.</summary>
    private static AuthorizationPolicyBuilder StaffPolicy(AuthorizationPolicyBuilder? p = null) => (p ?? new AuthorizationPolicyBuilder())
        .AddAuthenticationSchemes(AuthSchemes.Default).RequireAuthenticatedUser().AddRequirements(StaffSessionRequirement.Instance);
}

internal static class AuthSchemes
{
    /// <summary>Chooses the bearer token when an Authorization header is present, the cookie otherwise.</summary>
    public const string Default = "Maillage";
    public const string Bearer = "Bearer";
}
