using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Identity;

/// <summary>
/// When two-factor sign-in is required, a member of staff signed in without it is sent to the
/// enrolment page before anything else in the back office.
/// </summary>
internal sealed class TwoFactorEnrolment(RequestDelegate next, IOptionsMonitor<SecurityOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (options.CurrentValue.RequireTwoFactor
            && context.User.Identity?.IsAuthenticated == true
            && context.User.Identity.AuthenticationType == IdentityConstants.ApplicationScheme
            && context.Request.Path.StartsWithSegments("/gestion")
            && !context.Request.Path.StartsWithSegments(IdentitySetup.EnrolPath)
            && !context.Request.Path.StartsWithSegments("/gestion/deconnexion"))
        {
            // Resolved only here: other requests build no user manager (nor the database context behind it).
            var user = await context.RequestServices.GetRequiredService<UserManager<StaffUser>>().GetUserAsync(context.User);
            if (user is not null && !user.TwoFactorEnabled)
            {
                context.Response.Redirect(IdentitySetup.EnrolPath);
                return;
            }
        }
        await next(context);
    }
}
