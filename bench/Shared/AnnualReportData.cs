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
            foreach (var e in batch)
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
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"Seeded {count:N0} events with their registrations in {watch.Elapsed.TotalSeconds:F0} s.");
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
