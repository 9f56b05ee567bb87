using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Agenda.PublicAgenda;

/// <summary>
/// Where the registration form leads, whatever happened to the address: the status and the personal link are in the
/// e-mail sent to it, so that this page tells nobody whether an address was already registered. It names the address
/// the person typed, masked (a•••@exemple.fr), from the form's own post (TempData): what they typed, nothing the server knew.
/// </summary>
[AllowAnonymous]
internal sealed class SentModel(EventQueries queries) : PageModel
{
    public const string AddressKey = "RegistrationSentTo";

    public AgendaEvent Event { get; private set; } = null!;
    /// <summary>The address typed in the form, masked; null when the page is reloaded or opened directly.</summary>
    public string? MaskedAddress { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct: ct) is not { } row) return NotFound();
        Event = row.Event;
        MaskedAddress = TempData[AddressKey] as string;
        return Page();
    }

    /// <summary>The first character of the local part, then "•••", then the domain: enough to spot a typo, not to read the address.</summary>
    public static string? Mask(string? email)
    {
        var address = email?.Trim();
        if (string.IsNullOrEmpty(address)) return null;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return null;
        return $"{address[0]}•••{address[at..]}";
    }
}
