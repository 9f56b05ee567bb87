namespace Maillage.Tests.Infrastructure;

/// <summary>
/// A clock the test sets, forwards or backwards. Frozen by default; <see cref="Run"/> makes it tick with
/// real time from the value it holds (for tests that need the background scheduler, which reads it).
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;
    private global::System.Diagnostics.Stopwatch? _running;

    public override DateTimeOffset GetUtcNow() => _running is null ? _now : _now + _running.Elapsed;
    public void SetUtcNow(DateTimeOffset value) { _now = value.ToUniversalTime(); _running?.Restart(); }
    public void Advance(TimeSpan by) => _now += by;
    public void Run() { _running = global::System.Diagnostics.Stopwatch.StartNew(); }
}
