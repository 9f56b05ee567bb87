// Shared by the benchmarks (compiled into each of them): warm a server up until .NET has finished compiling its hot code.
using System.Diagnostics;
using System.Globalization;

namespace Maillage.Bench;

/// <summary>
/// A server runs for days: the benchmarks measure it warm. .NET compiles a method quickly at its first calls, then again,
/// optimised with what it learnt from them (tiered compilation with dynamic PGO), on a background thread. On 2 busy cores
/// that thread was still at work after more than a minute of load: a fixed warm-up left up to 16 % of Maillage's CPU in
/// the measured rounds of the registration rush to that compiler. So a warm-up repeats its chunk of load until the tiered
/// compiler used under 1 % of a core during one chunk (or five minutes went by), for Maillage and its baseline alike.
/// </summary>
public static class WarmUp
{
    /// <summary>The thread name of .NET's tiered compilation worker as /proc shows it (cut to 15 characters).</summary>
    private const string TieringThread = ".NET Tiered Com";

    /// <summary>Repeats <paramref name="chunk"/> (at least <paramref name="minimum"/> times) until the tiered compiler of process <paramref name="pid"/> is idle; returns a one-line summary.</summary>
    public static async Task<string> UntilCompiledAsync(string who, int? pid, int minimum, Func<Task> chunk, Action<string> log)
    {
        var watch = Stopwatch.StartNew();
        for (var n = 1; ; n++)
        {
            var before = TieringCpuMs(pid);
            var started = Stopwatch.GetTimestamp();
            await chunk();
            var share = TieringCpuMs(pid).Sum(t => t.Value - before.GetValueOrDefault(t.Key)) / Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (n < minimum || (share >= 0.01 && watch.Elapsed < TimeSpan.FromMinutes(5))) continue;
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{who}: {n} warm-up chunks in {watch.Elapsed.TotalSeconds:0} s, tiered compiler at {100 * share:0.0} % of a core in the last{(share < 0.01 ? "" : " (still compiling after 5 minutes)")}");
            log(summary);
            return summary;
        }
    }

    /// <summary>
    /// CPU time (ms) used so far by each thread of the tiered compiler of a process, by thread id: the worker ends when
    /// idle and a new one starts with the next work. Empty when the process is not known.
    /// </summary>
    public static Dictionary<int, double> TieringCpuMs(int? pid)
    {
        var threads = new Dictionary<int, double>();
        if (pid is null || !Directory.Exists($"/proc/{pid}/task")) return threads;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != TieringThread) continue;
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = ProcessCpu.FromStat(File.ReadAllText(Path.Combine(task, "stat")));
            }
            catch (IOException) { } // the thread ended meanwhile
        }
        return threads;
    }
}

/// <summary>CPU time of processes and threads, from /proc.</summary>
public static class ProcessCpu
{
    /// <summary>CPU time (user + system, ms) a process has used so far, or NaN when it is not known.</summary>
    public static double Ms(int? pid) =>
        pid is not null && File.Exists($"/proc/{pid}/stat") ? FromStat(File.ReadAllText($"/proc/{pid}/stat")) : double.NaN;

    /// <summary>
    /// CPU time (ms) used so far by every live process named <paramref name="command"/> (e.g. "postgres": the server and
    /// its backends, on this machine). Backends that exited in between are not counted, so compare over a steady pool.
    /// </summary>
    public static double OfCommandMs(string command)
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsDigit(Path.GetFileName(dir)[0])) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                if (stat.AsSpan(open + 1, stat.IndexOf(')') - open - 1).SequenceEqual(command)) total += FromStat(stat);
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return total;
    }

    /// <summary>Fields 14 and 15 of a /proc stat line (utime, stime), in clock ticks of 10 ms.</summary>
    public static double FromStat(string stat)
    {
        var fields = stat.Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }
}
