using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace Maillage.Tests.Agenda;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd (package python3-aiosmtpd, run with /usr/bin/python3)
/// storing every message it receives in a Maildir that the test reads back.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _errors = [];
    private int _connections;
    public int Port { get; }

    /// <summary>SMTP connections the server has accepted so far (the start-up probe included).</summary>
    public int Connections => Volatile.Read(ref _connections);
    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "maillage-smtp", Guid.NewGuid().ToString("N"));

    public SmtpSink()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Maildir)!);
        Port = FreePort();
        // -d: aiosmtpd logs each connection ("mail.log:Peer: (host, port)") on its standard error, read here line by line.
        _process = new Process
        {
            StartInfo = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-d", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            },
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            if (line.Data.Contains("mail.log:Peer:", StringComparison.Ordinal)) Interlocked.Increment(ref _connections);
            lock (_errors) { if (_errors.Count < 200) _errors.Add(line.Data); }
        };
        _process.OutputDataReceived += (_, _) => { };
        if (!_process.Start()) throw new InvalidOperationException("aiosmtpd did not start (apt-get install python3-aiosmtpd)");
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try { using var c = new TcpClient("127.0.0.1", Port); return; }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited) { Thread.Sleep(100); }
            catch (SocketException)
            {
                string log;
                lock (_errors) log = string.Join("\n", _errors);
                throw new InvalidOperationException($"aiosmtpd is not listening on {Port}: {(_process.HasExited ? log : "timeout")}");
            }
        }
    }

    /// <summary>A loopback port nothing listens on (the listener that found it is closed again).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).OrderBy(File.GetLastWriteTimeUtc).ToList();
        return files.Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages matching <paramref name="filter"/> have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, Func<MimeMessage, bool>? filter = null, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = Messages().Where(filter ?? (_ => true)).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline) return found;
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(Maildir, recursive: true); } catch (IOException) { }
    }
}
