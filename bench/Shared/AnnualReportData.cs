// Shared by bench/indicators and bench/funding (compiled into each): the year of activity of an annual report — 2 000 held
// events with their registrations and walk-ins — and the hand-written SQL baseline computing the report's indicators.
using System.Data.Common;
using System.Diagnostics;
using Maillage.Agenda;
using Maillage.Network;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Bench;

public static class AnnualReportData
{
    // 2 000 events over the year at the Cité's structures placed in a commune, each with 12 registrations of every kind and a walk-in count.
    public static async Task SeedEventsAsync(MaillageDb db, int citeId, int count, DateOnly from, DateTimeOffset now)
    {
        var watch = Stopwatch.StartNew();
        var structures = await db.Structures.Where(s => s.CiteId == citeId && s.CommuneId != null).Select(s => s.Id).ToArrayAsync();
        var random = new Random(2026);
        var types = Enum.GetValues<EventType>();
        var publics = Enum.GetValues<Maillage.Agenda.PublicStatus>();
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var span = (now.AddDays(-2) - start).TotalMinutes;
        for (var done = 0; done < count; done += 200)
        {
            var batch = new List<AgendaEvent>();
            for (var i = done; i < Math.Min(count, done + 200); i++)
            {
                var at = start.AddMinutes(Math.Floor(random.NextDouble() * span / 15) * 15);
                var e = new AgendaEvent
                {
                    CiteId = citeId, StructureId = structures[random.Next(structures.Length)], Title = $"Bilan bench {i}", Type = types[random.Next(types.Length)],
                    Status = random.Next(20) == 0 ? EventStatus.Cancelled : EventStatus.Published, StartsAt = at, EndsAt = at.AddHours(2), Capacity = 30,
                    RegistrationMode = RegistrationMode.Open, CreatedAt = at.AddDays(-30), PublishedAt = at.AddDays(-30),
                };
                batch.Add(e);
            }
            db.Events.AddRange(batch);
            await db.SaveChangesAsync();
            AddAttendance(db, citeId, batch, random, publics);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"Seeded {count:N0} events with their registrations in {watch.Elapsed.TotalSeconds:F0} s.");
    }

    // Each event's 12 registrations of every kind (the 12th a walk-in) and, two times in three, a walk-in count.
    private static void AddAttendance(MaillageDb db, int citeId, IEnumerable<AgendaEvent> events, Random random, Maillage.Agenda.PublicStatus[] publics)
    {
            foreach (var e in events)
            {
                for (var r = 0; r < 12; r++)
                {
                    var walkIn = r == 11;
                    var registration = new Registration
                    {
                        CiteId = citeId, EventId = e.Id, ManageToken = Registration.NewToken(),
                        Status = walkIn ? RegistrationStatus.Confirmed : (RegistrationStatus)random.Next(1, 5),
                        Source = walkIn ? RegistrationSource.WalkIn : RegistrationSource.Online,
                        Attendance = walkIn ? AttendanceStatus.Present : (AttendanceStatus)random.Next(0, 4),
                        PublicStatus = random.Next(8) == 0 ? null : publics[random.Next(publics.Length)],
                        Person = new RegistrantDetails { FirstName = "Bench", LastName = $"{e.Id}-{r}", Email = $"bench.{e.Id}.{r}@example.org" },
                        ConsentAt = e.CreatedAt, CreatedAt = e.CreatedAt,
                    };
                    registration.EmailKey = Registration.NormaliseEmail(registration.Person.Email!);
                    db.Registrations.Add(registration);
                }
                if (random.Next(3) > 0)
                    db.EventWalkIns.Add(new EventWalkIn { CiteId = citeId, EventId = e.Id, PublicStatus = publics[random.Next(publics.Length)], Count = random.Next(1, 6) });
            }
    }

