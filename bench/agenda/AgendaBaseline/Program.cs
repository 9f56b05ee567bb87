// The agenda benchmark's baseline (docs/performance-history.md, section "Agenda"): a minimal ASP.NET Core program on a
// database created by Maillage, with plain ADO.NET (no EF Core, no MVC, no middleware, no rate limiter):
//   POST /api/v1/events/{id}/registrations  the same conditional seat UPDATE, registration INSERT and outbox INSERT
//                                           in one transaction (waiting list when full), 202 {eventId, message} (the token goes by e-mail only, as in Maillage)
//   GET  /api/v1/events?from=&to=           the first page (100) of the published events of the period, JSON
//   GET  /agenda?from=&to=                  the first page (50) of the same, as a bare HTML list
//
//   dotnet AgendaBaseline.dll --provider sqlite|postgres --database <SQLite connection string | PostgreSQL connection string> --urls http://127.0.0.1:5401
using System.Data.Common;
using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var postgres = (builder.Configuration["provider"] ?? "sqlite").StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
var database = builder.Configuration["database"] ?? throw new InvalidOperationException("Give --database.");
DbDataSource source = postgres ? NpgsqlDataSource.Create(database) : SqliteFactory.Instance.CreateDataSource(database);
var app = builder.Build();
var fr = CultureInfo.GetCultureInfo("fr-FR");
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
string[] types = ["workshop", "tradeZoom", "companyVisit", "informationDay", "forum", "conference", "club", "awarenessMeeting", "parcoursAvenir", "parentsAfterwork", "teacherImmersion", "webinar"];
string[] typesFr = ["Atelier", "Zoom métier", "Visite d'entreprise (Com' les pros)", "Journée d'information", "Forum, salon", "Conférence, colloque", "Club", "Réunion de sensibilisation CitésLab", "Action Parcours Avenir", "Afterwork Paroles de Parents", "Journée d'immersion enseignants", "Webinaire"];
string[] themes = ["orientation", "jobPreparation", "training", "businessCreation", "internshipApprenticeship"];
string[] statuses = ["draft", "published", "cancelled"];
string[] modes = ["none", "open", "waitlist", "approval"];
string[] promotions = ["direct", "offer"];
string[] audiences = ["pupils", "students", "apprentices", "jobSeekers", "employees", "selfEmployed", "seniors", "parents", "professionals", "teachers", "everyone"];
const string BaseUrl = "http://localhost:5080";

app.MapGet("/health/ready", () => "ok");

