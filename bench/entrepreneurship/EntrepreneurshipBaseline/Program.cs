// The CitésLab benchmark's baseline (docs/PERFORMANCE.md, section "CitésLab"): a minimal ASP.NET Core program on a
// database created by Maillage, with plain ADO.NET (no EF Core, no MVC, no middleware, no authentication):
//   GET /gestion/citeslab?coach=ID&programme=N   the coach's board with the same rows as Maillage's page — the counts per
//                                                stage (one GROUP BY), the day's appointments, the overdue follow-ups,
//                                                and the first 30 holders of each stage by name — as a bare HTML page
//
//   dotnet EntrepreneurshipBaseline.dll --provider sqlite|postgres --database <connection string> --urls http://127.0.0.1:5403
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
const int PerColumn = 30;
var fr = CultureInfo.GetCultureInfo("fr-FR");
string[] stageNames = ["Sensibilisé·e", "Reçu·e en individuel", "Accompagné·e à l'amorçage", "Orienté·e", "Entreprise créée", "Suivi post-création", "Autre issue"];
string[] stageKeys = ["sensitised", "received", "amorcage", "referred", "created", "followUp", "otherOutcome"];

app.MapGet("/health/ready", () => "ok");

// Dates: ISO text on SQLite, date on PostgreSQL.
object Param(DateOnly d) => postgres ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
DateOnly? ReadDate(DbDataReader r, int i) => r.IsDBNull(i) ? null : postgres ? r.GetFieldValue<DateOnly>(i) : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);

DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
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
    return command;
}

const string Columns = """h."Id", h."FirstName", h."LastName", h."CurrentStage", h."LastContactOn", h."QpvId", h."FollowUpDueOn", h."NextAction", h."NextActionOn" """;
const string Mine = """FROM entrepreneurship_holders h WHERE h."ProgrammeId" = @programme AND h."CoachUserId" = @coach""";

async Task<List<Line>> LinesAsync(DbConnection connection, string sql, params (string, object)[] parameters)
{
    var lines = new List<Line>();
    await using var command = Command(connection, sql, parameters);
    await using var r = await command.ExecuteReaderAsync();
    while (await r.ReadAsync())
        lines.Add(new Line(r.GetInt32(0), r.GetString(1) + " " + r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3), ReadDate(r, 4)!.Value, !r.IsDBNull(5),
            ReadDate(r, 6), r.IsDBNull(7) ? null : r.GetString(7), ReadDate(r, 8)));
    return lines;
}

