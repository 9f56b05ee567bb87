using Maillage.Platform.Identity;
using Maillage.Platform.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Platform.Web.BackOffice;

/// <summary>
/// Where sign-in leads when nothing else was asked for: on to the person's main task (<see cref="Menu.LandingOf"/>) — a
/// reception agent's reception screen, an organiser's agenda, a funder's figures —, else the dashboard.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class StartModel(Menu menu) : PageModel
{
    public const string Path = "/gestion/depart";

    public IActionResult OnGet() => LocalRedirect(menu.LandingOf(User));
}
