namespace Maillage.Platform.Jobs;

/// <summary>
/// How many requests this instance is answering right now. Background work that may wait a few seconds (the
/// e-mail dispatcher) yields to people waiting for an answer: during a rush of registrations the instance's CPU
/// goes to the answers first, and the e-mails follow within a bounded delay (docs/decisions/0011).
/// </summary>
internal sealed class RequestLoad
{
    /// <summary>From this many requests in flight the instance counts as busy.</summary>
    public const int BusyFrom = 4;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private int _inFlight;
    private int _yielding;

    /// <summary>How many background runs are holding back for the requests now (what a test observes instead of sleeping).</summary>
    public int Yielding => Volatile.Read(ref _yielding);

    public int InFlight => Volatile.Read(ref _inFlight);
    public bool Busy => InFlight >= BusyFrom;

    /// <summary>A request starts (the middleware of <c>UsePlatform</c>; pair every call with <see cref="Leave"/>).</summary>
    public void Enter() => Interlocked.Increment(ref _inFlight);

    /// <summary>A request has been answered (or failed).</summary>
    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>
    /// Waits while the instance is busy, at most <paramref name="atMost"/> (real time: requests are real whatever
    /// the application's clock says). Returns how long it waited.
    /// </summary>
    public async Task<TimeSpan> WhenQuietAsync(TimeSpan atMost, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        if (!Busy) return TimeSpan.Zero;
        Interlocked.Increment(ref _yielding);
        try
        {
            while (Busy && TimeProvider.System.GetElapsedTime(started) < atMost)
                await Task.Delay(Poll, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _yielding);
        }
        return TimeProvider.System.GetElapsedTime(started);
    }
}
