using Maillage.Agenda.Feeds;
using Maillage.Agenda.PublicAgenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>The agenda's JSON API (SPEC §14) and its iCalendar feed.</summary>
internal static class EventApi
{
    /// <summary>The body of POST and PUT: the event's fields, and for a new event how to repeat it (PUT ignores it: a series is made on creation).</summary>
    public sealed record CreateEventRequest : EventFields
    {
        public SeriesPlan? Repeat { get; init; }
    }

    public sealed record EventUpdateResponse(EventDto Event, IReadOnlyList<int> ChangedEventIds);

    public sealed record CapacityRequest(int? Capacity);
    public sealed record CancelEventRequest(string? Reason);

    public static readonly Platform.Identity.StaffRole[] Organisers =
        [Platform.Identity.StaffRole.EventOrganiser, Platform.Identity.StaffRole.Coordinator, Platform.Identity.StaffRole.Administrator, Platform.Identity.StaffRole.PlatformOperator];

    public static SeriesEditScope ParseScope(string? scope) => scope?.Trim().ToLowerInvariant() switch
    {
        null or "" or "occurrence" => SeriesEditScope.ThisOccurrence,
        "following" => SeriesEditScope.ThisAndFollowing,
        _ => throw new RuleViolation("scope", new("La portée est « occurrence » (cette séance) ou « following » (celle-ci et les suivantes).", "The scope is \"occurrence\" (this one) or \"following\" (this one and the following ones).")),
    };

    public static RouteGroupBuilder MapEventApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Agenda");
        events.MapGet("/", ListAsync)
            .AllowAnonymous().WithName("ListEvents").WithMetadata(PublicCache.Tagged(AgendaModule.CacheTag))
            .WithSummary($"The public agenda: published events from today (or 'from'), filtered by dates (YYYY-MM-DD), structure, territory, type, theme, audience, placesLeft; "
                         + $"in pages of {EventQueries.ApiPageSize} (page, pageSize up to {EventQueries.MaxApiPageSize}), with X-Total-Count and a Link header (rel next / prev).");

        events.MapGet("/{id:int}", async Task<Results<Ok<EventDto>, ProblemHttpResult>> (int id, EventQueries queries, AgendaMail mail, CancellationToken ct) =>
                await queries.FindAsync(id, ct: ct) is { } row
                    ? TypedResults.Ok(EventDto.From(row, mail.BaseUrl))
                    : TypedResults.Problem(statusCode: 404, title: $"No published event has the id {id}."))
            .AllowAnonymous().WithName("GetEvent").WithSummary("One event with capacity, confirmedCount, waitlistCount and placesLeft.");

        events.MapPost("/", CreateAsync)
            .RequireAuthorization(Policies.Staff).WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithName("CreateEvent").WithSummary("Creates an event (organisers, coordinators and administrators of the structure's scope); published unless status is draft.");

        events.MapPut("/{id:int}", UpdateAsync)
            .RequireAuthorization(Policies.Staff).WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithName("UpdateEvent")
            .WithSummary("Replaces every field of an event (same body as POST; organiserIds and questions are kept when omitted). For an occurrence of a series, scope=occurrence (default) changes it alone; "
                         + "scope=following changes it and the following occurrences not cancelled nor past: they keep their dates, take the changed fields and "
                         + "shift their time of day as this one did. Registrations are kept; registrants of a moved event are emailed. "
                         + "422 naming the field for a broken rule (e.g. capacity below the seats taken), 403 outside one's scope, 404 for another Cité's event.");

        events.MapPut("/{id:int}/capacity", ChangeCapacityAsync)
            .RequireAuthorization(Policies.Staff).WithName("ChangeEventCapacity")
            .WithSummary("Raises (promoting the waiting list) or lowers the capacity; never below the seats already taken (422).");

        events.MapPost("/{id:int}/cancel", CancelAsync)
            .RequireAuthorization(Policies.Staff).WithName("CancelEvent").WithSummary("Cancels the event; every registrant is told by email.");

        events.MapPublicRegistrations(api);

