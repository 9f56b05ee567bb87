using System.Security.Cryptography;
using Maillage.Platform.Identity;
using Maillage.Platform.Tenancy;

namespace Maillage.Visits.Kiosk;

/// <summary>
/// A tablet opened as a self-service kiosk by a member of staff of one structure. The tablet keeps a random
/// secret in an HttpOnly cookie; only its SHA-256 hash is stored. With it, the tablet may show the kiosk
/// pages of that structure and record anonymous self-declared visits there — nothing else, no staff session.
/// It expires after <see cref="Lifetime"/> and staff of the structure can end it at any time.
/// </summary>
[Platform.Data.TimesAsText]
internal sealed class KioskDevice : ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    public static (KioskDevice Device, string Secret) Start(Network.Structure structure, string name, string userId, DateTimeOffset now)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var device = new KioskDevice
        {
            CiteId = structure.CiteId, StructureId = structure.Id, Name = name, Hash = ApiToken.HashOf(secret),
            StartedBy = userId, StartedAt = now, ExpiresAt = now + Lifetime,
        };
        return (device, secret);
    }
}
