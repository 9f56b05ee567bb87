namespace Maillage.Platform.Data;

/// <summary>
/// Rows of public read models shared by the requests of a host (the published network, the public agenda's pages). An
/// entry is used only while the database version it was read at is still current (its caller reads the version, e.g.
/// the last audit entry's id, written in the same transaction as every change), and for at most <see cref="MaxAge"/>
/// (a bound for changes made outside Entity Framework, which leave no audit entry). One per host: two hosts in one
/// process (tests) never share rows. The cached values are read-only: callers must not change them.
/// </summary>
public sealed class ReadCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 256;
    private sealed record Entry(long Version, DateTimeOffset LoadedAt, object Value);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, object), Entry> _entries = new();

    public async Task<T> GetOrLoadAsync<T>(object key, long version, DateTimeOffset now, Func<Task<T>> load) where T : class
    {
        if (_entries.TryGetValue((typeof(T), key), out var entry) && entry.Version == version && now - entry.LoadedAt < MaxAge && now >= entry.LoadedAt)
            return (T)entry.Value;
        var value = await load();
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[(typeof(T), key)] = new Entry(version, now, value);
        return value;
    }
}
