namespace Maillage.Tests.Infrastructure;

/// <summary>
/// Waiting for something the application does in the background: read again until the condition holds, up to a
/// deadline generous enough for a loaded CI machine, and fail with what was last seen. Returns as soon as the
/// condition holds, so the deadline costs nothing when all goes well. Never a fixed sleep followed by an assertion.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds; returns the value that satisfied it.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Still waiting after {timeout ?? DefaultTimeout} for {what}; last seen: {value}");
            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), ok => ok, what, timeout);
}
