// The rooms benchmark's baseline (docs/PERFORMANCE.md, section "Rooms"): a minimal ASP.NET Core program on a database
// created by Maillage, with plain ADO.NET (no EF Core, no MVC, no authentication, no middleware):
//   POST /api/v1/rooms/{id}/bookings {startsAt, endsAt, title, attendees}  the same guarded insert — one INSERT that the
//        database's overlap guard refuses (PostgreSQL exclusion constraint, SQLite trigger, migration RoomsNoOverlap), after
//        the room's capacity is read — and, in the same transaction, the booking's audit entry (who, when, every value
//        after), the database work Maillage must do for each booking (SPEC: every change audited); 201 {id, status} or
//        409; on SQLite writers queue in-process as Maillage's do; on PostgreSQL the insert is ON CONFLICT DO NOTHING and
//        the booking and its entry are one statement, with no transaction around it, as Maillage's (decision 0014).
//   dotnet RoomsBaseline.dll --provider sqlite|postgres --database <connection string> --urls http://127.0.0.1:5402
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var postgres = (builder.Configuration["provider"] ?? "sqlite").StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
var database = builder.Configuration["database"] ?? throw new InvalidOperationException("Give --database.");
DbDataSource source = postgres ? NpgsqlDataSource.Create(database) : SqliteFactory.Instance.CreateDataSource(database);
var gate = new SemaphoreSlim(1, 1);
var app = builder.Build();
app.MapGet("/health/ready", () => "ok");

