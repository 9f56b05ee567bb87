using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Maillage.Network;
using Maillage.Network.Places;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Presence;

/// <summary>
/// <c>GET /api/v1/structures/{id}/on-duty?at=</c> (the duties in force at an instant) and
/// <c>GET /api/v1/structures/{id}/on-duty.ics</c> (the structure's duties as an iCalendar feed): public, anonymous,
/// naming partners and poles, never a staff member (issue 20, item 3).
/// </summary>
internal static class PresenceApi
{
    public const string CalendarContentType = "text/calendar; charset=utf-8";
    /// <summary>How far back and ahead the feed reaches when no period is asked for.</summary>
    public const int FeedDaysBack = 30, FeedDaysAhead = 120;
    /// <summary>The longest period the feed answers at once.</summary>
    public const int FeedMaxDays = 400;

    public static RouteGroupBuilder MapPresenceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/structures/{id:int}/on-duty", async (int id, string? at, string? cite, PresenceStructures structures, DutyPresence presence, TimeProvider clock, CancellationToken ct) =>
            {
                var instant = ParseInstant(at, "at") ?? clock.GetUtcNow();
                var place = await structures.FindAsync(id, cite, ct);
                var duties = await presence.HeldAsync(id, instant, instant.AddTicks(1), ct);
                return TypedResults.Ok(duties.Select(d => new OnDutyDto(place.PoleName(d.PoleId), d.Partner, place.Local(d.From), place.Local(d.To))).ToList());
            })
            .AllowAnonymous().WithTags("Roster").WithName("OnDuty").WithMetadata(new Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute { PolicyName = Platform.Web.PublicCache.PolicyByMinute, Tags = [RosterModule.PresenceCacheTag] })
            .WithSummary("The duties in force at a place at an instant (at: ISO 8601 with its offset, default now): [{pole, partner, from, to}], "
                         + "times in the place's local offset. Partners only, never a staff member; an absent counsellor's duty is not listed, "
                         + "a replacement is. cite (a Cité's slug) checks the place belongs to it. 400 for a bad at, 404 for an unknown place or one of another Cité. "
                         + "Answered from the public output cache (a few seconds, evicted by any change to duties, places, poles or partners).");

        api.MapGet("/structures/{id:int}/on-duty.ics", async (int id, string? from, string? to, string? cite, PresenceStructures structures, DutyPresence presence, TimeProvider clock, CancellationToken ct) =>
            {
                var place = await structures.FindAsync(id, cite, ct);
                var today = DateOnly.FromDateTime(place.Local(clock.GetUtcNow()).DateTime);
                var first = DateInput.Parse(from, "from") ?? today.AddDays(-FeedDaysBack);
                var last = DateInput.Parse(to, "to") ?? today.AddDays(FeedDaysAhead);
                if (last < first)
                    throw new RuleViolation("to", new("La date de fin précède la date de début.", "The end date is before the start date."), StatusCodes.Status400BadRequest);
                if (last.DayNumber - first.DayNumber > FeedMaxDays)
                    throw new RuleViolation("to", new($"Le flux couvre au plus {FeedMaxDays} jours à la fois.", $"The feed covers at most {FeedMaxDays} days at once."), StatusCodes.Status400BadRequest);
                var duties = await presence.HeldAsync(id, place.StartOf(first), place.StartOf(last.AddDays(1)), ct);
                return TypedResults.Text(Calendar(place, duties), CalendarContentType);
            })
            .AllowAnonymous().WithTags("Roster").WithName("OnDutyFeed").WithMetadata(Platform.Web.PublicCache.Tagged(RosterModule.PresenceCacheTag))
            .WithSummary("iCalendar feed (RFC 5545) of a place's duties, one event per duty held: the pole and the partner, never a staff member. "
                         + "from and to (YYYY-MM-DD, the place's local dates) default to 30 days back and 120 ahead, at most 400 days.");
        return api;
    }

    /// <summary>An ISO 8601 instant with its offset; null when empty; a 400 naming <paramref name="field"/> otherwise.</summary>
    public static DateTimeOffset? ParseInstant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        var t = value.IndexOf('T');
        var time = t < 0 ? "" : value[(t + 1)..];
        if (t < 10 || !(time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+') || time.Contains('-'))
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
            throw new RuleViolation(field, new(
                $"« {DateInput.Shown(value)} » n'est pas une date et heure ISO 8601 avec son décalage (par exemple 2026-12-03T14:00:00+01:00).",
                $"\"{DateInput.Shown(value)}\" is not an ISO 8601 date and time with its offset (for example 2026-12-03T14:00:00+01:00)."), StatusCodes.Status400BadRequest);
        DateInput.CheckYear(instant.Year, field, StatusCodes.Status400BadRequest);
        return instant;
    }

    private static string Calendar(PresencePlace place, IReadOnlyList<PlaceDuty> duties)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Maillage//Permanences des partenaires//FR" };
        calendar.AddProperty("X-WR-CALNAME", Text.T($"Permanences — {place.Name}", $"Duties — {place.Name}"));
        foreach (var d in duties)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"duty-{place.Id}-{d.PoleId}-{d.From.UtcTicks}-{Uid(d.Partner)}@maillage",
                Summary = $"{place.PoleName(d.PoleId)} : {d.Partner}",
                Location = place.Name,
                Start = new CalDateTime(d.From.UtcDateTime, "UTC"),
                End = new CalDateTime(d.To.UtcDateTime, "UTC"),
                Status = "CONFIRMED",
                Transparency = "TRANSPARENT",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>A stable part of the UID from the partner's name (a duty taken over by another partner is another entry).</summary>
    private static string Uid(string partner) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(partner)))[..12].ToLowerInvariant();
}

