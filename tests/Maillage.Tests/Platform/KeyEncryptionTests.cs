using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 18, item 13: the data-protection keys kept in the database are encrypted with a configured certificate
/// (<c>Maillage:DataProtection:CertificatePath</c> and <c>CertificatePassword</c>), here a self-signed one made by the test.
/// </summary>
public sealed class KeyEncryptionTests : IDisposable
{
    private const string Password = "mot de passe du certificat";
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"maillage-keys-{Guid.NewGuid():N}.pfx");

    public KeyEncryptionTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Maillage data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, Password));
    }

    private sealed class CertificateApp(string? path, string? password) : MaillageApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (path is not null) builder.UseSetting("Maillage:DataProtection:CertificatePath", path);
            if (password is not null) builder.UseSetting("Maillage:DataProtection:CertificatePassword", password);
        }
    }

    private static async Task<List<string>> StoredKeysAsync(MaillageApp app)
    {
        // A form page makes the first key (its antiforgery token needs one).
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/gestion/connexion")).StatusCode);
        return await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
    }

    [Fact]
    public async Task Given_a_certificate_Then_the_stored_keys_are_encrypted_and_still_serve_sign_in()
    {
        using var app = new CertificateApp(_pfx, Password);

        var keys = await StoredKeysAsync(app);

        var key = Assert.Single(keys);
        Assert.Contains("encryptedSecret", key);
        Assert.Contains("EncryptedXml", key);
        Assert.DoesNotContain("unencrypted form", key);
        Assert.DoesNotContain("<masterKey", key);
        // Read back from the database and decrypted with the certificate (it is in no certificate store).
        var manager = app.Services.GetRequiredService<IKeyManager>();
        Assert.All(manager.GetAllKeys(), k => Assert.NotNull(k.Descriptor));
        var staff = await app.SignedInAsAsync(Maillage.Platform.Identity.StaffRole.Coordinator, "cite:grand-geneve");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/gestion")).StatusCode);
    }

    [Fact]
    public async Task Given_no_certificate_Then_the_keys_are_stored_in_clear_as_before()
    {
        using var app = new CertificateApp(null, null);
        Assert.Contains("unencrypted form", Assert.Single(await StoredKeysAsync(app)));
    }

    [Theory]
    [InlineData("absent")]
    [InlineData("wrong password")]
    public void Given_a_certificate_that_cannot_be_read_Then_the_start_stops_naming_the_setting(string fault)
    {
        using var app = fault == "absent" ? new CertificateApp(_pfx + ".absent", Password) : new CertificateApp(_pfx, "pas le bon");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Maillage:DataProtection:CertificatePath: the certificate file cannot be read", error.ToString());
    }

    public void Dispose() => File.Delete(_pfx);
}