app.MapPost("/api/v1/rooms/{id:int}/bookings", async (int id, HttpContext http) =>
{
    JsonElement body;
    try { body = (await JsonDocument.ParseAsync(http.Request.Body)).RootElement; }
    catch (JsonException) { return Results.Problem(statusCode: 400, title: "Malformed JSON."); }
    if (!body.TryGetProperty("startsAt", out var s) || !s.TryGetDateTimeOffset(out var startsAt)) return Results.Problem(statusCode: 422, title: "startsAt");
    if (!body.TryGetProperty("endsAt", out var e) || !e.TryGetDateTimeOffset(out var endsAt) || endsAt <= startsAt) return Results.Problem(statusCode: 422, title: "endsAt");
    var title = body.TryGetProperty("title", out var t) ? t.GetString()?.Trim() : null;
    if (string.IsNullOrEmpty(title)) return Results.Problem(statusCode: 422, title: "title");
    var attendees = body.TryGetProperty("attendees", out var a) && a.TryGetInt32(out var n) ? n : 0;
    (startsAt, endsAt) = (startsAt.ToUniversalTime(), endsAt.ToUniversalTime());

    if (!postgres) await gate.WaitAsync();
    try
    {
        await using var connection = await source.OpenConnectionAsync();
        if (!postgres) await Exec(connection, "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
        await using var read = connection.CreateCommand();
        read.CommandText = """SELECT "CiteId", "Capacity", "BufferMinutes" FROM rooms WHERE "Id" = @id""";
        Add(read, "id", id);
        await using var reader = await read.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return Results.Problem(statusCode: 404, title: "room");
        var (cite, capacity, buffer) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        await reader.DisposeAsync();
        if (attendees <= 0 || attendees > capacity) return Results.Problem(statusCode: 422, title: "attendees");
        object Time(DateTimeOffset v) => postgres ? v : v.UtcTicks; // Maillage stores UTC ticks on SQLite
        var now = DateTimeOffset.UtcNow;
        var (from, until) = (startsAt.AddMinutes(-buffer), endsAt.AddMinutes(buffer));
        if (postgres)
        {
            // PostgreSQL, as Maillage (decision 0014): the booking and its audit entry in one statement, atomic alone —
            // the row inserted ON CONFLICT DO NOTHING in a WITH, the entry from what it returned; nothing returned → 409.
            await using var both = connection.CreateCommand();
            both.CommandText = """
                WITH "row" AS (
                    INSERT INTO room_bookings ("CiteId", "RoomId", "StartsAt", "EndsAt", "HeldFrom", "HeldUntil", "Title", "Attendees", "Status", "CreatedAt", "DecidedAt")
                    VALUES (@cite, @room, @starts, @ends, @from, @until, @title, @attendees, 1, @now, @now) ON CONFLICT DO NOTHING RETURNING "Id")
                INSERT INTO "AuditEntries" ("At", "UserName", "CiteId", "EntityType", "EntityId", "Action", "After")
                SELECT @now, 'baseline', @cite, 'RoomBooking', "row"."Id"::text, 'Added', '{"Id":' || "row"."Id" || @after FROM "row"
                RETURNING "EntityId"
                """;
            Add(both, "cite", cite); Add(both, "room", id); Add(both, "starts", startsAt); Add(both, "ends", endsAt);
            Add(both, "from", from); Add(both, "until", until); Add(both, "title", title); Add(both, "attendees", attendees); Add(both, "now", now);
            Add(both, "after", "," + JsonSerializer.Serialize(new { CiteId = cite, RoomId = id, StartsAt = startsAt, EndsAt = endsAt, HeldFrom = from, HeldUntil = until, Title = title, Attendees = attendees, Status = 1, CreatedAt = now, DecidedAt = now })[1..]);
            return await both.ExecuteScalarAsync() is string written
                ? Results.Json(new { id = int.Parse(written, System.Globalization.CultureInfo.InvariantCulture), status = "confirmed" }, statusCode: 201)
                : Results.Problem(statusCode: 409, title: "The room is already booked at that time.");
        }
        await using var tx = await connection.BeginTransactionAsync();
        // The same guarded insert as Maillage (decision 0014): on PostgreSQL ON CONFLICT DO NOTHING, whose speculative
        // insertion waits for a concurrent overlapping writer instead of deadlocking in the exclusion constraint; nothing
        // returned → 409. On SQLite the trigger refuses (writers queue in-process, as Maillage's).
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"""
            INSERT INTO room_bookings ("CiteId", "RoomId", "StartsAt", "EndsAt", "HeldFrom", "HeldUntil", "Title", "Attendees", "Status", "CreatedAt", "DecidedAt")
            VALUES (@cite, @room, @starts, @ends, @from, @until, @title, @attendees, 1, @now, @now){(postgres ? " ON CONFLICT DO NOTHING" : "")} RETURNING "Id"
            """;
        Add(insert, "cite", cite); Add(insert, "room", id); Add(insert, "starts", Time(startsAt)); Add(insert, "ends", Time(endsAt));
        Add(insert, "from", Time(from)); Add(insert, "until", Time(until));
        Add(insert, "title", title); Add(insert, "attendees", attendees); Add(insert, "now", Time(now));
        int newId;
        try
        {
            var key = await insert.ExecuteScalarAsync();
            if (key is null or DBNull)
            {
                await tx.RollbackAsync();
                return Results.Problem(statusCode: 409, title: "The room is already booked at that time.");
            }
            newId = Convert.ToInt32(key);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19 && ex.Message.Contains("room_bookings_no_overlap"))
        {
            await tx.RollbackAsync();
            return Results.Problem(statusCode: 409, title: "The room is already booked at that time.");
        }
        await using var audit = connection.CreateCommand();
        audit.Transaction = tx;
        audit.CommandText = """
            INSERT INTO "AuditEntries" ("At", "UserName", "CiteId", "EntityType", "EntityId", "Action", "After")
            VALUES (@at, 'baseline', @cite, 'RoomBooking', @entity, 'Added', @after)
            """;
        var after = JsonSerializer.Serialize(new { Id = newId, CiteId = cite, RoomId = id, StartsAt = startsAt, EndsAt = endsAt, HeldFrom = from, HeldUntil = until, Title = title, Attendees = attendees, Status = 1, CreatedAt = now, DecidedAt = now });
        Add(audit, "at", postgres ? now : now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));
        Add(audit, "cite", cite); Add(audit, "entity", newId.ToString(System.Globalization.CultureInfo.InvariantCulture)); Add(audit, "after", after);
        await audit.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return Results.Json(new { id = newId, status = "confirmed" }, statusCode: 201);
    }
    finally
    {
        if (!postgres) gate.Release();
    }
});
app.Run();

static void Add(DbCommand command, string name, object value)
{
    var p = command.CreateParameter();
    p.ParameterName = name;
    p.Value = value;
    command.Parameters.Add(p);
}

static async Task Exec(DbConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    await command.ExecuteNonQueryAsync();
}
