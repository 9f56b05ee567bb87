// The roster benchmark's baseline (docs/PERFORMANCE.md, section "Roster"): a minimal ASP.NET Core program on a database
// created by Maillage, with plain ADO.NET (no EF Core, no MVC, no middleware):
//   GET /lieux/{cite}/{slug}                 the place, its poles, the duties held from today to a week ahead (one query
//                                            each), as a bare HTML page: today's holder per pole and the week's table
//   GET /api/v1/structures/{id}/on-duty?at=  the duties in force at the instant (default now), JSON [{pole, partner, from, to}]
//
//   dotnet RosterBaseline.dll --provider sqlite|postgres --database <connection string> --urls http://127.0.0.1:5402
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var postgres = (builder.Configuration["provider"] ?? "sqlite").StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
var database = builder.Configuration["database"] ?? throw new InvalidOperationException("Give --database.");
DbDataSource source = postgres ? NpgsqlDataSource.Create(database) : SqliteFactory.Instance.CreateDataSource(database);
var app = builder.Build();

app.MapGet("/health/ready", () => "ok");

// Times: UTC ticks on SQLite (Maillage's SortableTimes), timestamptz on PostgreSQL.
object Param(DateTimeOffset t) => postgres ? t.UtcDateTime : t.UtcTicks;
DateTimeOffset Read(DbDataReader r, int i) => postgres ? new DateTimeOffset(r.GetDateTime(i), TimeSpan.Zero) : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);

async Task<DbDataReader> QueryAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
{
    var command = connection.CreateCommand();
    command.CommandText = sql;
    foreach (var (name, value) in parameters)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
    return await command.ExecuteReaderAsync();
}

const string Held = """
    SELECT s."PoleId", p."Name", s."StartsAt", s."EndsAt" FROM roster_slots s JOIN "Partners" p ON p."Id" = s."PartnerId"
    WHERE s."StructureId" = @id AND s."Status" = 0 AND s."StartsAt" > @earliest AND s."StartsAt" < @end AND s."EndsAt" > @start
    ORDER BY s."StartsAt", s."PoleId", p."Name"
    """;

async Task<List<(int Pole, string Partner, DateTimeOffset From, DateTimeOffset To)>> HeldAsync(DbConnection connection, int id, DateTimeOffset start, DateTimeOffset end)
{
    var list = new List<(int, string, DateTimeOffset, DateTimeOffset)>();
    await using var r = await QueryAsync(connection, Held, ("id", id), ("earliest", Param(start.AddHours(-24))), ("end", Param(end)), ("start", Param(start)));
    while (await r.ReadAsync()) list.Add((r.GetInt32(0), r.GetString(1), Read(r, 2), Read(r, 3)));
    return list;
}

app.MapGet("/lieux/{cite}/{slug}", async (string cite, string slug) =>
{
    await using var connection = await source.OpenConnectionAsync();
    int id; string name, zoneId;
    await using (var r = await QueryAsync(connection, """SELECT s."Id", s."Name", s."TimeZoneId" FROM "Structures" s JOIN "Cites" c ON c."Id" = s."CiteId" WHERE c."Slug" = @cite AND s."Slug" = @slug""", ("cite", cite), ("slug", slug)))
    {
        if (!await r.ReadAsync()) return Results.NotFound();
        (id, name, zoneId) = (r.GetInt32(0), r.GetString(1), r.GetString(2));
    }
    var poles = new List<(int Id, string Name)>();
    await using (var r = await QueryAsync(connection, """SELECT "Id", "Name" FROM "Poles" WHERE "StructureId" = @id ORDER BY "Order" """, ("id", id)))
        while (await r.ReadAsync()) poles.Add((r.GetInt32(0), r.GetString(1)));
    var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
    DateTimeOffset Midnight(DateOnly d) { var w = d.ToDateTime(TimeOnly.MinValue); return new DateTimeOffset(w, zone.GetUtcOffset(w)); }
    var duties = await HeldAsync(connection, id, Midnight(today), Midnight(today.AddDays(7)));
    DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
    string Hours((int Pole, string Partner, DateTimeOffset From, DateTimeOffset To) d) =>
        $"{TimeZoneInfo.ConvertTime(d.From, zone):HH\\:mm}–{TimeZoneInfo.ConvertTime(d.To, zone):HH\\:mm}";
    var html = new StringBuilder("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>");
    html.Append(WebUtility.HtmlEncode(name)).Append("</title></head><body><h1>").Append(WebUtility.HtmlEncode(name)).Append("</h1><ul>");
    foreach (var pole in poles)
    {
        var held = duties.Where(d => d.Pole == pole.Id && Day(d.From) == today).ToList();
        html.Append("<li><strong>").Append(WebUtility.HtmlEncode(pole.Name)).Append("</strong> : ")
            .Append(held.Count == 0 ? "pas de permanence aujourd'hui" : WebUtility.HtmlEncode(string.Join(" ; ", held.Select(d => $"{d.Partner}, {Hours(d)}")))).Append("</li>");
    }
    html.Append("</ul><table><caption>Semaine</caption><thead><tr><th scope=\"col\">Pôle</th>");
    for (var i = 0; i < 7; i++) html.Append("<th scope=\"col\">").Append(today.AddDays(i).ToString("dddd d MMMM", CultureInfo.GetCultureInfo("fr-FR"))).Append("</th>");
    html.Append("</tr></thead><tbody>");
    foreach (var pole in poles)
    {
        html.Append("<tr><th scope=\"row\">").Append(WebUtility.HtmlEncode(pole.Name)).Append("</th>");
        for (var i = 0; i < 7; i++)
            html.Append("<td>").Append(WebUtility.HtmlEncode(string.Join(", ", duties.Where(d => d.Pole == pole.Id && Day(d.From) == today.AddDays(i)).Select(d => $"{d.Partner}, {Hours(d)}")))).Append("</td>");
        html.Append("</tr>");
    }
    html.Append("</tbody></table></body></html>");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});

app.MapGet("/api/v1/structures/{id:int}/on-duty", async (int id, string? at) =>
{
    var instant = at is null ? DateTimeOffset.UtcNow : DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
    await using var connection = await source.OpenConnectionAsync();
    string zoneId;
    var poles = new Dictionary<int, string>();
    await using (var r = await QueryAsync(connection, """SELECT "TimeZoneId" FROM "Structures" WHERE "Id" = @id""", ("id", id)))
    {
        if (!await r.ReadAsync()) return Results.NotFound();
        zoneId = r.GetString(0);
    }
    await using (var r = await QueryAsync(connection, """SELECT "Id", "Name" FROM "Poles" WHERE "StructureId" = @id""", ("id", id)))
        while (await r.ReadAsync()) poles[r.GetInt32(0)] = r.GetString(1);
    var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
    var duties = await HeldAsync(connection, id, instant, instant.AddTicks(1));
    return Results.Json(duties.Select(d => new { pole = poles.GetValueOrDefault(d.Pole), partner = d.Partner, from = TimeZoneInfo.ConvertTime(d.From, zone), to = TimeZoneInfo.ConvertTime(d.To, zone) }));
});

app.Run();