/// <summary>One duty in force, as the public API gives it.</summary>
internal sealed record OnDutyDto(string Pole, string Partner, DateTimeOffset From, DateTimeOffset To);

/// <summary>What the presence needs of a place: its Cité, zone and the names of its poles.</summary>
internal sealed record PresencePlace(int Id, string Name, string CiteSlug, TimeZoneInfo Zone, IReadOnlyDictionary<int, (string Fr, string? En)> Poles)
{
    public string PoleName(int poleId) =>
        Poles.TryGetValue(poleId, out var p) ? (LocalizedText.IsEnglish && p.En is not null ? p.En : p.Fr) : "";

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Midnight of a local date, as an instant.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var wall = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(wall, Zone.GetUtcOffset(wall));
    }
}

/// <summary>Finds a public place for the presence endpoints: unknown, of another Cité than <c>cite</c>, or outside the reader's Cités → 404.</summary>
internal sealed class PresenceStructures(MaillageDb db)
{
    public async Task<PresencePlace> FindAsync(int id, string? cite, CancellationToken ct)
    {
        var row = await db.Structures.AsNoTracking().Where(s => s.Id == id && s.Status != StructureStatus.Closed)
            .Select(s => new { s.Id, s.Name, Cite = s.Cite.Slug, s.TimeZoneId, Poles = s.Poles.Select(p => new { p.Id, p.Name, p.NameEn }).ToList() })
            .FirstOrDefaultAsync(ct);
        if (row is null || (!string.IsNullOrWhiteSpace(cite) && !string.Equals(row.Cite, cite.Trim(), StringComparison.OrdinalIgnoreCase)))
            throw new NotFoundProblem(new($"Aucun lieu n'a le numéro {id}{(string.IsNullOrWhiteSpace(cite) ? "" : " dans cette Cité")}.",
                $"No place has the id {id}{(string.IsNullOrWhiteSpace(cite) ? "" : " in this Cité")}."));
        return new PresencePlace(row.Id, row.Name, row.Cite, TimeZoneInfo.FindSystemTimeZoneById(row.TimeZoneId),
            row.Poles.ToDictionary(p => p.Id, p => (p.Name, p.NameEn)));
    }
}
