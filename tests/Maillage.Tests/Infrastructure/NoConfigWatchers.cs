using System.Runtime.CompilerServices;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// Every application a test starts would watch its appsettings files for changes, one inotify instance per host; a test
/// run keeps dozens of hosts alive, and the user's inotify instances are few (128 by default on Linux, shared with every
/// other process of the user). No test changes a settings file under a running host: the hosts do not watch them.
/// </summary>
internal static class NoConfigWatchers
{
    [ModuleInitializer]
    internal static void Configure() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
