using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 18, item 13: the built application started as a service manager starts it — <c>dotnet /path/Maillage.dll</c>
/// from another working directory — reads its own appsettings.json. Observable: appsettings.json sets the log level of
/// Microsoft.EntityFrameworkCore and Microsoft.AspNetCore to Warning; without the file, every SQL command and every
/// request is logged at Information.
/// </summary>
public sealed class StartedElsewhereTests : IDisposable
{
    private readonly string _connection = TestDatabase.CreateFromTemplate();
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("maillage-elsewhere-").FullName;

    private static string BuiltApplication()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Maillage", "bin", configuration, "net10.0", "Maillage.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Given_the_application_started_from_another_directory_Then_its_appsettings_json_is_in_effect()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     BuiltApplication(), "--urls", $"http://127.0.0.1:{port}", $"--Database:Provider={TestDatabase.ProviderName}",
                     $"--ConnectionStrings:Maillage={_connection}", $"--Maillage:DataDirectory={Path.Combine(_workingDirectory, "data")}",
                     $"--Email:PickupDirectory={Path.Combine(_workingDirectory, "mail")}", "--Jobs:Enabled=false",
                 })
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("DOTNET_CONTENTROOT") || k.StartsWith("Logging__")).ToList())
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var log = new StringBuilder();
        void Append(object _, DataReceivedEventArgs e) { lock (log) log.AppendLine(e.Data); }
        string Log() { lock (log) return log.ToString(); }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited) return $"exited with {process.ExitCode}: {Log()}";
                try { return (await http.GetAsync("/health/ready")).StatusCode.ToString(); }
                catch (HttpRequestException e) { return e.Message; }
            }, s => s == nameof(HttpStatusCode.OK), "the application to be ready", TimeSpan.FromSeconds(90));
            // Pages render (their views are found) and run SQL commands that would be logged at Information.
            var agenda = await http.GetAsync("/agenda");
            Assert.Equal(HttpStatusCode.OK, agenda.StatusCode);
            Assert.Contains("<html", await agenda.Content.ReadAsStringAsync());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var output = Log();
        Assert.Contains("Now listening on", output); // the console logs, at Information for Maillage and the host
        Assert.DoesNotContain("Executed DbCommand", output);
        Assert.DoesNotContain("Request starting", output);
    }

    public void Dispose()
    {
        TestDatabase.Drop(_connection);
        try { Directory.Delete(_workingDirectory, recursive: true); } catch (IOException) { }
    }
}