    /// <summary>
    /// The same year of events made as a Cité would: a CSV of COUNT events (titles "Bilan bench N", Paris times over the last
    /// year, at the Cité's structures placed in a commune, every type, 30 seats) uploaded to the staff import page
    /// (<c>/gestion/agenda/import</c>: preview, then confirm) by <paramref name="http"/>, a signed-in coordinator of the Cité,
    /// in files of 1 000 rows. What an import cannot carry is then set in the database, as the staff would do it later on
    /// each event's pages: one event in 20 cancelled, and the registrations and walk-ins of the others (an import never
    /// creates registrations, docs/agenda.md).
    /// </summary>
    public static async Task ImportEventsAsync(HttpClient http, MaillageDb db, int citeId, int first, int count, DateOnly from, DateTimeOffset now)
    {
        var watch = Stopwatch.StartNew();
        var structures = await db.Structures.Where(s => s.CiteId == citeId && s.CommuneId != null).Select(s => s.Slug).ToArrayAsync();
        var random = new Random(2026 + first);
        var types = Enum.GetValues<EventType>();
        var publics = Enum.GetValues<Maillage.Agenda.PublicStatus>();
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var span = (now.AddDays(-2) - start).TotalMinutes;
        for (var done = 0; done < count; done += 1000)
        {
            var csv = new System.Text.StringBuilder("titre,type,thème,début,fin,structure,capacité,statut\n");
            for (var i = done; i < Math.Min(count, done + 1000); i++)
            {
                var at = TimeZoneInfo.ConvertTime(start.AddMinutes(Math.Floor(random.NextDouble() * span / 15) * 15), paris);
                var type = types[random.Next(types.Length)];
                // The end two hours later in Paris time (across a change of time it reads 1 or 3 hours later on the clock).
                // A workshop is on one of the five themes (the importer refuses one without).
                var theme = type == EventType.Workshop ? Enum.GetValues<EventTheme>()[random.Next(Enum.GetValues<EventTheme>().Length)].ToString() : "";
                csv.Append($"Bilan bench {first + i},{type},{theme},{at:yyyy-MM-dd HH:mm},{TimeZoneInfo.ConvertTime(at.AddHours(2), paris):yyyy-MM-dd HH:mm},{structures[random.Next(structures.Length)]},30,publiée\n");
            }
            await ImportAsync(http, citeId, System.Text.Encoding.UTF8.GetBytes(csv.ToString()), $"bilan-bench-{first + done}.csv");
        }
        // After the import: cancellations, registrations and walk-ins, in batches of 200 events.
        var imported = await db.Events.Where(e => e.CiteId == citeId && e.Title.StartsWith("Bilan bench") && !db.Set<Registration>().Any(r => r.EventId == e.Id))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        foreach (var ids in imported.Chunk(200))
        {
            var batch = await db.Events.Where(e => ids.Contains(e.Id)).ToListAsync();
            foreach (var e in batch.Where(_ => random.Next(20) == 0)) e.Status = EventStatus.Cancelled;
            AddAttendance(db, citeId, batch, random, publics);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"Imported {count:N0} events through /gestion/agenda/import and added their registrations in {watch.Elapsed.TotalSeconds:F0} s.");
    }

