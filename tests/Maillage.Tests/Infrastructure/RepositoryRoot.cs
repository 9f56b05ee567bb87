namespace Maillage.Tests.Infrastructure;

/// <summary>The repository's folder, found above the test binaries (for tests that read the README or docs).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Maillage.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Maillage.slnx not found above the test binaries.");
    }
}
