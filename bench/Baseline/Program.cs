// The benchmark baseline for Maillage: a minimal ASP.NET Core program that reads the same rows of a
// database created by Maillage with plain ADO.NET (no EF Core, no MVC, no middleware) and writes
//   GET /api/v1/structures  the same JSON as Maillage's endpoint, "openNow" included;
//   GET /lieux               a minimal HTML list of the same places.
//
//   dotnet Baseline.dll --provider sqlite   --database /path/to/maillage.db        --urls http://127.0.0.1:5400
//   dotnet Baseline.dll --provider postgres --database "Host=...;Database=...;"    --urls http://127.0.0.1:5400
// (or the environment variables BASELINE_PROVIDER and BASELINE_DATABASE).

using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var provider = (builder.Configuration["provider"] ?? Environment.GetEnvironmentVariable("BASELINE_PROVIDER") ?? "sqlite").ToLowerInvariant();
var database = builder.Configuration["database"] ?? Environment.GetEnvironmentVariable("BASELINE_DATABASE")
    ?? throw new InvalidOperationException("Give --database: a SQLite file path or a PostgreSQL connection string.");

DbDataSource source = provider switch
{
    "postgres" or "postgresql" => NpgsqlDataSource.Create(database),
    _ => SqliteFactory.Instance.CreateDataSource(database.Contains('=') ? database : $"Data Source={database};Mode=ReadOnly;Pooling=True"),
};

var app = builder.Build();
app.MapGet("/health/ready", () => "ok");