    // The staff import page, as a browser uses it: the upload with its antiforgery token, the preview, the confirmation.
    private static async Task ImportAsync(HttpClient http, int citeId, byte[] file, string fileName)
    {
        const string Page = "/gestion/agenda/import";
        static string Hidden(string html, string name) =>
            System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);
        var form = await http.GetStringAsync(Page);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(Hidden(form, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent(citeId.ToString()), "CiteId" },
            { new ByteArrayContent(file), "Upload", fileName },
        };
        var preview = await http.PostAsync($"{Page}?handler=Preview", upload);
        var html = await preview.Content.ReadAsStringAsync();
        if (preview.StatusCode != System.Net.HttpStatusCode.OK || !html.Contains("name=\"Previewed\""))
            throw new InvalidOperationException($"The import preview of {fileName} failed: {preview.StatusCode}");
        if (html.IndexOf("import-errors", StringComparison.Ordinal) is var at and >= 0)
        {
            var errors = System.Text.RegularExpressions.Regex.Replace(html[at..Math.Min(html.Length, at + 1500)], "<[^>]+>", " ");
            throw new InvalidOperationException($"The import preview of {fileName} lists errors: {System.Net.WebUtility.HtmlDecode(errors)}");
        }
        var confirm = await http.PostAsync($"{Page}?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(html, "__RequestVerificationToken"), ["CiteId"] = citeId.ToString(),
            ["FileName"] = Hidden(html, "FileName"), ["Previewed"] = Hidden(html, "Previewed"),
        }));
        if (confirm.StatusCode != System.Net.HttpStatusCode.Redirect) throw new InvalidOperationException($"The import of {fileName} was not confirmed: {confirm.StatusCode}");
    }

    // The same figures by hand: one query for the events, one for their registrations and walk-ins, two over the visits.
    public static async Task<Dictionary<string, decimal>> BaselineAsync(MaillageDb db, bool postgres, int citeId, int[] territories, DateOnly from, DateOnly to)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        DateTimeOffset Midnight(DateOnly d) { var local = d.ToDateTime(TimeOnly.MinValue); return new DateTimeOffset(local, paris.GetUtcOffset(local)).ToUniversalTime(); }
        object Time(DateTimeOffset t) => postgres ? t : t.UtcTicks;
        var result = new Dictionary<string, decimal>();
        void Add(string key, long value) { if (value != 0) result[key] = result.GetValueOrDefault(key) + value; }
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var ids = string.Join(", ", territories);
        var tree = $"""
            WITH RECURSIVE t(id) AS (SELECT "Id" FROM "Territories" WHERE "CiteId" = {citeId} AND "Id" IN ({ids})
                UNION SELECT x."Id" FROM "Territories" x JOIN t ON x."ParentId" = t.id)
            """;
        var events = $"""
            {tree},
            ev AS (SELECT e."Id", e."Type" FROM agenda_events e LEFT JOIN "Structures" s ON s."Id" = e."StructureId"
                   WHERE e."CiteId" = {citeId} AND e."Status" = 1 AND e."StartsAt" >= @from AND e."StartsAt" < @to AND e."EndsAt" <= @now
                     AND COALESCE(e."VenueTerritoryId", s."QpvId", s."CommuneId") IN (SELECT id FROM t))
            """;
        async Task ReadAsync(string sql, Action<DbDataReader> row)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in new[] { ("from", Time(Midnight(from))), ("to", Time(Midnight(to.AddDays(1)))), ("now", Time(DateTimeOffset.UtcNow)) })
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) row(reader);
        }
        string TypeName(int t) => JsonName(((EventType)t).ToString());
        await ReadAsync($"{events} SELECT \"Type\", COUNT(*) FROM ev GROUP BY \"Type\"", r =>
        {
            var type = (EventType)r.GetInt32(0);
            var n = r.GetInt64(1);
            Add("agenda.actions-held", n);
            Add($"agenda.actions-held/{TypeName(r.GetInt32(0))}", n);
            if (type is EventType.InformationDay or EventType.Workshop) { Add("agenda.information-days-and-workshops", n); Add($"agenda.information-days-and-workshops/{TypeName(r.GetInt32(0))}", n); }
            if (type == EventType.Forum) Add("agenda.forums", n);
        });
        // Registrations: walk-in source 4; attendance 0 unknown, 1 present, 2 absent; status 1 confirmed. An event's attendance is
        // taken when someone is ticked (present, absent or excused) or walk-ins were counted.
        await ReadAsync($"""
            {events},
            taken AS (SELECT ev."Id" FROM ev WHERE EXISTS (SELECT 1 FROM agenda_registrations x WHERE x."EventId" = ev."Id" AND x."Attendance" <> 0)
                                              OR EXISTS (SELECT 1 FROM agenda_walk_ins w WHERE w."EventId" = ev."Id" AND w."Count" > 0))
            SELECT r."PublicStatus",
                   SUM(CASE WHEN r."Source" <> 4 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r."Attendance" = 1 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r."Source" = 4 AND r."Attendance" = 1 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r."Source" <> 4 AND r."Status" = 1 AND (r."Attendance" = 2 OR (r."Attendance" = 0 AND r."EventId" IN (SELECT "Id" FROM taken))) THEN 1 ELSE 0 END)
            FROM agenda_registrations r WHERE r."EventId" IN (SELECT "Id" FROM ev) GROUP BY r."PublicStatus"
            """, r =>
        {
            var key = r.IsDBNull(0) ? "notGiven" : JsonName(((Maillage.Agenda.PublicStatus)r.GetInt32(0)).ToString());
            Add("agenda.registrations", r.GetInt64(1));
            Add("agenda.participants", r.GetInt64(2));
            Add($"agenda.participants/{key}", r.GetInt64(2));
            Add("agenda.walk-ins", r.GetInt64(3));
            Add("agenda.no-shows", r.GetInt64(4));
        });
        await ReadAsync($"{events} SELECT w.\"PublicStatus\", SUM(w.\"Count\") FROM agenda_walk_ins w WHERE w.\"EventId\" IN (SELECT \"Id\" FROM ev) AND w.\"Count\" > 0 GROUP BY w.\"PublicStatus\"", r =>
        {
            var n = r.GetInt64(1);
            Add("agenda.participants", n);
            Add($"agenda.participants/{JsonName(((Maillage.Agenda.PublicStatus)r.GetInt32(0)).ToString())}", n);
            Add("agenda.walk-ins", n);
        });
        // Visits: a quarter-hour is seconds since 1970 / 900 (UTC days, as every visit statistic).
        long Quarter(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() / 900;
        var visits = $"\"CiteId\" = {citeId} AND \"Quarter\" >= {Quarter(from)} AND \"Quarter\" < {Quarter(to.AddDays(1))}";
        await ReadAsync($"""
            {tree}
            SELECT "Kind", "PublicStatus", COUNT(*) FROM "Visits"
            WHERE {visits} AND "StructureId" IN (SELECT "Id" FROM "Structures" WHERE "CiteId" = {citeId} AND ("QpvId" IN (SELECT id FROM t) OR "CommuneId" IN (SELECT id FROM t)))
            GROUP BY "Kind", "PublicStatus"
            """, r =>
        {
            var n = r.GetInt64(2);
            Add(r.GetInt32(0) == 0 ? "visits.visits" : "visits.interviews", n);
            Add("visits.publics", n);
            Add($"visits.publics/{JsonName(((Maillage.Visits.Categories.PublicStatus)r.GetInt32(1)).ToString())}", n);
        });
        await ReadAsync($"{tree} SELECT COUNT(*) FROM \"Visits\" WHERE {visits} AND \"ResidenceId\" IN (SELECT id FROM t)", r => Add("visits.residents", r.GetInt64(0)));
        await db.Database.CloseConnectionAsync();
        return result;
    }

    public static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Indicator values as name (and name/part) → figure, to compare with the baseline's.</summary>
    public static Dictionary<string, decimal> Flatten(IReadOnlyList<Maillage.Platform.Indicators.IndicatorValue> values)
    {
        var result = new Dictionary<string, decimal>();
        foreach (var v in values)
        {
            result[v.Name] = v.Value;
            foreach (var (key, value) in v.Parts ?? new Dictionary<string, decimal>())
                if (value != 0) result[$"{v.Name}/{key}"] = value;
        }
        return result;
    }
}
