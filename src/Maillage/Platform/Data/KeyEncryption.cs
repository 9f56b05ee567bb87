using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Maillage.Platform.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace Maillage.Platform.Data;

/// <summary>
/// Settings under <c>Maillage:DataProtection</c>: a certificate (PFX file with its private key) that encrypts the
/// data-protection keys at rest. The keys sign and encrypt the cookies and antiforgery tokens and are kept in the
/// database, so that several instances share them; without a certificate they are stored in clear and anyone holding a
/// copy of the database (a backup) can forge a staff session.
/// </summary>
internal sealed class KeyEncryptionOptions : IValidatableObject
{
    public const string Section = "Maillage:DataProtection";

    /// <summary>Path of a PFX (PKCS #12) file holding an RSA certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Its password (give it through the environment or a secret store, not appsettings.json).</summary>
    public string? CertificatePassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(CertificatePath)) yield break;
        string? problem = null;
        try
        {
            using var certificate = Load();
            if (!certificate.HasPrivateKey) problem = "holds no private key";
            else if (certificate.GetRSAPrivateKey() is null) problem = "is not an RSA certificate";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            problem = $"cannot be read ({e.Message})";
        }
        if (problem is not null) yield return new ValidationResult($"the certificate file {problem}", [nameof(CertificatePath)]);
    }

    public X509Certificate2 Load() =>
        X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
}

internal static class KeyEncryption
{
    /// <summary>Encrypts new keys with the configured certificate and decrypts with it (it need not be in a certificate store).</summary>
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var options = builder.Services.AddSettings<KeyEncryptionOptions>(configuration, KeyEncryptionOptions.Section);
        if (string.IsNullOrWhiteSpace(options.CertificatePath)) return builder;
        X509Certificate2 certificate;
        try
        {
            certificate = options.Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            // Settings.Validate names the key at start; nothing to protect with until then.
            return builder;
        }
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }
}
