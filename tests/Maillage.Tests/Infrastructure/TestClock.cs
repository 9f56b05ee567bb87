namespace Maillage.Tests.Infrastructure;

/// <summary>A clock the test sets, forwards or backwards.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;
    public override DateTimeOffset GetUtcNow() => _now;
    public void SetUtcNow(DateTimeOffset value) => _now = value.ToUniversalTime();
    public void Advance(TimeSpan by) => _now += by;
}
