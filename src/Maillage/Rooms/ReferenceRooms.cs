using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms;

/// <summary>
/// The rooms the seed documents describe: the convention between the Académie d'Aix-Marseille and the Cité des métiers
/// de Marseille (seed 003, §1.4) lends the salle Massalia (20 seats) and the amphithéâtre Pierre Chevalier (130 seats) to
/// the Académie's staff, free of charge, subject to availability, Monday to Friday 10:00–18:00. Added to the Marseille
/// site when missing, at every start (idempotent).
/// </summary>
internal sealed class ReferenceRooms(MaillageDb db, ILogger<ReferenceRooms> logger) : IDatabaseInitialiser
{
    private const string Seed003 = "Convention Académie d'Aix-Marseille – Cité des Métiers de Marseille (seed 003, §1.4 Mise à disposition de salles)";

    public async Task InitialiseAsync(CancellationToken ct)
    {
        var site = await db.Structures.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Cite.Slug == "marseille-paca" && s.Slug == "marseille", ct);
        if (site is null) return;
        var academie = await db.Partners.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.CiteId == site.CiteId && p.Name == "Académie d'Aix-Marseille", ct);
        var existing = await db.Rooms.IgnoreQueryFilters().Where(r => r.StructureId == site.Id).Select(r => r.Name).ToListAsync(ct);
        var added = 0;
        foreach (var (name, capacity, layout) in new[]
                 {
                     ("Salle Massalia", 20, (string?)null),
                     ("Amphithéâtre Pierre Chevalier", 130, "Amphithéâtre"),
                 })
        {
            if (existing.Contains(name)) continue;
            var room = new Room
            {
                CiteId = site.CiteId, StructureId = site.Id, Name = name, Capacity = capacity, Layout = layout,
                NeedsApproval = true, CiteStaffMayBook = true,
                Source = $"{Seed003} : « {(capacity == 20 ? "la salle Massalia, d'une capacité d'accueil maximum de 20 personnes" : "l'amphithéâtre Pierre Chevalier, permettant d'accueillir jusqu'à 130 personnes")} », mis à disposition gratuitement des personnels académiques, sous réserve de la disponibilité, de 10h00 à 18h00 du lundi au vendredi",
            };
            room.ReplaceHours([.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => (d, new TimeOnly(10, 0), new TimeOnly(18, 0)))]);
            if (academie is not null) room.Partners.Add(new RoomPartner { PartnerId = academie.Id, Convention = true });
            db.Rooms.Add(room);
            added++;
        }
        if (added == 0) return;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Reference rooms added: {Count} (Marseille, seed 003)", added);
    }
}
