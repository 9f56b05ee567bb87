using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Maillage.Platform.Tenancy;

/// <summary>
/// A page or endpoint that requires a signed-in user reads only the Cités that user works in.
/// Public pages (those that allow anonymous access) read the published network of every Cité.
/// </summary>
internal sealed class TenantMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var endpoint = context.GetEndpoint();
        var requiresUser = endpoint?.Metadata.GetMetadata<IAuthorizeData>() is not null
                           && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
        if (requiresUser && context.User.Identity?.IsAuthenticated == true)
        {
            // Resolved only here: public requests (most of the traffic) build no staff services.
            var cites = await context.RequestServices.GetRequiredService<StaffAccess>().CiteIdsAsync();
            if (cites is not null) tenant.RestrictTo(cites);
        }
        await next(context);
    }
}
