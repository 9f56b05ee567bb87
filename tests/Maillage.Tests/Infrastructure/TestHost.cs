using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Infrastructure;

/// <summary>What every test host changes in the application, in both test projects.</summary>
public static class TestHost
{
    /// <summary>
    /// Identity's default is 100,000 PBKDF2-SHA512 iterations per hash: tens of milliseconds of CPU at every user
    /// created and every sign-in, which tests do by the hundred. The hash keeps its format (the iteration count is
    /// stored in it) and its checks; only the work factor, a production-only defence, is lowered.
    /// </summary>
    public const int PasswordHashIterations = 1_000;

    public static void HashPasswordsCheaply(IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
}
