// The governance benchmark's baseline (docs/PERFORMANCE.md, section "Governance"): a minimal ASP.NET Core program on a
// database created by Maillage, with plain ADO.NET (no EF Core, no MVC, no middleware, no cache):
//   GET /instances/{id}   a public body's page: the body, its published deliberations of sessions already held (number
//                         order) and its sessions held (latest first), one hand-written query each, read at every
//                         request, written as bare HTML with the same content as Maillage's page (without its layout).
//
//   dotnet GovernanceBaseline.dll --provider sqlite|postgres --database <connection string> --urls http://127.0.0.1:5403
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var postgres = (builder.Configuration["provider"] ?? "sqlite").StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
var database = builder.Configuration["database"] ?? throw new InvalidOperationException("Give --database.");
DbDataSource source = postgres ? NpgsqlDataSource.Create(database) : SqliteFactory.Instance.CreateDataSource(database);
var app = builder.Build();
var french = CultureInfo.GetCultureInfo("fr-FR");

app.MapGet("/health/ready", () => "ok");

// Times: UTC ticks on SQLite (Maillage's SortableTimes), timestamptz on PostgreSQL; dates: ISO text on SQLite, date on PostgreSQL.
object Param(DateTimeOffset t) => postgres ? t.UtcDateTime : t.UtcTicks;
object DateParam(DateOnly d) => postgres ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
DateTimeOffset ReadTime(DbDataReader r, int i) => postgres ? new DateTimeOffset(r.GetDateTime(i), TimeSpan.Zero) : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);
DateOnly ReadDate(DbDataReader r, int i) => postgres ? r.GetFieldValue<DateOnly>(i) : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);
string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

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

string Kind(int kind) => kind switch
{
    0 => "Comité de pilotage", 1 => "Comité technique", 2 => "Comité de programmation", 3 => "Comité syndical", 4 => "Conseil d'administration", _ => "Groupe de travail",
};
string Date(DateOnly d) => (d.Day == 1 ? "1er" : d.Day.ToString(french)) + d.ToDateTime(TimeOnly.MinValue).ToString(" MMMM yyyy", french);
string Vote(int @for, int against, int abstentions, int notVoting, bool unanimous) => unanimous
    ? abstentions + notVoting == 0 ? "à l'unanimité" : $"à l'unanimité des suffrages exprimés ({abstentions} abstention{(abstentions > 1 ? "s" : "")}, {notVoting} ne prenant pas part au vote)"
    : $"par {@for} voix pour, {against} contre, {abstentions} abstention{(abstentions > 1 ? "s" : "")}{(notVoting > 0 ? $", {notVoting} ne prenant pas part au vote" : "")}";

app.MapGet("/instances/{id:int}", async (int id) =>
{
    await using var connection = await source.OpenConnectionAsync();
    var now = DateTimeOffset.UtcNow;
    var today = DateOnly.FromDateTime(now.UtcDateTime);
    string name; int kind; string? organisation, seat;
    await using (var r = await QueryAsync(connection, """SELECT "Name", "Kind", "Organisation", "Seat" FROM governance_bodies WHERE "Id" = @id AND "Public" """, ("id", id)))
    {
        if (!await r.ReadAsync()) return Results.NotFound();
        (name, kind, organisation, seat) = (r.GetString(0), r.GetInt32(1), Text(r, 2), Text(r, 3));
    }
    var html = new StringBuilder("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>");
    html.Append(WebUtility.HtmlEncode(name)).Append("</title></head><body><main><h1>").Append(WebUtility.HtmlEncode(name)).Append("</h1><p><span>")
        .Append(Kind(kind)).Append("</span>");
    if (organisation is not null) html.Append(' ').Append(WebUtility.HtmlEncode(organisation));
    if (seat is not null) html.Append(" — ").Append(WebUtility.HtmlEncode(seat));
    html.Append("</p><h2>Délibérations publiées</h2>");
    var any = false;
    await using (var r = await QueryAsync(connection, """
        SELECT d."Id", d."Number", d."Object", d."PublishedOn", d."Vote_For", d."Vote_Against", d."Vote_Abstentions", d."Vote_NotVoting", d."Vote_Unanimous", s."StartsAt", s."TimeZone"
        FROM governance_deliberations d JOIN governance_sessions s ON s."Id" = d."SessionId"
        WHERE d."BodyId" = @id AND d."PublishedOn" IS NOT NULL AND d."PublishedOn" <= @today AND s."StartsAt" <= @now
        ORDER BY d."Year", d."Sequence"
        """, ("id", id), ("today", DateParam(today)), ("now", Param(now))))
    {
        while (await r.ReadAsync())
        {
            if (!any) html.Append("<p><a href=\"/instances/").Append(id).Append("?format=csv\" download>Télécharger les délibérations (CSV, schéma SCDL Délibérations)</a></p><ul>");
            any = true;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(r.GetString(10));
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ReadTime(r, 9), zone).DateTime);
            var number = WebUtility.HtmlEncode(r.GetString(1));
            html.Append("<li><strong>").Append(number).Append("</strong> — ").Append(WebUtility.HtmlEncode(r.GetString(2))).Append("<br /><small>")
                .Append(WebUtility.HtmlEncode($"Séance du {Date(day)}, adoptée {Vote(r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetBoolean(8))}, publiée le {Date(ReadDate(r, 3))}."))
                .Append("</small> <a href=\"/instances/deliberations/").Append(r.GetInt32(0)).Append("/extrait\">Extrait du registre ").Append(number).Append("</a></li>");
        }
    }
    html.Append(any ? "</ul>" : "<p>Aucune délibération publiée.</p>");
    html.Append("<h2>Séances tenues</h2>");
    any = false;
    await using (var r = await QueryAsync(connection, """
        SELECT "StartsAt", "TimeZone", "Videoconference", "Place" FROM governance_sessions WHERE "BodyId" = @id AND "StartsAt" <= @now ORDER BY "StartsAt" DESC
        """, ("id", id), ("now", Param(now))))
    {
        while (await r.ReadAsync())
        {
            if (!any) html.Append("<ul>");
            any = true;
            var local = TimeZoneInfo.ConvertTime(ReadTime(r, 0), TimeZoneInfo.FindSystemTimeZoneById(r.GetString(1)));
            html.Append("<li>").Append(Date(DateOnly.FromDateTime(local.DateTime))).Append(", ").Append(local.ToString("HH:mm", CultureInfo.InvariantCulture)).Append(" — ")
                .Append(r.GetBoolean(2) ? "visioconférence" : WebUtility.HtmlEncode(Text(r, 3) ?? "—")).Append("</li>");
        }
    }
    html.Append(any ? "</ul>" : "<p>Aucune séance tenue.</p>");
    html.Append("</main></body></html>");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});

app.Run();
