using System.Text.Json;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Agenda.PublicAgenda;

internal sealed class RegistrationForm
{
    // Declared in the order the form shows the fields: the error summary lists errors in this order (FormErrors.InFormOrder).
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public PublicStatus? PublicStatus { get; set; }
    public Dictionary<int, string> Answers { get; set; } = [];
    public bool Consent { get; set; }
}

[AllowAnonymous]
internal sealed class EventModel(EventQueries queries, RegistrationDesk desk, RegistrationLimits limits, AgendaMail mail) : PageModel
{
    public EventRow Row { get; private set; } = null!;
    public AgendaEvent Event => Row.Event;
    /// <summary>
    /// Who organises the event, as the page names them and the JSON-LD <c>organizer</c> lists them: its organising
    /// partners, or else the Cité that publishes it (its places' list as address).
    /// </summary>
    public IReadOnlyList<(string Name, string? Url)> Organisers { get; private set; } = [];
    /// <summary>The public page of the place the event is held at, if it is one of the network's.</summary>
    public string? PlaceUrl { get; private set; }
    [BindProperty] public RegistrationForm Input { get; set; } = new();
    public bool WindowOpen => Event.WindowOpen(queries.Now);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    [EnableRateLimiting(AgendaModule.RegistrationRateLimit)]
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        try
        {
            limits.AcquireForClient(HttpContext.Connection.RemoteIpAddress, id);
            await desk.RegisterAsync(id, new RegistrationRequest(Input.FirstName, Input.LastName, Input.Email, Input.Phone, Input.PublicStatus, Input.Consent, Input.Answers), ct: ct);
            // The same page whether the address was new or already registered: the personal link goes by e-mail only.
            // The page names the address as typed, masked, so that the person can spot a typo (nothing else is told).
            TempData[SentModel.AddressKey] = SentModel.Mask(Input.Email);
            return RedirectToPage("Sent", new { id });
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, nameof(Input), RegistrationDesk.FormLevel);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct: ct) is not { } row) return false;
        Row = row;
        var cite = queries.Cites.GetValueOrDefault(id);
        var partners = queries.Organisers.GetValueOrDefault(id) ?? [];
        Organisers = partners.Count > 0 ? partners.Select(p => (p.Name, p.Website)).ToList()
            : cite is null ? [] : [(cite.Name, (string?)$"{mail.BaseUrl}/lieux?cite={cite.Slug}")];
        PlaceUrl = Event.Structure is { } s && cite is not null ? $"/lieux/{cite.Slug}/{s.Slug}" : null;
        return true;
    }

    /// <summary>schema.org Event as JSON-LD: a data block, not a script, so the CSP does not apply.</summary>
    public string JsonLd()
    {
        var e = Event;
        var url = $"{mail.BaseUrl}/agenda/{e.Id}";
        object location = e.Structure is { } s
            ? new Dictionary<string, object?> { ["@type"] = "Place", ["name"] = s.Name, ["url"] = PlaceUrl is null ? null : mail.BaseUrl + PlaceUrl, ["address"] = new Dictionary<string, object?> { ["@type"] = "PostalAddress", ["streetAddress"] = s.Street, ["postalCode"] = s.PostalCode, ["addressLocality"] = s.City, ["addressCountry"] = s.Country } }
            : !string.IsNullOrWhiteSpace(e.VenueName)
                ? new Dictionary<string, object?> { ["@type"] = "Place", ["name"] = e.VenueName, ["address"] = e.VenueAddress }
                : new Dictionary<string, object?> { ["@type"] = "VirtualLocation", ["url"] = e.OnlineUrl };
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org", ["@type"] = "Event", ["name"] = e.Title, ["description"] = e.Description,
            ["startDate"] = e.StartsAt.ToString("yyyy-MM-dd'T'HH:mm:ssK"), ["endDate"] = e.EndsAt.ToString("yyyy-MM-dd'T'HH:mm:ssK"),
            ["eventStatus"] = e.Status == EventStatus.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = e.StructureId is null && string.IsNullOrWhiteSpace(e.VenueName) ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
            ["location"] = location, ["inLanguage"] = e.Language, ["isAccessibleForFree"] = true, ["url"] = url,
            ["organizer"] = Organisers.Select(o => new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = o.Name, ["url"] = o.Url }).ToList(),
            ["maximumAttendeeCapacity"] = e.Capacity, ["remainingAttendeeCapacity"] = e.PlacesLeft,
            ["offers"] = new Dictionary<string, object?> { ["@type"] = "Offer", ["price"] = "0", ["priceCurrency"] = "EUR", ["url"] = url, ["availability"] = e.PlacesLeft is 0 ? "https://schema.org/SoldOut" : "https://schema.org/InStock" },
        };
        // Escape '<' so that no text can close the data block.
        return JsonSerializer.Serialize(data, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }
}
