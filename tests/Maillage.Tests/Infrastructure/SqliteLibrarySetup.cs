using System.Runtime.CompilerServices;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// The application sets SQLite's process-wide options before its first connection (<c>SqliteLibrary.Configure</c>).
/// Some tests open connections of their own, in parallel with the applications they start: the options are set
/// when the test assembly loads, so that every test finds them as the application would.
/// </summary>
internal static class SqliteLibrarySetup
{
    [ModuleInitializer]
    internal static void Configure() => Maillage.Platform.Data.SqliteLibrary.Configure();
}