        api.MapGet("/agenda.ics", FeedAsync)
            .AllowAnonymous().WithTags("Agenda").WithName("AgendaFeed").WithSummary("iCalendar feed (RFC 5545) of the agenda, with the same filters as GET /events.");
        return api;
    }

    private static async Task<Ok<List<EventDto>>> ListAsync(HttpContext http, EventQueries queries, AgendaMail mail, string? from, string? to, int? structure, int? territory, string? type, string? theme, string? audience, bool? placesLeft, int? page, int? pageSize, string? cite, CancellationToken ct)
    {
        var filter = EventFilter.Parse(from, to, structure, territory, type, theme, audience, placesLeft, cite);
        if (pageSize is < 1 or > EventQueries.MaxApiPageSize)
            throw new RuleViolation("pageSize", new($"pageSize va de 1 à {EventQueries.MaxApiPageSize}.", $"pageSize is 1 to {EventQueries.MaxApiPageSize}."), 400);
        var listing = await queries.PageAsync(filter, PageInput.Page(page), pageSize ?? EventQueries.ApiPageSize, ct);
        PageHeaders(http, listing);
        return TypedResults.Ok(listing.Rows.Select(r => EventDto.From(r, mail.BaseUrl)).ToList());
    }

    [LocalTimes.Accepted]
    private static async Task<Results<Created<EventDto>, ForbidHttpResult>> CreateAsync(HttpContext http, CreateEventRequest request, EventCreation creation, EventQueries queries, AgendaMail mail, CancellationToken ct)
    {
        request = request with { LocalTimes = request.LocalTimesOf(http) }; // read in the structure's zone, not the server's
        var outcome = await creation.CreateAsync(request, request.Repeat, ct);
        if (outcome.Forbidden) return TypedResults.Forbid();
        outcome.ThrowProblems();
        var e = outcome.Event!;
        var row = await queries.FindAsync(e.Id, includeUnpublished: true, ct);
        return TypedResults.Created($"/api/v1/events/{e.Id}", EventDto.From(row!, mail.BaseUrl));
    }

    [LocalTimes.Accepted]
    private static async Task<Results<Ok<EventUpdateResponse>, ForbidHttpResult>> UpdateAsync(HttpContext http, int id, string? scope, CreateEventRequest request, EventUpdate update, EventQueries queries, AgendaMail mail, CancellationToken ct)
    {
        request = request with { LocalTimes = request.LocalTimesOf(http) }; // read in the structure's zone, not the server's
        var outcome = await update.UpdateAsync(id, request, ParseScope(scope), ct);
        if (outcome.Forbidden) return TypedResults.Forbid();
        outcome.ThrowProblems();
        var row = await queries.FindAsync(id, includeUnpublished: true, ct);
        return TypedResults.Ok(new EventUpdateResponse(EventDto.From(row!, mail.BaseUrl), outcome.Changed));
    }

    private static async Task<Results<Ok<EventDto>, ForbidHttpResult>> ChangeCapacityAsync(int id, CapacityRequest request, EventAccess events, Seats seats, EventQueries queries, AgendaMail mail, CancellationToken ct)
    {
        if (!await events.CanManageAsync(id, ct)) return TypedResults.Forbid();
        if (request.Capacity is null) throw new RuleViolation("capacity", new("Indiquez la capacité.", "Give the capacity."));
        await seats.ChangeCapacityAsync(id, request.Capacity.Value, ct);
        return TypedResults.Ok(EventDto.From((await queries.FindAsync(id, includeUnpublished: true, ct))!, mail.BaseUrl));
    }

    private static async Task<Results<NoContent, ForbidHttpResult>> CancelAsync(int id, CancelEventRequest request, EventAccess events, Cancellations cancellations, CancellationToken ct)
    {
        if (!await events.CanManageAsync(id, ct)) return TypedResults.Forbid();
        await cancellations.CancelEventAsync(id, request.Reason, ct);
        return TypedResults.NoContent();
    }

    private static async Task<ContentHttpResult> FeedAsync(EventQueries queries, AgendaMail mail, string? from, string? to, int? structure, int? territory, string? type, string? theme, string? audience, bool? placesLeft, string? cite, CancellationToken ct)
    {
        var rows = await queries.ListAsync(EventFilter.Parse(from, to, structure, territory, type, theme, audience, placesLeft, cite), ct);
        return TypedResults.Text(EventCalendar.Serialize(rows.Select(r => r.Event), mail.BaseUrl, "Agenda des Cités des métiers"), EventCalendar.ContentType);
    }

    /// <summary>The total in <c>X-Total-Count</c> and the neighbouring pages in <c>Link</c> (RFC 8288), the other parameters kept.</summary>
    private static void PageHeaders(HttpContext http, EventPage listing)
    {
        http.Response.Headers["X-Total-Count"] = listing.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var links = new List<string>();
        string At(int number) => $"<{http.Request.PathBase}{http.Request.Path}{QueryString.Create(http.Request.Query.Where(q => q.Key != "page").Append(new("page", number.ToString(System.Globalization.CultureInfo.InvariantCulture))))}>";
        if (listing.HasPrevious) links.Add($"{At(listing.Page - 1)}; rel=\"prev\"");
        if (listing.HasNext) links.Add($"{At(listing.Page + 1)}; rel=\"next\"");
        if (links.Count > 0) http.Response.Headers.Link = string.Join(", ", links);
    }
}

internal sealed record EventDto(
    int Id, string Title, EventType Type, EventTheme? Theme, EventStatus Status, string Url, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int? Capacity, int ConfirmedCount, int WaitlistCount, int? PlacesLeft, RegistrationMode RegistrationMode, WaitlistPromotion WaitlistPromotion, bool ConfirmByEmail,
    int? StructureId, string? Structure, string? Territory, string? Venue, string? OnlineUrl, IReadOnlyList<EventAudience> Audience,
    string? Tags, string Language, string? Description, string? AccessibilityNotes, int? SeriesId)
{
    public static EventDto From(EventRow row, string baseUrl)
    {
        var e = row.Event;
        return new(e.Id, e.Title, e.Type, e.Theme, e.Status, $"{baseUrl}/agenda/{e.Id}", e.StartsAt, e.EndsAt,
            row.Capacity, row.Confirmed, row.Waitlisted, row.PlacesLeft, e.RegistrationMode, e.WaitlistPromotion, e.ConfirmByEmail,
            e.StructureId, e.Structure?.Name, row.Territory, e.VenueName, e.OnlineUrl, e.Audience.Each().ToList(),
            e.Tags, e.Language, e.Description, e.AccessibilityNotes, e.SeriesId);
    }
}
