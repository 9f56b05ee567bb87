using System.Net;
using Microsoft.Net.Http.Headers;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// The test browser's cookie jar, on the application's clock. The server dates a cookie's <c>Expires</c> by the
/// <see cref="TestClock"/> (e.g. a kiosk opened for 7 days), while a <see cref="CookieContainer"/> judges expiry by
/// the real time: with the clock frozen on <see cref="MaillageApp.DefaultNow"/>, cookies would vanish once the real
/// date passed their expiry. Each <c>Expires</c> is moved onto the real timeline by the clock's offset when it
/// arrives, so that a cookie lives in the jar as long as it lives for the server.
/// </summary>
public sealed class ClockedCookies(TimeProvider clock) : DelegatingHandler
{
    private readonly CookieContainer _jar = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = request.RequestUri!;
        var cookies = _jar.GetCookieHeader(uri);
        if (cookies.Length > 0) request.Headers.Add(HeaderNames.Cookie, cookies);
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues(HeaderNames.SetCookie, out var values))
        {
            var offset = DateTimeOffset.UtcNow - clock.GetUtcNow();
            foreach (var value in values)
            {
                if (SetCookieHeaderValue.TryParse(value, out var cookie) && cookie.Expires is { } expires)
                {
                    // Keep a cookie the server deletes (expiry in the past) deleted: only future dates are moved.
                    if (expires > clock.GetUtcNow()) cookie.Expires = expires + offset;
                    _jar.SetCookies(uri, cookie.ToString());
                }
                else _jar.SetCookies(uri, value);
            }
        }
        return response;
    }
}
