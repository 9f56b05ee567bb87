using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 18: a corpus of bad input (NUL, C0 controls, bidi overrides, extreme and impossible dates, huge numbers,
/// malformed percent-encoding, over-long strings) sent into every path parameter, query parameter and JSON body field
/// of every endpoint the OpenAPI document lists — public ones anonymously, staff ones with an administrator's API
/// token. No answer may be a 5xx, and every 4xx must be a problem body.
/// </summary>
public sealed class BadInputCorpusTests(MaillageApp app, ITestOutputHelper output) : IClassFixture<MaillageApp>
{
    /// <summary>Values for a path or query parameter, each written as it goes into the address (some deliberately malformed).</summary>
    private static readonly string[] UrlCorpus =
    [
        "%00", "a%00b", "%01", "%1B%5B31m", "a%0D%0Ab", "a%E2%80%AEb", "%E2%81%A6x%E2%81%A9",
        "0001-01-01", "9999-12-31", "2026-02-30", "0001-01-01T00:00:00", "9999-12-31T23:59:59%2B14:00",
        "2147483648", "-1", "-2147483649", "1e309", "NaN",
        "%", "%zz", "%C3%28", "%ED%A0%80", "%FF",
        new string('a', 5000), "",
    ];

    /// <summary>Values for a JSON string field.</summary>
    private static readonly string[] TextCorpus =
    [
        "\0", "a\0b", "\u0001", "\u001b[31m", "a\r\nb", "a\u202Eb", "\u2066x\u2069",
        "0001-01-01", "9999-12-31", "2026-02-30", "0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00",
        "2147483648", "-1", "1e309", "%zz", "%C3%28", new string('a', 100_000), "",
    ];

    /// <summary>Values for a JSON number field, as raw JSON.</summary>
    private static readonly string[] NumberCorpus = ["2147483648", "-1", "-2147483649", "1e309", "9223372036854775808", "0.5", "\"abc\""];

    private sealed record Operation(string Method, string Path, JsonElement Spec);

    private sealed record Outcome(string Request, HttpStatusCode Status, string Body);

    [Fact]
    public async Task Given_the_bad_input_corpus_in_every_parameter_of_every_API_endpoint_Then_no_5xx_and_every_4xx_is_a_problem_body()
    {
        var anonymous = app.CreateClient();
        var admin = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        var e = await app.EventAsync();
        var registration = await anonymous.RegisterAsync(app, e.Id, AgendaTestData.Person());
        var structure = await app.StructureAsync("grand-geneve", "annemasse");
        var registrationId = (await app.RegistrationsAsync(e.Id)).Single().Id;
        // Bodies that succeed as they are, so that each spoiled field reaches the rules and the database behind it (a
        // fresh e-mail address and visit id per request: a duplicate would be answered without being written).
        var start = app.Clock.GetUtcNow().AddDays(20);
        var valid = new Dictionary<string, JsonObject>
        {
            ["POST /api/v1/events"] = Json(new
            {
                title = "Zoom métier", type = "tradeZoom", theme = "businessCreation", structureId = structure.Id, startsAt = start, endsAt = start.AddHours(2),
                capacity = 15, registrationMode = "waitlist", description = "Une\nséance", tags = "a,b", language = "fr", accessibilityNotes = "Rampe",
            }),
            ["POST /api/v1/events/{id}/registrations"] = Json(new
            {
                firstName = "Camille", lastName = "Martin", email = Fresh, phone = "04 50 00 00 00", publicStatus = "jobSeeker", consent = true,
            }),
            ["POST /api/v1/visits"] = Json(new Dictionary<string, object?>(Visits.VisitsTestData.AVisit(structure.Id)) { ["clientId"] = FreshGuid }),
            ["POST /api/v1/structures/{id}/exceptions"] = Json(new { date = "2026-12-24", closed = false, opens = "09:00", closes = "12:00", reason = "Fêtes" }),
            ["POST /api/v1/registrations/{id}/move"] = Json(new { eventId = (await app.EventAsync()).Id }),
            ["PUT /api/v1/events/{id}/capacity"] = Json(new { capacity = 30 }),
            ["POST /api/v1/events/{id}/cancel"] = Json(new { reason = "Intempéries" }),
        };
        valid["PUT /api/v1/events/{id}"] = valid["POST /api/v1/events"];
        var doc = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        // What cancels or deletes comes last, so that the other operations find the event and the registration as they were.
        var operations = Operations(doc).OrderBy(o => o.Method == "DELETE" || o.Path.EndsWith("/cancel", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(operations);

        var failures = new List<Outcome>();
        var sent = 0;
        foreach (var op in operations)
        {
            var parameters = op.Spec.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToList() : [];
            var pathParams = parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList();
            var queryParams = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
            var baseline = pathParams.ToDictionary(p => p, p =>
                p.Contains("token", StringComparison.OrdinalIgnoreCase) ? registration.Body?.ManageToken ?? "x"
                : Invariant(op.Path.StartsWith("/api/v1/structures", StringComparison.Ordinal) ? structure.Id
                : op.Path.StartsWith("/api/v1/registrations", StringComparison.Ordinal) || p == "registrationId" ? registrationId
                : e.Id));
            var body = valid.TryGetValue($"{op.Method} {op.Path}", out var known) ? known
                : BodySchema(doc, op.Spec) is { } schema ? Sample(doc, schema) as JsonObject : null;

            // Staff endpoints answer 401 without a token: they are called with the administrator's.
            var probe = await SendAsync(anonymous, op.Method, Url(op.Path, baseline, null), body?.ToJsonString());
            var client = probe.Status == HttpStatusCode.Unauthorized ? admin : anonymous;
            var reached = await SendAsync(client, op.Method, Url(op.Path, baseline, null), Freshen(body?.ToJsonString()));
            output.WriteLine($"baseline {(int)reached.Status} {reached.Request} → {reached.Body}");

            async Task Try(string url, string? json)
            {
                sent++;
                var outcome = await SendAsync(client, op.Method, url, Freshen(json));
                if (!Acceptable(outcome, out var why)) failures.Add(outcome with { Body = why + " — " + outcome.Body });
            }

            // A NUL in the path never reaches the application: Kestrel refuses the request line with its own 400 (and
            // the test server's client refuses to send it). In a query string it does reach it, and is tried there.
            foreach (var name in pathParams)
                foreach (var value in UrlCorpus.Where(v => v.Length > 0 && !v.Contains("%00", StringComparison.Ordinal)))
                    await Try(Url(op.Path, new Dictionary<string, string>(baseline) { [name] = value }, null), body?.ToJsonString());
            foreach (var name in queryParams)
                foreach (var value in UrlCorpus)
                    await Try(Url(op.Path, baseline, $"{Uri.EscapeDataString(name)}={value}"), body?.ToJsonString());
            if (body is not null)
            {
                // Every field gets every value, whatever its type (a text where a number is expected is bad input too);
                // a list gets them as its one element, an object (a dictionary of answers) under the key "1".
                foreach (var (field, node) in body.ToList())
                {
                    Func<JsonNode?, JsonNode?> wrap = node switch
                    {
                        JsonArray => v => new JsonArray(v),
                        JsonObject o when o.Count == 0 => v => new JsonObject { ["1"] = v },
                        _ => v => v,
                    };
                    foreach (var value in TextCorpus)
                        await Try(Url(op.Path, baseline, null), With(body, field, wrap(JsonValue.Create(value))));
                    foreach (var raw in NumberCorpus)
                        await Try(Url(op.Path, baseline, null), With(body, field, wrap(JsonNode.Parse(raw))));
                }
            }
        }
        output.WriteLine($"{operations.Count} operations, {sent} requests, {failures.Count} failures");
        foreach (var op in operations) output.WriteLine($"operation {op.Method} {op.Path}");
        foreach (var f in failures.Take(200)) output.WriteLine($"{(int)f.Status} {f.Request}: {f.Body}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers broke the rule, e.g.:\n" + string.Join("\n", failures.Take(40).Select(f => $"{(int)f.Status} {f.Request}: {f.Body}")));
    }

    private const string Fresh = "fresh@example.org";
    private static readonly string FreshGuid = Guid.Empty.ToString();

    private static string? Freshen(string? json) =>
        json?.Replace(Fresh, $"{Guid.NewGuid():N}@example.org", StringComparison.Ordinal).Replace(FreshGuid, Guid.NewGuid().ToString(), StringComparison.Ordinal);

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value, JsonSerializerOptions.Web)!.AsObject();

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool Acceptable(Outcome outcome, out string why)
    {
        var status = (int)outcome.Status;
        why = status >= 500 ? "5xx" : "";
        if (status >= 500) return false;
        if (status is >= 400 and < 500 && !outcome.Body.StartsWith("application/problem+json", StringComparison.Ordinal))
        {
            why = "4xx without a problem body";
            return false;
        }
        return true;
    }

    private static async Task<Outcome> SendAsync(HttpClient client, string method, string url, string? json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var shown = $"{response.Content.Headers.ContentType?.MediaType} {(text.Length > 300 ? text[..300] : text)}";
        var sentBody = json is null ? "" : " " + (json.Length > 200 ? json[..200] + "…" : json);
        return new Outcome($"{method} {(url.Length > 200 ? url[..200] + "…" : url)}{sentBody}", response.StatusCode, shown);
    }

    private static string With(JsonObject body, string field, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[field] = value;
        return copy.ToJsonString();
    }

    private static string Url(string template, IReadOnlyDictionary<string, string> values, string? query)
    {
        var path = template;
        foreach (var (name, value) in values) path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return query is null ? path : $"{path}?{query}";
    }

    private static IEnumerable<Operation> Operations(JsonElement doc)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                if (op.Name is "get" or "post" or "put" or "patch" or "delete")
                    yield return new Operation(op.Name.ToUpperInvariant(), path.Name, op.Value);
    }

    private static JsonElement? BodySchema(JsonElement doc, JsonElement op) =>
        op.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
        && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
            ? Resolve(doc, schema) : null;

    private static JsonElement Resolve(JsonElement doc, JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var node = doc;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) node = node.GetProperty(part);
            schema = node;
        }
        return schema;
    }

    /// <summary>A plausible value for a schema: the body the corpus then spoils one field at a time.</summary>
    private static JsonNode? Sample(JsonElement doc, JsonElement schema, int depth = 0)
    {
        schema = Resolve(doc, schema);
        if (depth > 4) return null;
        var type = schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString() : null;
        if (schema.TryGetProperty("enum", out var values)) return JsonValue.Create(values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null));
        if (type is null && schema.TryGetProperty("properties", out _)) type = "object";
        return type switch
        {
            "object" when schema.TryGetProperty("properties", out var properties) =>
                new JsonObject(properties.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Sample(doc, p.Value, depth + 1)))),
            "object" => new JsonObject(),
            "array" => new JsonArray(),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(false),
            "string" when schema.TryGetProperty("format", out var f) && f.GetString() == "date-time" => JsonValue.Create("2026-12-01T10:00:00+01:00"),
            "string" when schema.TryGetProperty("format", out var f) && f.GetString() == "date" => JsonValue.Create("2026-12-01"),
            "string" => JsonValue.Create("Texte"),
            _ => null,
        };
    }
}
