using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Kiosk;

/// <summary>Finds the kiosk a tablet was opened as, from its cookie; sets and clears that cookie.</summary>
internal sealed class KioskSession(MaillageDb db, TimeProvider clock)
{
    public const string CookieName = ".Maillage.Kiosk";
    public const string RateLimit = "kiosk";

    public async Task<(KioskDevice Device, Structure Structure)?> FindAsync(HttpContext http)
    {
        var secret = http.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(secret) || secret.Length > 100) return null;
        var hash = ApiToken.HashOf(secret);
        var device = await db.KioskDevices.AsNoTracking().FirstOrDefaultAsync(d => d.Hash == hash);
        if (device is null || !device.IsActive(clock.GetUtcNow())) return null;
        var structure = await db.Structures.AsNoTracking().Include(s => s.Poles).FirstAsync(s => s.Id == device.StructureId);
        return (device, structure);
    }

    public static void SetCookie(HttpContext http, string secret, DateTimeOffset expires) =>
        http.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/kiosque", Expires = expires, IsEssential = true,
        });

    /// <summary>Rate-limit partition: the device's cookie when there is one, else the address.</summary>
    public static string PartitionOf(HttpContext http) =>
        http.Request.Cookies[CookieName] is { Length: > 0 and <= 100 } secret ? "k:" + ApiToken.HashOf(secret) : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
