using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network;

/// <summary>
/// The Network module's test data: a test's own structures and partners (never the reference network's, which
/// every test of the application shares), and the structure form as a browser posts it.
/// </summary>
internal static class NetworkTestData
{
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

    /// <summary>A new partner of a Cité, owned by the calling test.</summary>
    public static Task<Partner> NewPartnerAsync(this MaillageApp app, string citeSlug, string name, PartnerType type = PartnerType.Cio) =>
        app.WithDbAsync(async db =>
        {
            var cite = await db.Cites.SingleAsync(c => c.Slug == citeSlug);
            var partner = new Partner { CiteId = cite.Id, Name = name, Type = type };
            db.Partners.Add(partner);
            await db.SaveChangesAsync();
            return partner;
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
}
