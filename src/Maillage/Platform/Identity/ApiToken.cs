using System.Security.Cryptography;
using System.Text;

namespace Maillage.Platform.Identity;

/// <summary>
/// A token for partner integrations, used as <c>Authorization: Bearer</c>. Only its SHA-256 hash is
/// stored; the token itself is shown once, at creation.
/// </summary>
[Data.TimesAsText]
public sealed class ApiToken
{
    public const string Prefix = "mlg_";

    public int Id { get; set; }
    public required string UserId { get; set; }
    public StaffUser User { get; set; } = null!;
    public required string Name { get; set; }
    public required string Hash { get; set; }
    /// <summary>The first characters, shown in lists so that a person can tell tokens apart.</summary>
    public required string Hint { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>What the token may do, chosen at creation, space-separated (see <see cref="ApiScopes"/>); never more than its owner's roles.</summary>
    public string Scopes { get; set; } = "";

    public static (ApiToken Token, string Secret) Create(string userId, string name, IEnumerable<string> scopes, DateTimeOffset now)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiToken { UserId = userId, Name = name.Trim(), Hash = HashOf(secret), Hint = secret[..10], CreatedAt = now, Scopes = ApiScopes.Join(scopes) }, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The shape every token has; anything else is refused before touching the database.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: 47 } && secret.StartsWith(Prefix, StringComparison.Ordinal) &&
        secret.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
