// Shared by the benchmarks (compiled into each of them): a closed-loop HTTP load of GETs on one URL.
using System.Diagnostics;

namespace Maillage.Bench;

/// <summary>
/// <paramref name="connections"/> loops, each sending the next GET as soon as the previous answer is read, for
/// <c>duration</c> seconds: the requests per second, the 99th percentile of the latencies and the count of errors.
/// </summary>
public static class HttpLoad
{
    public sealed record Result(double Rps, double P50, double P99, int Requests, int Errors);

    public static async Task<Result> RunAsync(HttpClient http, string url, int connections, double duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration * Stopwatch.Frequency);
        var latencies = new List<double>[connections];
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = latencies[c] = [];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url);
                    await response.Content.LoadIntoBufferAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (Exception) { Interlocked.Increment(ref errors); }
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        double At(double q) => all[(int)Math.Min(all.Count - 1, Math.Max(0, Math.Ceiling(all.Count * q) - 1))];
        return new(all.Count / elapsed, At(0.5), At(0.99), all.Count, errors);
    }
}
