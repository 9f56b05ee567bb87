using System.Globalization;
using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>A room: what it offers, its week (a table, one row a day), and the booking form (once or weekly, with the conflicts listed and skippable).</summary>
[Authorize(Policy = RoomsModule.BookersPolicy)]
internal sealed class RoomPageModel(MaillageDb db, RoomBookings bookings, StaffAccess access, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Platform.Email.EmailOptions> email) : PageModel
{
    public sealed class BookingInput
    {
        public string? Date { get; set; }
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
        public string? Title { get; set; }
        public int? Attendees { get; set; }
        public string? Until { get; set; }
        public List<string> Skip { get; set; } = [];
    }

    public sealed record Day(DateOnly Date, IReadOnlyList<TimeRange> Open, LocalizedText? ClosedBecause, IReadOnlyList<RoomBooking> Bookings);

    [FromRoute] public int Id { get; set; }
    [FromQuery(Name = "semaine")] public string? WeekOf { get; set; }
    [BindProperty] public BookingInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    /// <summary>The private feed's address, shown once after it is made or renewed (only its hash is kept).</summary>
    [TempData] public string? FeedAddress { get; set; }

    public Room Room { get; private set; } = null!;
    public Structure Structure { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public DateOnly Monday { get; private set; }
    public IReadOnlyList<Day> Week { get; private set; } = [];
    public bool MayBook { get; private set; }
    public bool MayApprove { get; private set; }
    public string? UserId => access.UserId;
    public IReadOnlyList<PlannedOccurrence>? Plan { get; private set; }
    public IReadOnlyList<string> PartnerNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? date, string? from, string? to, int? seats)
    {
        if (!await LoadAsync()) return NotFound();
        Input = new BookingInput { Date = date, StartsAt = from, EndsAt = to, Attendees = seats };
        return Page();
    }

