using Maillage.Platform.Configuration;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Identity;

/// <summary>
/// Sign-in attempts counted in one fixed window of a minute, per key (<c>ip:ADDRESS</c> or <c>account:NAME</c>). Used on
/// PostgreSQL only, where several instances share the database (SPEC §14) and so share one budget.
/// </summary>
public sealed class SignInAttempt
{
    public required string Key { get; set; }
    /// <summary>The window: minutes since the Unix epoch.</summary>
    public long Window { get; set; }
    public int Count { get; set; }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> b)
    {
        b.HasKey(a => a.Key);
        b.HasIndex(a => a.Window);
    }
}

/// <summary>
/// The sign-in rate limit (<see cref="SignInRateLimitOptions.SignInPerMinute"/> per client address and per account name).
/// On SQLite, a single instance, the in-memory limiter of <see cref="PlatformModule.SignInRateLimit"/> counts per address
/// and this answers yes. On PostgreSQL each attempt is counted in <c>SignInAttempt</c> by one atomic upsert
/// (<c>INSERT … ON CONFLICT … DO UPDATE … RETURNING</c>), so that every instance draws on the same budget; windows older
/// than the previous minute are deleted on write, once a minute per instance.
/// </summary>
internal sealed class SignInBudget(MaillageDb db, IOptions<SignInRateLimitOptions> options, TimeProvider clock, SignInBudget.PurgeClock purge)
{
    /// <summary>When this instance last deleted old windows (one per application).</summary>
    public sealed class PurgeClock
    {
        private long _lastWindow = -1;
        public bool Due(long window) => Interlocked.Exchange(ref _lastWindow, window) != window;
    }

    /// <summary>Counts one attempt from <paramref name="address"/> on <paramref name="account"/>; false once either is over budget.</summary>
    public async Task<bool> TakeAsync(string? address, string? account, CancellationToken ct = default)
    {
        if (db.OnSqlite) return true;
        var window = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (purge.Due(window))
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "SignInAttempt" WHERE "Window" < {window - 1}""", ct);
        var limit = options.Value.SignInPerMinute;
        var ok = await CountAsync("ip:" + (address ?? "unknown"), window, ct) <= limit;
        var name = account?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(name)) ok &= await CountAsync("account:" + (name.Length > 300 ? name[..300] : name), window, ct) <= limit;
        return ok;
    }

    private async Task<int> CountAsync(string key, long window, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO "SignInAttempt" ("Key", "Window", "Count") VALUES ({key}, {window}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "SignInAttempt"."Window" = EXCLUDED."Window" THEN "SignInAttempt"."Count" + 1 ELSE 1 END,
                "Window" = EXCLUDED."Window"
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct)).Single();
}

internal static class SignInBudgetPages
{
    /// <summary>Over the shared sign-in budget: 429 and the form again, the reason beside <paramref name="field"/>.</summary>
    public static Microsoft.AspNetCore.Mvc.RazorPages.PageResult TooManyAttempts(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel model, string field)
    {
        model.ModelState.AddModelError(field, Localization.Text.T("Trop de tentatives. Réessayez dans une minute.", "Too many attempts. Try again in a minute."));
        model.Response.Headers.RetryAfter = "60";
        var page = model.Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }
}