app.MapPost("/api/v1/events/{id:int}/registrations", async (int id, HttpContext http) =>
{
    JsonElement body;
    try { body = (await JsonDocument.ParseAsync(http.Request.Body)).RootElement; }
    catch (JsonException) { return Results.Problem(statusCode: 400, title: "Malformed JSON."); }
    string? Str(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()?.Trim() : null;
    var (first, last, email, phone) = (Str("firstName"), Str("lastName"), Str("email"), Str("phone"));
    if (string.IsNullOrEmpty(first)) return Invalid("firstName");
    if (string.IsNullOrEmpty(last)) return Invalid("lastName");
    if (string.IsNullOrEmpty(email) || !MailAddress.TryCreate(email, out _)) return Invalid("email");
    if (!(body.TryGetProperty("consent", out var consent) && consent.ValueKind == JsonValueKind.True)) return Invalid("consent");
    var now = DateTimeOffset.UtcNow;
    var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    await using var connection = await source.OpenConnectionAsync();
    if (!postgres) await Exec(connection, null, "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
    await using var tx = await connection.BeginTransactionAsync();
    var status = 1; // confirmed
    var cite = await Scalar(connection, tx, """UPDATE agenda_events SET "SeatsTaken" = "SeatsTaken" + 1 WHERE "Id" = @id AND "Status" = 1 AND "SeatsTaken" < "Capacity" RETURNING "CiteId" """, ("id", id));
    if (cite is null)
    {
        // Full (or not open): a waiting-list place when the event has one, the event row locked until commit.
        await using var find = connection.CreateCommand();
        find.Transaction = tx;
        find.CommandText = $"""SELECT "RegistrationMode", "CiteId" FROM agenda_events WHERE "Id" = @id AND "Status" = 1{(postgres ? " FOR UPDATE" : "")}""";
        Add(find, "id", id);
        await using (var reader = await find.ExecuteReaderAsync())
            if (await reader.ReadAsync() && reader.GetInt32(0) == 2) cite = reader.GetInt32(1);
        if (cite is null) { await tx.RollbackAsync(); return Results.Problem(statusCode: 409, title: "The event is full."); }
        status = 2; // waitlisted
    }
    var registrationId = Convert.ToInt64(await Scalar(connection, tx, """
        INSERT INTO agenda_registrations ("CiteId", "EventId", "Status", "ManageToken", "Source", person_first_name, person_last_name, person_email, person_phone,
            "EmailKey", "ConsentAt", "CreatedAt", "ConfirmedAt", "WaitlistedAt", "Attendance")
        VALUES (@cite, @id, @status, @token, 2, @first, @last, @email, @phone, @key, @now, @now, @confirmed, @waitlisted, 0) RETURNING "Id"
        """, ("cite", cite), ("id", id), ("status", status), ("token", token), ("first", first), ("last", last), ("email", email), ("phone", (object?)phone ?? DBNull.Value),
        ("key", email.ToLowerInvariant()), ("now", Time(now)), ("confirmed", status == 1 ? Time(now) : DBNull.Value), ("waitlisted", status == 2 ? Time(now) : DBNull.Value)));
    int? position = status == 2
        ? (int)Convert.ToInt64(await Scalar(connection, tx, """SELECT COUNT(*) FROM agenda_registrations WHERE "EventId" = @id AND "Status" = 2 AND "Id" <= @rid""", ("id", id), ("rid", registrationId)))
        : null;
    var kind = status == 1 ? "agenda.confirmation" : "agenda.waitlisted";
    // Written as already sent (State 1): the baseline measures writing the e-mail with the registration, as Maillage does;
    // left pending, its rows were delivered by Maillage's dispatcher (same database) during Maillage's next round.
    await Exec(connection, tx, """
        INSERT INTO email_outbox ("CiteId", "MessageId", "Kind", "Subject", "To", "ToName", "Title", "TextBody", "CreatedAt", "DueAt", "State", "Attempts")
        VALUES (@cite, @mid, @kind, @subject, @to, @name, @title, @text, @now, @now, 1, 0)
        """, ("cite", cite), ("mid", $"{Guid.NewGuid():N}@maillage"), ("kind", kind), ("subject", $"registration:{registrationId}"), ("to", email), ("name", $"{first} {last}"),
        ("title", status == 1 ? "Inscription confirmée" : "Liste d'attente"), ("text", $"Bonjour {first},\n\n{BaseUrl}/agenda/inscription/{token}\n"), ("now", Time(now)));
    await tx.CommitAsync();
    return Results.Json(new { eventId = id, message = "Request received: the status and the personal link are e-mailed to the address." }, statusCode: 202);
});

app.MapGet("/api/v1/events", async (HttpContext http, string? from, string? to) =>
{
    var rows = await ReadAsync(from, to, 100);
    http.Response.ContentType = "application/json; charset=utf-8";
    await using (var j = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
    {
        j.WriteStartArray();
        foreach (var e in rows)
        {
            j.WriteStartObject();
            j.WriteNumber("id", e.Id); j.WriteString("title", e.Title); j.WriteString("type", types[e.Type]);
            if (e.Theme is { } th) j.WriteString("theme", themes[th]); else j.WriteNull("theme");
            j.WriteString("status", statuses[e.Status]); j.WriteString("url", $"{BaseUrl}/agenda/{e.Id}");
            j.WriteString("startsAt", e.StartsAt); j.WriteString("endsAt", e.EndsAt);
            if (e.Capacity is { } c) j.WriteNumber("capacity", c); else j.WriteNull("capacity");
            j.WriteNumber("confirmedCount", e.Confirmed); j.WriteNumber("waitlistCount", e.Waitlisted);
            if (e.Capacity is { } c2) j.WriteNumber("placesLeft", Math.Max(0, c2 - e.SeatsTaken)); else j.WriteNull("placesLeft");
            j.WriteString("registrationMode", modes[e.Mode]); j.WriteString("waitlistPromotion", promotions[e.Promotion]);
            if (e.StructureId is { } s) j.WriteNumber("structureId", s); else j.WriteNull("structureId");
            j.WriteString("structure", e.Structure); j.WriteString("territory", e.Territory); j.WriteString("venue", e.Venue); j.WriteString("onlineUrl", e.OnlineUrl);
            j.WriteStartArray("audience");
            for (var bit = 0; bit < audiences.Length; bit++) if ((e.Audience & (1 << bit)) != 0) j.WriteStringValue(audiences[bit]);
            j.WriteEndArray();
            j.WriteString("tags", e.Tags); j.WriteString("language", e.Language); j.WriteString("description", e.Description); j.WriteString("accessibilityNotes", e.Accessibility);
            if (e.SeriesId is { } series) j.WriteNumber("seriesId", series); else j.WriteNull("seriesId");
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }
    await http.Response.BodyWriter.FlushAsync();
});

app.MapGet("/agenda", async (HttpContext http, string? from, string? to) =>
{
    var rows = await ReadAsync(from, to, 50);
    var h = HtmlEncoder.Default;
    var html = new StringBuilder(32 * 1024);
    html.Append("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Agenda des actions collectives</title></head><body>\n<h1>Agenda des actions collectives</h1>\n<ul class=\"cards\">\n");
    foreach (var e in rows)
    {
        var start = TimeZoneInfo.ConvertTime(e.StartsAt, paris);
        var end = TimeZoneInfo.ConvertTime(e.EndsAt, paris);
        html.Append("<li class=\"card\"><h2><a href=\"/agenda/").Append(e.Id).Append("\">").Append(h.Encode(e.Title)).Append("</a></h2>\n<p class=\"muted\">")
            .Append(h.Encode(typesFr[e.Type])).Append("</p>\n<p><time datetime=\"").Append(e.StartsAt.ToString("o")).Append("\">")
            .Append(start.ToString("dddd d MMMM yyyy, HH:mm", fr)).Append('–').Append(end.ToString("HH:mm", fr)).Append("</time></p>\n<p>")
            .Append(h.Encode(string.Join(", ", new[] { e.Structure ?? e.Venue, e.Address }.Where(x => !string.IsNullOrWhiteSpace(x))))).Append("</p>\n<p>");
        if (e.Mode == 0) html.Append("<span class=\"badge\">Entrée libre</span>");
        else if (e.Capacity - e.SeatsTaken > 0) html.Append("<span class=\"badge badge-open\">").Append(e.Capacity - e.SeatsTaken).Append(" place(s) disponible(s)</span>");
        else html.Append("<span class=\"badge badge-closed\">Complet</span>");
        html.Append("</p></li>\n");
    }
    html.Append("</ul>\n</body></html>\n");
    http.Response.ContentType = "text/html; charset=utf-8";
    await http.Response.WriteAsync(html.ToString());
});

app.Run();

IResult Invalid(string field) => Results.Problem(statusCode: 422, title: "Invalid input.", extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = ["Invalid."] } });

// SQLite keeps the agenda's times as UTC ticks (Maillage's SortableTimes), PostgreSQL as timestamptz.
object Time(DateTimeOffset t) => postgres ? t.UtcDateTime : t.UtcTicks;
DateTimeOffset ReadTime(DbDataReader r, int i) => postgres ? new DateTimeOffset(r.GetDateTime(i), TimeSpan.Zero) : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);

async Task<List<Row>> ReadAsync(string? from, string? to, int take)
{
    var start = DateOnly.ParseExact(from ?? DateTime.UtcNow.ToString("yyyy-MM-dd"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    var end = to is null ? start.AddYears(10) : DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    await using var connection = await source.OpenConnectionAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT e."Id", e."Title", e."Type", e."Theme", e."Status", e."StartsAt", e."EndsAt", e."Capacity", e."SeatsTaken", e."RegistrationMode", e."WaitlistPromotion",
               e."StructureId", s."Name", COALESCE(t."Name", v."Name"), e."VenueName", e."OnlineUrl", e."Audience", e."Tags", e."Language", e."Description",
               e."AccessibilityNotes", e."SeriesId", COALESCE(s."Street" || ', ' || s."PostalCode" || ' ' || s."City", e."VenueAddress"),
               (SELECT COUNT(*) FROM agenda_registrations r WHERE r."EventId" = e."Id" AND r."Status" = 1),
               (SELECT COUNT(*) FROM agenda_registrations r WHERE r."EventId" = e."Id" AND r."Status" = 2)
        FROM agenda_events e
        LEFT JOIN "Structures" s ON s."Id" = e."StructureId"
        LEFT JOIN "Territories" t ON t."Id" = s."CommuneId"
        LEFT JOIN "Territories" v ON v."Id" = e."VenueTerritoryId"
        WHERE e."Status" = 1 AND e."EndsAt" >= @from AND e."StartsAt" <= @to
        ORDER BY e."StartsAt", e."Id"
        LIMIT @take
        """;
    Add(command, "from", Time(new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
    Add(command, "to", Time(new DateTimeOffset(end.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero)));
    Add(command, "take", take);
    await using var r = await command.ExecuteReaderAsync();
    var rows = new List<Row>(take);
    string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
    int? I(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    while (await r.ReadAsync())
        rows.Add(new Row(r.GetInt32(0), r.GetString(1), r.GetInt32(2), I(3), r.GetInt32(4), ReadTime(r, 5), ReadTime(r, 6), I(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10),
            I(11), S(12), S(13), S(14), S(15), r.GetInt32(16), S(17), r.GetString(18), S(19), S(20), I(21), S(22), (int)r.GetInt64(23), (int)r.GetInt64(24)));
    return rows;
}

static void Add(DbCommand command, string name, object? value)
{
    var p = command.CreateParameter();
    p.ParameterName = name;
    p.Value = value ?? DBNull.Value;
    command.Parameters.Add(p);
}

static async Task<int> Exec(DbConnection connection, DbTransaction? tx, string sql, params (string, object?)[] parameters)
{
    await using var command = connection.CreateCommand();
    command.Transaction = tx;
    command.CommandText = sql;
    foreach (var (name, value) in parameters) Add(command, name, value);
    return await command.ExecuteNonQueryAsync();
}

static async Task<object?> Scalar(DbConnection connection, DbTransaction? tx, string sql, params (string, object?)[] parameters)
{
    await using var command = connection.CreateCommand();
    command.Transaction = tx;
    command.CommandText = sql;
    foreach (var (name, value) in parameters) Add(command, name, value);
    return await command.ExecuteScalarAsync();
}

sealed record Row(int Id, string Title, int Type, int? Theme, int Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int? Capacity, int SeatsTaken, int Mode, int Promotion,
    int? StructureId, string? Structure, string? Territory, string? Venue, string? OnlineUrl, int Audience, string? Tags, string Language, string? Description,
    string? Accessibility, int? SeriesId, string? Address, int Confirmed, int Waitlisted);