app.MapGet("/gestion/citeslab", async (string coach, int programme) =>
{
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    await using var connection = await source.OpenConnectionAsync();
    (string, object)[] who = [("programme", programme), ("coach", coach)];
    (string, object)[] whoToday = [.. who, ("today", Param(today))];
    var counts = new Dictionary<int, int>();
    await using (var command = Command(connection, $"""SELECT h."CurrentStage", COUNT(*) {Mine} GROUP BY h."CurrentStage" """, who))
    await using (var r = await command.ExecuteReaderAsync())
        while (await r.ReadAsync()) counts[r.IsDBNull(0) ? -1 : r.GetInt32(0)] = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
    async Task<int> CountAsync(string where)
    {
        await using var command = Command(connection, $"SELECT COUNT(*) {Mine} AND {where}", whoToday);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
    var appointmentCount = await CountAsync("""h."NextActionOn" = @today""");
    var appointments = await LinesAsync(connection, $"""SELECT {Columns} {Mine} AND h."NextActionOn" = @today ORDER BY h."FirstName", h."LastName", h."Id" LIMIT {PerColumn}""", whoToday);
    var overdueCount = await CountAsync("""h."FollowUpDueOn" < @today""");
    var overdue = await LinesAsync(connection, $"""SELECT {Columns} {Mine} AND h."FollowUpDueOn" < @today ORDER BY h."FollowUpDueOn", h."Id" LIMIT {PerColumn}""", whoToday);
    var columns = new List<(int Stage, List<Line> Lines)>();
    foreach (var stage in new[] { -1, 0, 1, 2, 3, 4, 5, 6 })
        columns.Add((stage, counts.GetValueOrDefault(stage) == 0 ? [] : await LinesAsync(connection,
            $"""SELECT {Columns} {Mine} AND {(stage < 0 ? "h.\"CurrentStage\" IS NULL" : "h.\"CurrentStage\" = @stage")} ORDER BY h."FirstName", h."LastName", h."Id" LIMIT {PerColumn}""",
            [.. who, ("stage", stage)])));

    string D(DateOnly d) => d.ToString("d MMMM yyyy", fr);
    var html = new StringBuilder("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Porteurs de projet — CitésLab</title></head><body><main><h1>Porteurs de projet</h1>");
    html.Append("<section><h2>Rendez-vous du jour (").Append(appointmentCount).Append(")</h2><ul>");
    foreach (var l in appointments) html.Append("<li><a href=\"/gestion/citeslab/porteurs/").Append(l.Id).Append("\">").Append(WebUtility.HtmlEncode(l.Name)).Append("</a> — ").Append(WebUtility.HtmlEncode(l.NextAction)).Append("</li>");
    html.Append("</ul></section><section><h2>Suivis en retard (").Append(overdueCount).Append(")</h2><ul>");
    foreach (var l in overdue) html.Append("<li><a href=\"/gestion/citeslab/porteurs/").Append(l.Id).Append("\">").Append(WebUtility.HtmlEncode(l.Name)).Append("</a> — suivi attendu le ").Append(D(l.FollowUpDue!.Value)).Append("</li>");
    html.Append("</ul></section><h2>Par étape (").Append(counts.Values.Sum()).Append(")</h2><form method=\"get\"><select name=\"etape\"><option value=\"\">Toutes les étapes</option>");
    foreach (var (key, i) in stageKeys.Select((k, i) => (k, i))) html.Append("<option value=\"").Append(key).Append("\">").Append(WebUtility.HtmlEncode(stageNames[i])).Append("</option>");
    html.Append("</select><button type=\"submit\">Afficher</button></form><div>");
    foreach (var (stage, lines) in columns)
    {
        var count = counts.GetValueOrDefault(stage);
        html.Append("<section><h3>").Append(WebUtility.HtmlEncode(stage < 0 ? "Sans étape encore" : stageNames[stage])).Append(" (").Append(count).Append(")</h3><ul>");
        foreach (var l in lines)
        {
            html.Append("<li><a href=\"/gestion/citeslab/porteurs/").Append(l.Id).Append("\">").Append(WebUtility.HtmlEncode(l.Name)).Append("</a>");
            if (l.FromQpv) html.Append("<span class=\"badge\">QPV</span>");
            if (l.FollowUpDue < today) html.Append("<span class=\"badge\">Suivi en retard</span>");
            html.Append("<span>Dernier contact : ").Append(D(l.LastContact)).Append("</span><span>Prochaine action : ")
                .Append(WebUtility.HtmlEncode(l.NextAction ?? (l.FollowUpDue is { } due ? "suivi le " + D(due) : "—")))
                .Append(l.NextActionOn is { } on ? " (" + D(on) + ")" : "").Append("</span></li>");
        }
        html.Append("</ul>");
        if (count > lines.Count) html.Append("<p><a href=\"/gestion/citeslab?etape=").Append(stage < 0 ? "none" : stageKeys[stage]).Append("\">Voir les ").Append(count).Append(" personnes à cette étape</a></p>");
        html.Append("</section>");
    }
    html.Append("</div></main></body></html>");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});

app.Run();

internal sealed record Line(int Id, string Name, int? Stage, DateOnly LastContact, bool FromQpv, DateOnly? FollowUpDue, string? NextAction, DateOnly? NextActionOn);