app.MapGet("/api/v1/structures", async (HttpContext http) =>
{
    var places = await Network.ReadAsync(source, http.RequestAborted);
    var now = DateTimeOffset.UtcNow;
    http.Response.ContentType = "application/json; charset=utf-8";
    await using (var json = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
    {
        json.WriteStartArray();
        foreach (var p in places) Write(json, p, p.StatusAt(now));
        json.WriteEndArray();
    }
    await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
});

app.MapGet("/lieux", async (HttpContext http) =>
{
    var places = await Network.ReadAsync(source, http.RequestAborted);
    var now = DateTimeOffset.UtcNow;
    var h = HtmlEncoder.Default;
    var html = new StringBuilder(16 * 1024);
    html.Append("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Lieux et horaires</title></head><body>\n<h1>Lieux et horaires</h1>\n");
    html.Append("<p role=\"status\">").Append(places.Count).Append(" lieu(x)</p>\n<ul class=\"cards\">\n");
    foreach (var p in places)
    {
        var status = p.StatusAt(now);
        html.Append("<li class=\"card\"><h2><a href=\"/lieux/").Append(h.Encode(p.CiteSlug)).Append('/').Append(h.Encode(p.Slug)).Append("\">")
            .Append(h.Encode(p.Name)).Append("</a></h2>\n<p class=\"muted\">").Append(KindText(p.Kind)).Append(" · ").Append(h.Encode(p.CiteName)).Append("</p>\n<p>")
            .Append(h.Encode(string.Join(", ", new[] { p.Street, string.Join(" ", new[] { p.PostalCode, p.City }.Where(s => !string.IsNullOrWhiteSpace(s))) }.Where(s => !string.IsNullOrWhiteSpace(s)))))
            .Append("</p>\n<p>");
        if (p.Status == 1) html.Append("<span class=\"badge badge-warn\">En projet</span>");
        else html.Append("<span class=\"badge ").Append(status.IsOpen ? "badge-open" : "badge-closed").Append("\">")
            .Append(status.IsOpen ? $"Ouvert, ferme à {status.ClosesAt:HH:mm}" : status.NextOpensAt is { } next ? $"Fermé, ouvre le {next.ToString("dddd d MMMM", Network.Fr)} à {next:HH:mm}" : "Fermé")
            .Append("</span>");
        html.Append("</p>\n");
        if (p.Poles.Count > 0)
            html.Append("<p class=\"muted\">Pôles : ").Append(h.Encode(string.Join(" · ", p.Poles.Select(x => x.Name)))).Append("</p>\n");
        html.Append("</li>\n");
    }
    html.Append("</ul>\n</body></html>\n");
    http.Response.ContentType = "text/html; charset=utf-8";
    await http.Response.WriteAsync(html.ToString(), http.RequestAborted);
});

app.Run();

static string KindText(int kind) => kind switch
{
    0 => "Site Cité des métiers", 1 => "Centre associé", 2 => "Point relais", _ => "Permanence",
};

static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

static void Write(Utf8JsonWriter j, Place p, Status status)
{
    j.WriteStartObject();
    j.WriteNumber("id", p.Id);
    j.WriteString("cite", p.CiteSlug);
    j.WriteString("kind", Network.Kinds[p.Kind]);
    j.WriteString("name", p.Name);
    j.WriteString("url", $"/lieux/{p.CiteSlug}/{p.Slug}");
    j.WriteString("status", Network.Statuses[p.Status]);
    j.WriteStartObject("address");
    j.WriteString("street", p.Street); j.WriteString("postalCode", p.PostalCode); j.WriteString("city", p.City); j.WriteString("country", p.Country);
    if (p.Latitude is { } lat) j.WriteNumber("latitude", lat); else j.WriteNull("latitude");
    if (p.Longitude is { } lon) j.WriteNumber("longitude", lon); else j.WriteNull("longitude");
    j.WriteEndObject();
    if (p.Commune is null) j.WriteNull("territory");
    else
    {
        j.WriteStartObject("territory");
        j.WriteString("commune", p.Commune); j.WriteString("communeCode", p.CommuneCode); j.WriteString("epci", p.Epci);
        if (p.EpciKind is { } k) j.WriteString("epciKind", Network.TerritoryKinds[k]); else j.WriteNull("epciKind");
        j.WriteString("qpv", p.Qpv);
        j.WriteEndObject();
    }
    j.WriteStartArray("poles");
    foreach (var pole in p.Poles)
    {
        j.WriteStartObject(); j.WriteNumber("id", pole.Id); j.WriteString("name", pole.Name); j.WriteString("nameEn", pole.NameEn); j.WriteEndObject();
    }
    j.WriteEndArray();
    j.WriteStartObject("openingHours");
    j.WriteString("timeZone", p.TimeZoneId);
    j.WriteString("publicHolidays", Network.Calendars[p.Holidays]);
    j.WriteStartArray("weekly");
    foreach (var r in p.Weekly)
    {
        j.WriteStartObject(); j.WriteString("day", Camel(r.Day.ToString())); j.WriteString("opens", r.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)); j.WriteString("closes", r.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)); j.WriteEndObject();
    }
    j.WriteEndArray();
    j.WriteStartArray("exceptions");
    foreach (var e in p.Exceptions)
    {
        j.WriteStartObject();
        j.WriteString("date", e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        j.WriteBoolean("closed", e.Closed);
        j.WriteString("opens", e.Opens?.ToString("HH:mm", CultureInfo.InvariantCulture));
        j.WriteString("closes", e.Closes?.ToString("HH:mm", CultureInfo.InvariantCulture));
        j.WriteString("reason", e.Reason);
        j.WriteEndObject();
    }
    j.WriteEndArray();
    j.WriteEndObject();
    j.WriteStartObject("openNow");
    j.WriteBoolean("isOpen", status.IsOpen);
    if (status.ClosesAt is { } c) j.WriteString("closesAt", c); else j.WriteNull("closesAt");
    if (status.NextOpensAt is { } n) j.WriteString("nextOpensAt", n); else j.WriteNull("nextOpensAt");
    j.WriteEndObject();
    j.WriteString("accessibility", p.Accessibility); j.WriteString("phone", p.Phone); j.WriteString("email", p.Email);
    if (p.ParentId is { } parent) j.WriteNumber("parentId", parent); else j.WriteNull("parentId");
    j.WriteString("operator", p.Operator);
    j.WriteEndObject();
}

