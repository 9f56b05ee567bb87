using System.Net;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 18 (probe after item 4): the sign-in form answered a wrong password on an existing account in the time of a
/// password hash, and an unknown or locked account at once — telling which. Every attempt now costs one hash. The work
/// is counted (one hash or verification per attempt), not timed: a timing test would be flaky.
/// </summary>
public sealed class SignInTimingTests(SignInTimingTests.CountingApp app) : IClassFixture<SignInTimingTests.CountingApp>
{
    /// <summary>The real hasher, counting its work.</summary>
    public sealed class CountingHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new(options);
        private int _work;
        public int Work => Volatile.Read(ref _work);

        public string HashPassword(StaffUser user, string password)
        {
            Interlocked.Increment(ref _work);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _work);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class CountingApp : MaillageApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton<CountingHasher>();
                s.AddSingleton<IPasswordHasher<StaffUser>>(sp => sp.GetRequiredService<CountingHasher>());
            });
        }
    }

    [Fact]
    public async Task Given_an_unknown_a_locked_and_an_existing_account_Then_a_wrong_password_costs_each_the_same_one_hash()
    {
        var existing = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var locked = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
        });
        var hasher = app.Services.GetRequiredService<CountingHasher>();
        var client = app.Browser();
        foreach (var email in new[] { $"personne.{Guid.NewGuid():N}@example.org", locked.Email!, existing.Email! })
        {
            var before = hasher.Work;
            var response = await client.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = "pas le bon mot de passe" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Adresse ou mot de passe incorrect.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
            Assert.True(hasher.Work - before == 1, $"{email}: {hasher.Work - before} hash computations");
        }
    }
}
