using System.Security.Claims;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;

namespace Maillage.Platform.Modules;

/// <summary>The groups of the staff menu, in the order they show.</summary>
public enum MenuGroup { Home, Reception, Agenda, Statistics, Network, Administration }

/// <summary>A link of the staff menu, registered by its module (<see cref="ModuleBuilder.Menu"/>).</summary>
internal sealed record MenuEntry(MenuGroup Group, LocalizedText Label, string Href, StaffRole[] ShownTo)
{
    public bool IsShownTo(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && (ShownTo.Length == 0 || ShownTo.Any(role => user.HasClaim(Policies.RoleClaim, role.ToString())));
}

/// <summary>The staff menu: the registered entries a person may use, by group then in the order the modules added them.</summary>
internal sealed class Menu(IEnumerable<MenuEntry> entries)
{
    private readonly MenuEntry[] _entries = entries.Select((e, i) => (e, i)).OrderBy(x => x.e.Group).ThenBy(x => x.i).Select(x => x.e).ToArray();

    public IReadOnlyList<MenuEntry> All => _entries;

    public IEnumerable<MenuEntry> For(ClaimsPrincipal user) => _entries.Where(e => e.IsShownTo(user));
}