sealed record Range(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);
sealed record ExceptionRow(DateOnly Date, bool Closed, TimeOnly? Opens, TimeOnly? Closes, string? Reason);
sealed record PoleRow(int Id, string Name, string? NameEn);
readonly record struct Status(bool IsOpen, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpensAt);

sealed class Place
{
    public int Id, Kind, Status, Holidays;
    public required string CiteSlug, CiteName, Name, Slug, Country, TimeZoneId;
    public string? Street, PostalCode, City, Commune, CommuneCode, Epci, Qpv, Accessibility, Phone, Email, Operator;
    public double? Latitude, Longitude;
    public int? EpciKind, ParentId;
    public List<Range> Weekly = [];
    public List<ExceptionRow> Exceptions = [];
    public List<PoleRow> Poles = [];

    /// <summary>Open now? The weekly ranges, replaced by exceptional days, closed on public holidays.</summary>
    public Status StatusAt(DateTimeOffset now)
    {
        var zone = Network.Zone(TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var ranges = On(today);
        foreach (var r in ranges)
            if (time >= r.Opens && time < r.Closes)
            {
                var closes = r.Closes;
                foreach (var next in ranges) if (next.Opens >= r.Opens && next.Opens <= closes && next.Closes > closes) closes = next.Closes;
                return new(true, ToInstant(zone, today, closes), null);
            }
        for (var offset = 0; offset <= 60; offset++)
        {
            var date = today.AddDays(offset);
            foreach (var r in On(date))
            {
                if (offset == 0 && r.Opens <= time) continue;
                return new(false, null, ToInstant(zone, date, r.Opens));
            }
        }
        return new(false, null, null);
    }

    private List<(TimeOnly Opens, TimeOnly Closes)> On(DateOnly date)
    {
        var result = new List<(TimeOnly, TimeOnly)>();
        var exceptional = false;
        foreach (var e in Exceptions)
        {
            if (e.Date != date) continue;
            if (e.Closed) return [];
            exceptional = true;
            if (e.Opens is { } o && e.Closes is { } c) result.Add((o, c));
        }
        if (exceptional) { result.Sort(); return result; }
        if (Network.IsHoliday(Holidays, date)) return result;
        foreach (var r in Weekly) if (r.Day == date.DayOfWeek) result.Add((r.Opens, r.Closes));
        result.Sort();
        return result;
    }

    private static DateTimeOffset ToInstant(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

static class Network
{
    public static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    public static readonly string[] Kinds = ["site", "centreAssocie", "pointRelais", "permanence"];
    public static readonly string[] Statuses = ["open", "planned", "closed"];
    public static readonly string[] TerritoryKinds = ["commune", "epci", "canton", "qpv"];
    public static readonly string[] Calendars = ["none", "france", "geneva"];

    // Four statements in one round trip; identifiers quoted as EF Core created them on both databases.
    private const string Sql = """
        SELECT s."Id", c."Slug", c."Name", s."Kind", s."Name", s."Slug", s."Status", s."Street", s."PostalCode", s."City", s."Country",
               s."Latitude", s."Longitude", t."Name", t."Code", e."Name", e."Kind", q."Name", s."TimeZoneId", s."Holidays",
               s."Accessibility", s."Phone", s."Email", s."ParentId", s."Operator"
        FROM "Structures" s
        JOIN "Cites" c ON c."Id" = s."CiteId"
        LEFT JOIN "Territories" t ON t."Id" = s."CommuneId"
        LEFT JOIN "Territories" e ON e."Id" = t."ParentId"
        LEFT JOIN "Territories" q ON q."Id" = s."QpvId"
        WHERE s."Status" <> 2
        ORDER BY s."CiteId", s."Kind", s."Name";
        SELECT r."StructureId", r."Day", r."Opens", r."Closes" FROM "OpeningRanges" r
        ORDER BY r."StructureId", (r."Day" + 6) % 7, r."Opens";
        SELECT x."StructureId", x."Date", x."Closed", x."Opens", x."Closes", x."Reason" FROM "OpeningExceptions" x
        WHERE x."Date" >= @since ORDER BY x."StructureId", x."Date", x."Id";
        SELECT p."StructureId", p."Id", p."Name", p."NameEn" FROM "Poles" p ORDER BY p."StructureId", p."Order";
        """;

    public static async Task<List<Place>> ReadAsync(DbDataSource source, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        var since = command.CreateParameter();
        since.ParameterName = "since";
        since.Value = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        command.Parameters.Add(since);
        await using var r = await command.ExecuteReaderAsync(ct);
        var places = new List<Place>();
        var byId = new Dictionary<int, Place>();
        while (await r.ReadAsync(ct))
        {
            var p = new Place
            {
                Id = r.GetInt32(0), CiteSlug = r.GetString(1), CiteName = r.GetString(2), Kind = r.GetInt32(3), Name = r.GetString(4), Slug = r.GetString(5),
                Status = r.GetInt32(6), Street = Str(r, 7), PostalCode = Str(r, 8), City = Str(r, 9), Country = r.GetString(10),
                Latitude = r.IsDBNull(11) ? null : r.GetDouble(11), Longitude = r.IsDBNull(12) ? null : r.GetDouble(12),
                Commune = Str(r, 13), CommuneCode = Str(r, 14), Epci = Str(r, 15), EpciKind = r.IsDBNull(16) ? null : r.GetInt32(16), Qpv = Str(r, 17),
                TimeZoneId = r.GetString(18), Holidays = r.GetInt32(19), Accessibility = Str(r, 20), Phone = Str(r, 21), Email = Str(r, 22),
                ParentId = r.IsDBNull(23) ? null : r.GetInt32(23), Operator = Str(r, 24),
            };
            places.Add(p);
            byId[p.Id] = p;
        }
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            if (byId.TryGetValue(r.GetInt32(0), out var p))
                p.Weekly.Add(new((DayOfWeek)r.GetInt32(1), r.GetFieldValue<TimeOnly>(2), r.GetFieldValue<TimeOnly>(3)));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            if (byId.TryGetValue(r.GetInt32(0), out var p))
                p.Exceptions.Add(new(r.GetFieldValue<DateOnly>(1), r.GetBoolean(2),
                    r.IsDBNull(3) ? null : r.GetFieldValue<TimeOnly>(3), r.IsDBNull(4) ? null : r.GetFieldValue<TimeOnly>(4), Str(r, 5)));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            if (byId.TryGetValue(r.GetInt32(0), out var p))
                p.Poles.Add(new(r.GetInt32(1), r.GetString(2), Str(r, 3)));
        return places;
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new();
    public static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), HashSet<DateOnly>> HolidayCache = new();

    /// <summary>French and Genevan public holidays, from the date of Easter.</summary>
    public static bool IsHoliday(int calendar, DateOnly date) => HolidayCache.GetOrAdd((calendar, date.Year), key =>
    {
        var (cal, year) = key;
        var easter = Easter(year);
        return cal switch
        {
            1 => [new(year, 1, 1), easter.AddDays(1), new(year, 5, 1), new(year, 5, 8), easter.AddDays(39), easter.AddDays(50),
                  new(year, 7, 14), new(year, 8, 15), new(year, 11, 1), new(year, 11, 11), new(year, 12, 25)],
            2 => [new(year, 1, 1), easter.AddDays(-2), easter.AddDays(1), easter.AddDays(39), easter.AddDays(50), new(year, 8, 1),
                  JeuneGenevois(year), new(year, 12, 25), new(year, 12, 31)],
            _ => [],
        };
    }).Contains(date);

    private static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        return new DateOnly(year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
    }

    private static DateOnly JeuneGenevois(int year)
    {
        var d = new DateOnly(year, 9, 1);
        while (d.DayOfWeek != DayOfWeek.Sunday) d = d.AddDays(1);
        return d.AddDays(4);
    }
}
