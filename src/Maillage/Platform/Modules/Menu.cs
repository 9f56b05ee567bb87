using System.Security.Claims;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;

namespace Maillage.Platform.Modules;

/// <summary>The groups of the staff menu, in the order they show; <see cref="Home"/> has no heading.</summary>
public enum MenuGroup { Home, Reception, Agenda, Statistics, Network, Administration }

/// <summary>
/// A link of the staff menu, registered by its module (<see cref="ModuleBuilder.Menu"/>). It names the authorization
/// policy of the page it leads to: the menu shows it to the people that policy lets in, so that a link shown is never
/// refused by its page's policy.
/// </summary>
internal sealed record MenuEntry(MenuGroup Group, LocalizedText Label, string Href, string Policy);

/// <summary>The role whose main task a page is: where that role lands after signing in (<see cref="ModuleBuilder.Landing"/>).</summary>
internal sealed record LandingEntry(StaffRole Role, string Href);

/// <summary>The staff menu: the registered entries a person may use, by group then in the order the modules added them.</summary>
internal sealed class Menu(IEnumerable<MenuEntry> entries, IEnumerable<LandingEntry> landings)
{
    /// <summary>The landing page of anyone whose roles name no single main task.</summary>
    public const string Dashboard = "/gestion";

    private readonly MenuEntry[] _entries = entries.Select((e, i) => (e, i)).OrderBy(x => x.e.Group).ThenBy(x => x.i).Select(x => x.e).ToArray();
    private readonly LandingEntry[] _landings = landings.ToArray();

    public IReadOnlyList<MenuEntry> All => _entries;

    /// <summary>The heading a group shows under, in the menu and on the dashboard (none for <see cref="MenuGroup.Home"/>).</summary>
    public static LocalizedText? Heading(MenuGroup group) => group switch
    {
        MenuGroup.Reception => new("Accueil", "Reception"),
        MenuGroup.Agenda => new("Agenda", "Agenda"),
        MenuGroup.Statistics => new("Statistiques", "Statistics"),
        MenuGroup.Network => new("Réseau", "Network"),
        MenuGroup.Administration => new("Administration", "Administration"),
        _ => null,
    };

    /// <summary>
    /// Adds each entry's policy to the page at its address (a convention of the Razor pages, <see cref="PlatformModule.UsePlatform"/>):
    /// a page reached from the menu demands the very policy that shows its link, whatever else its own <c>[Authorize]</c> names.
    /// </summary>
    public void Guard(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder route || route.RoutePattern.RawText is not { } raw) return;
        var path = "/" + raw.Trim('/');
        foreach (var entry in _entries.Where(e => e.Href == path))
            endpoint.Metadata.Add(new AuthorizeAttribute(entry.Policy));
    }

    /// <summary>
    /// The entries whose page's policy lets this person in, evaluated by <see cref="IAuthorizationService"/> as the page
    /// itself will be (kept for the request: the layout and the dashboard both ask).
    /// </summary>
    public async Task<IReadOnlyList<MenuEntry>> ForAsync(HttpContext http)
    {
        if (http.Items[typeof(Menu)] is IReadOnlyList<MenuEntry> known) return known;
        var shown = new List<MenuEntry>();
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            foreach (var entry in _entries)
                if ((await authorization.AuthorizeAsync(http.User, http, entry.Policy)).Succeeded) shown.Add(entry);
        }
        http.Items[typeof(Menu)] = shown;
        return shown;
    }

    /// <summary>
    /// Where the person lands after signing in: the main task of their roles when they all name the same one (a reception
    /// agent's reception, an organiser's agenda, a funder's figures), else the dashboard.
    /// </summary>
    public string LandingOf(ClaimsPrincipal user)
    {
        var roles = user.FindAll(Policies.RoleClaim).Select(c => c.Value).Distinct().ToList();
        var targets = roles.Select(r => _landings.FirstOrDefault(l => l.Role.ToString() == r)?.Href ?? Dashboard).Distinct().ToList();
        return targets.Count == 1 ? targets[0] : Dashboard;
    }
}
