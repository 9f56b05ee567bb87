using System.Text.Json;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Audit;

[Authorize(Policy = Policies.Administrators)]
internal sealed class IndexModel(MaillageDb db, StaffAccess access) : PageModel
{
    public const int PageSize = 50;
    /// <summary>Times are shown in the zone of the Cités the product serves (Paris and Geneva share it).</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public sealed record Change(string Field, string? Before, string? After);
    public sealed record Row(long Id, DateTimeOffset At, string Who, string EntityType, string EntityId, string Action, IReadOnlyList<Change> Changes);

    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    // "page" is taken by Razor Pages routing, hence "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> Types { get; private set; } = [];
    public int PageCount { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = await AdminScope.OfAsync(access, db);
        var visible = db.AuditEntries.AsNoTracking()
            .Where(e => scope.PlatformWide || e.CiteId != null && scope.CiteIds.Contains(e.CiteId.Value));
        Types = await visible.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync();
        if (!string.IsNullOrEmpty(Type)) visible = visible.Where(e => e.EntityType == Type);
        var total = await visible.CountAsync();
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        // Ids grow with time; ordering by them is also portable (SQLite cannot order by DateTimeOffset).
        var entries = await visible.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Rows = entries.Select(e => new Row(e.Id, TimeZoneInfo.ConvertTime(e.At, Zone), e.UserName ?? "system", e.EntityType, e.EntityId, e.Action, Changes(e.Before, e.After))).ToList();
    }

    public string PageLink(int page) =>
        "/gestion/journal?" + string.Join("&", new[] { string.IsNullOrEmpty(Type) ? null : $"type={Uri.EscapeDataString(Type)}", $"p={page}" }.Where(s => s is not null));

    /// <summary>The fields a change touched, with their value before and after, read from the two JSON snapshots.</summary>
    public static IReadOnlyList<Change> Changes(string? before, string? after)
    {
        var b = Read(before);
        var a = Read(after);
        return b.Keys.Union(a.Keys)
            .Select(k => new Change(k, b.GetValueOrDefault(k), a.GetValueOrDefault(k)))
            .Where(c => before is null || after is null || c.Before != c.After)
            .ToList();
    }

    private static Dictionary<string, string?> Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            });
        }
        catch (JsonException)
        {
            return new() { ["?"] = json };
        }
    }
}
