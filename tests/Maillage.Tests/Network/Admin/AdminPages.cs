using System.Net;
using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network.Admin;

/// <summary>Small helpers shared by the back-office tests: a test's own structure, decoded page text.</summary>
internal static class AdminPages
{
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> PageTextAsync(this HttpClient client, string url) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(url));

    /// <summary>A new structure in a Cité, owned by the calling test, with the given number of poles.</summary>
    public static Task<Structure> NewStructureAsync(this MaillageApp app, string citeSlug, StructureKind kind = StructureKind.Site, int poles = 0,
        string? name = null, Action<Structure>? configure = null) =>
        app.WithDbAsync(async db =>
        {
            var cite = await db.Cites.SingleAsync(c => c.Slug == citeSlug);
            var unique = Guid.NewGuid().ToString("N")[..8];
            var structure = new Structure { CiteId = cite.Id, Kind = kind, Name = name ?? $"Structure de test {unique}", Slug = $"test-{unique}" };
            configure?.Invoke(structure);
            db.Structures.Add(structure);
            await db.SaveChangesAsync();
            for (var i = 1; i <= poles; i++) structure.AddPole($"Pôle de test {i}");
            await db.SaveChangesAsync();
            return structure;
        });

    /// <summary>Every field of the structure form, as a browser would post them.</summary>
    public static Dictionary<string, string> StructureFields(string name, int citeId, StructureKind kind = StructureKind.CentreAssocie) => new()
    {
        ["Input.CiteId"] = citeId.ToString(),
        ["Input.Kind"] = kind.ToString(),
        ["Input.Name"] = name,
        ["Input.Slug"] = "",
        ["Input.Description"] = "Créée par un test.",
        ["Input.Status"] = nameof(StructureStatus.Open),
        ["Input.OpenedOn"] = "",
        ["Input.Street"] = "1 rue du Test",
        ["Input.PostalCode"] = "74100",
        ["Input.City"] = "Annemasse",
        ["Input.Country"] = "FR",
        ["Input.Latitude"] = "46,1934",
        ["Input.Longitude"] = "6.2347",
        ["Input.CommuneId"] = "",
        ["Input.QpvId"] = "",
        ["Input.Accessibility"] = "",
        ["Input.Phone"] = "",
        ["Input.Email"] = "accueil@test.maillage",
        ["Input.Website"] = "",
        ["Input.ParentId"] = "",
        ["Input.Operator"] = "",
        ["Input.TimeZoneId"] = "Europe/Paris",
        ["Input.Holidays"] = nameof(HolidayCalendar.France),
    };

    public static Task<int> CiteIdAsync(this MaillageApp app, string slug) =>
        app.WithDbAsync(db => db.Cites.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());
}
