using System.Text.Json;
using System.Text.Json.Serialization;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Maillage.Platform.Errors;

/// <summary>
/// <see cref="TextInput"/> at the door of every request, before any page or endpoint reads it: the path, each route
/// value and each query-string name and value must be single-line text without control characters, and the address
/// must not be longer than <see cref="MaxUrlLength"/>; form fields must not carry NUL (PostgreSQL refuses it; the
/// other characters are refused beside their field when the form is saved). A refusal is a <see cref="RuleViolation"/>
/// naming the parameter: a 400 problem body on the API, the error page with the message elsewhere.
/// </summary>
internal sealed class RequestGuard(RequestDelegate next)
{
    /// <summary>The longest path and query string taken (Kestrel's own limit on the request line is raised above it, so that the refusal is ours, in words).</summary>
    public const int MaxUrlLength = 8 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page re-executed for a refused request sees the same query string: let it show the refusal.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxUrlLength)
            throw new RuleViolation("url", new($"L'adresse est trop longue (au plus {MaxUrlLength} caractères).", $"The address is too long (at most {MaxUrlLength} characters)."), StatusCodes.Status414UriTooLong);
        Check("path", request.Path.Value);
        foreach (var (name, value) in request.RouteValues)
            if (value is string text) Check(name, text);
        foreach (var (name, values) in request.Query)
        {
            Check(name, name);
            foreach (var value in values) Check(name, value);
        }
        if (request.HasFormContentType && !IsFileUpload(request))
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            foreach (var (name, values) in form)
                foreach (var value in values)
                    if (value?.Contains('\0') == true)
                        throw new RuleViolation(name, new("Ce champ contient un caractère NUL (U+0000) : retirez-le.", "This field contains a NUL character (U+0000): remove it."), 400);
        }
        await next(context);
    }

    private static void Check(string name, string? value) =>
        TextInput.Check(DateInput.Shown(name), value, multiLine: false, status: StatusCodes.Status400BadRequest);

    // A multipart body is read by the page that takes the file (an import), with its own limits.
    private static bool IsFileUpload(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>
/// Text in JSON bodies: a string value with a character <see cref="TextInput"/> refuses even where lines are allowed
/// (NUL, control characters, bidi overrides) makes the body unreadable — a 400 naming the JSON path of the value.
/// Line breaks in single-line fields are refused by the field's own rule, and in every case when the row is saved.
/// </summary>
internal sealed class CheckedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && TextInput.FirstRefused(value, multiLine: true) is { } bad)
            throw new JsonException(Text.T($"Le texte contient un caractère de contrôle invisible (U+{bad.CodePoint:X4}, caractère {bad.Index + 1}).",
                $"The text contains an invisible control character (U+{bad.CodePoint:X4}, character {bad.Index + 1})."));
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// An instant in a JSON body carries its offset (<c>2026-12-03T14:00:00+01:00</c> or <c>…Z</c>): without one it used to be
/// read in the server's zone (UTC in containers), an hour or two away from what the organiser meant. It is refused with
/// a 400 naming the field; so is a year outside <see cref="DateInput"/>'s range.
/// </summary>
internal sealed class InstantConverter(IHttpContextAccessor? http = null) : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? "";
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var value)
            || text.Length < 11 || text.IndexOf('T') < 0)
            throw new JsonException(Text.T($"« {DateInput.Shown(text)} » n'est pas une date et heure ISO 8601 avec son décalage (par exemple 2026-12-03T14:00:00+01:00).",
                $"\"{DateInput.Shown(text)}\" is not an ISO 8601 date and time with its offset (for example 2026-12-03T14:00:00+01:00)."));
        if (DateInput.Problem(value.Year, "") is { } year) throw new JsonException(year.Text);
        var time = text[(text.IndexOf('T') + 1)..];
        if (!(time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+') || time.Contains('-')))
        {
            // An endpoint that knows the place's zone reads a wall-clock time there (LocalTimes); elsewhere it is refused.
            if (LocalTimes.Record(http?.HttpContext, value.DateTime) is { } local) return local;
            throw new JsonException(Text.T($"« {DateInput.Shown(text)} » n'a pas de décalage horaire : ajoutez-le (+01:00 en hiver à Paris, Z pour UTC).",
                $"\"{DateInput.Shown(text)}\" has no UTC offset: add it (+01:00 in winter in Paris, Z for UTC)."));
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// Endpoints whose body may carry wall-clock times (without offset) because they know where they happen — an event's
/// times are read in its structure's zone — say so with <see cref="AcceptedAttribute"/>. The JSON reader keeps such a
/// time as its wall-clock value with a zero offset and records it for the request; the endpoint then reads each recorded
/// value in the right zone (<see cref="IsLocal"/>), refusing a time the clocks skip.
/// </summary>
public static class LocalTimes
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class AcceptedAttribute : Attribute;

    private const string Key = "maillage.local-times";

    internal static DateTimeOffset? Record(HttpContext? context, DateTime wallClock)
    {
        if (context?.GetEndpoint()?.Metadata.GetMetadata<AcceptedAttribute>() is null) return null;
        var value = new DateTimeOffset(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), TimeSpan.Zero);
        if (context.Items[Key] is not HashSet<DateTimeOffset> recorded) context.Items[Key] = recorded = [];
        recorded.Add(value);
        return value;
    }

    /// <summary>Whether <paramref name="value"/>, read from this request's body, was written without an offset.</summary>
    public static bool IsLocal(HttpContext context, DateTimeOffset? value) =>
        value is { Offset.Ticks: 0 } v && context.Items[Key] is HashSet<DateTimeOffset> recorded && recorded.Contains(v);
}

internal static class RequestGuardSetup
{
    public static IServiceCollection AddRequestGuard(this IServiceCollection services)
    {
        // Kestrel answers a request line longer than its limit with an empty 414 before any middleware: its limit is set
        // well above ours, so that ordinary long addresses get our message (docs/security.md).
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestLineSize = Math.Max(k.Limits.MaxRequestLineSize, 64 * 1024));
        services.AddHttpContextAccessor();
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<IHttpContextAccessor>((o, http) =>
        {
            o.SerializerOptions.Converters.Add(new CheckedStringConverter());
            o.SerializerOptions.Converters.Add(new InstantConverter(http));
        });
        // A type read by a converter loses its schema in the OpenAPI document: the instants get theirs back.
        services.ConfigureAll<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset) && schema.Type is null)
            {
                schema.Type = Nullable.GetUnderlyingType(type) is null ? Microsoft.OpenApi.JsonSchemaType.String : Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Null;
                schema.Format = "date-time";
            }
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>After routing (route values known), before authentication: bad input is refused before anything reads it.</summary>
    public static IApplicationBuilder UseRequestGuard(this IApplicationBuilder app) => app.UseMiddleware<RequestGuard>();
}