    public async Task<IActionResult> OnPostBookAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.LocalizeBindingErrors();
        try
        {
            var request = FormRequest();
            if (!string.IsNullOrWhiteSpace(Input.Until))
            {
                Plan = await bookings.PlanSeriesAsync(Id, request, Until(), HttpContext.RequestAborted);
                Input.Skip = Plan.Where(o => !o.Free).Select(o => LocalDate(o.StartsAt).ToString("yyyy-MM-dd")).ToList();
                return Page();
            }
            var booking = await bookings.RequestAsync(Id, request, HttpContext.RequestAborted);
            Notice = booking.Status == BookingStatus.Confirmed
                ? Text.T("Réservation confirmée.", "Booking confirmed.")
                : Text.T("Demande envoyée : la coordination de la structure va la valider ou la refuser.", "Request sent: the structure's coordinator will approve or refuse it.");
            return Redirect($"/gestion/salles/{Id}?semaine={LocalDate(booking.StartsAt):yyyy-MM-dd}");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, formLevel: "");
            return Page();
        }
    }

    public async Task<IActionResult> OnPostSeriesAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.LocalizeBindingErrors();
        try
        {
            var skip = Input.Skip.Select(s => DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : default).ToHashSet();
            var booked = await bookings.RequestSeriesAsync(Id, FormRequest(), Until(), skip, HttpContext.RequestAborted);
            Notice = Text.T($"{booked.Count} réservations enregistrées ({booked[0].Status.Describe().Fr.ToLowerInvariant()}s).", $"{booked.Count} bookings saved ({booked[0].Status.Describe().En.ToLowerInvariant()}).");
            return Redirect($"/gestion/salles/{Id}?semaine={LocalDate(booked[0].StartsAt):yyyy-MM-dd}");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, formLevel: "");
            try { Plan = await bookings.PlanSeriesAsync(Id, FormRequest(), Until(), HttpContext.RequestAborted); } catch (RuleViolation) { }
            return Page();
        }
    }

    public async Task<IActionResult> OnPostFeedAsync()
    {
        try
        {
            var secret = await bookings.RenewFeedAsync(Id, HttpContext.RequestAborted);
            // The configured public address (Email:PublicBaseUrl), as in every e-mail: behind a proxy the request's host is not the one calendars reach.
            FeedAddress = $"{email.Value.PublicBaseUrl.TrimEnd('/')}/api/v1/rooms/feed/{secret}.ics";
        }
        catch (RuleViolation rule)
        {
            Notice = rule.Text;
        }
        return Redirect($"/gestion/salles/{Id}?semaine={WeekOf}#agenda-prive");
    }

    public async Task<IActionResult> OnPostCancelAsync(int bookingId)
    {
        try
        {
            var booking = await bookings.CancelAsync(bookingId, HttpContext.RequestAborted);
            Notice = Text.T($"Réservation « {booking.Title} » annulée : le créneau est libre.", $"Booking \"{booking.Title}\" cancelled: the time is free.");
        }
        catch (RuleViolation rule)
        {
            Notice = rule.Text;
        }
        return Redirect($"/gestion/salles/{Id}?semaine={WeekOf}");
    }

    private BookingRequest FormRequest()
    {
        var problems = new List<RuleViolation>();
        if (!Platform.Errors.DateInput.TryParseForm(Input.Date, out var date))
            problems.Add(new("date", new("Indiquez la date (jj/mm/aaaa).", "Give the date (yyyy-mm-dd).")));
        if (!FormErrors.TryParseTime(Input.StartsAt, out var starts))
            problems.Add(new("startsAt", new("Indiquez l'heure de début (14:00).", "Give the start time (14:00).")));
        if (!FormErrors.TryParseTime(Input.EndsAt, out var ends))
            problems.Add(new("endsAt", new("Indiquez l'heure de fin (16:00).", "Give the end time (16:00).")));
        if (Input.Attendees is null)
            problems.Add(new("attendees", new("Indiquez le nombre de participants.", "Give the number of attendees.")));
        RuleViolation.ThrowIfAny(problems);
        var startsAt = BookingRules.Instant(date.ToDateTime(starts), Zone, "startsAt");
        var endsAt = BookingRules.Instant(date.ToDateTime(ends), Zone, "endsAt");
        return new BookingRequest(startsAt, endsAt, Input.Title, Input.Attendees!.Value);
    }

    private DateOnly Until() =>
        Platform.Errors.DateInput.TryParseForm(Input.Until, out var until)
            ? until
            : throw new RuleViolation("until", new("Indiquez la dernière date de la répétition (jj/mm/aaaa).", "Give the last date of the repetition (yyyy-mm-dd)."));

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
    public string LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync()
    {
        try
        {
            (Room, Structure, var schedule) = await bookings.RoomAsync(Id, HttpContext.RequestAborted);
            Zone = schedule.Zone;
            var today = LocalDate(clock.GetUtcNow());
            var week = DateOnly.TryParseExact(WeekOf, "yyyy-MM-dd", out var w) && w.Year is >= 2000 and <= 2100 ? w : today;
            Monday = week.AddDays(-(((int)week.DayOfWeek + 6) % 7));
            var from = schedule.ToInstant(Monday, TimeOnly.MinValue);
            var until = schedule.ToInstant(Monday.AddDays(7), TimeOnly.MinValue);
            var rows = await db.RoomBookings.AsNoTracking()
                .Where(b => b.RoomId == Id && b.StartsAt < until.ToUniversalTime() && b.EndsAt > from.ToUniversalTime() && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed))
                .OrderBy(b => b.StartsAt).ToListAsync();
            Week = Enumerable.Range(0, 7).Select(i => Monday.AddDays(i)).Select(d =>
            {
                var (open, closed) = schedule.On(d);
                return new Day(d, open, closed, rows.Where(b => LocalDate(b.StartsAt) == d).ToList());
            }).ToList();
            MayApprove = await bookings.MayApproveAsync(Room, Structure);
            MayBook = (await bookings.MayBookAsync(Room, Structure)).May;
            var partnerIds = Room.Partners.Select(p => p.PartnerId).ToList();
            PartnerNames = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync();
            return true;
        }
        catch (NotFoundProblem)
        {
            return false;
        }
    }
}
