using Microsoft.AspNetCore.Authorization;

namespace Maillage.Platform.Identity;

/// <summary>
/// The policies pages and endpoints name. A policy says who may come in; whether they may touch a
/// given resource is then decided on its scope by <see cref="StaffAccess"/>.
/// </summary>
internal static class Policies
{
    /// <summary>Any signed-in member of staff (cookie or API token).</summary>
    public const string Staff = "Staff";
    /// <summary>Coordinators and administrators, who manage the network of their scope.</summary>
    public const string NetworkManagers = "NetworkManagers";
    /// <summary>Administrators of a Cité and platform operators: users, audit trail.</summary>
    public const string Administrators = "Administrators";

    public const string RoleClaim = "maillage:role";

    public static AuthorizationBuilder AddMaillagePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, p => p.AddAuthenticationSchemes(AuthSchemes.Default).RequireAuthenticatedUser())
        .AddPolicy(NetworkManagers, p => p.AddAuthenticationSchemes(AuthSchemes.Default).RequireAuthenticatedUser()
            .RequireClaim(RoleClaim, StaffAccess.NetworkManagers.Select(r => r.ToString())))
        .AddPolicy(Administrators, p => p.AddAuthenticationSchemes(AuthSchemes.Default).RequireAuthenticatedUser()
            .RequireClaim(RoleClaim, StaffAccess.Administrators.Select(r => r.ToString())));
}

internal static class AuthSchemes
{
    /// <summary>Chooses the bearer token when an Authorization header is present, the cookie otherwise.</summary>
    public const string Default = "Maillage";
    public const string Bearer = "Bearer";
}
