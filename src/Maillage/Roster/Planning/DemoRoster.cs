using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Planning;

/// <summary>
/// Demo duties (Development only, issue 20): about three months (the past two and the next one) of slots for every
/// pole of the Centre associé d'Annemasse and the point relais of Saint-Julien, held by the partners the reference network
/// links to each pole (Créer son activité at Annemasse: Maison de l'Economie Développement, 13:30–17:30), with a few
/// absences, one replacement, one proposed swap and deliberate gaps (the Wednesday afternoons of "S'orienter" at
/// Annemasse next week are left empty); and the Grand Genève convention's days (seed 000) as commitments. Adds nothing
/// when the roster already has slots.
/// </summary>
internal sealed class DemoRoster(MaillageDb db, TimeProvider clock) : IDevelopmentSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.DutySlots.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var structures = await db.Structures.Include(s => s.Poles).ThenInclude(p => p.Partners).Include(s => s.WeeklyHours).Include(s => s.Exceptions)
            .Where(s => s.Cite.Slug == "grand-geneve" && (s.Slug == "annemasse" || s.Slug == "saint-julien-en-genevois")).AsSplitQuery().ToListAsync(ct);
        if (structures.Count == 0) return;
        var partners = await db.Partners.Where(p => p.CiteId == structures[0].CiteId).ToDictionaryAsync(p => p.Name, p => p.Id, ct);
        var counsellor = await db.Users.Where(u => u.Email == "conseil.annemasse@demo.maillage.test").Select(u => u.Id).FirstOrDefaultAsync(ct);
        var slots = new List<DutySlot>();
        foreach (var structure in structures)
        {
            var place = new PlanningPlace(structure, structure.Schedule());
            var today = DutyRules.ToLocal(now, place.Zone).Date;
            var nextMonday = Coverage.MondayOf(today).AddDays(7);
            for (var date = today.AddDays(-61); date <= today.AddDays(31); date = date.AddDays(1))
            {
                var ranges = DutyRules.Merged(place.Schedule.On(date).Ranges);
                foreach (var pole in structure.Poles.OrderBy(p => p.Order))
                {
                    var holders = pole.Partners.Select(pp => pp.PartnerId).Order().ToList();
                    if (holders.Count == 0 && partners.TryGetValue("Mission locale du Genevois", out var ml)) holders.Add(ml);
                    if (holders.Count == 0) continue;
                    var creating = pole.Name == "Créer son activité";
                    foreach (var range in ranges)
                    {
                        var (starts, ends) = creating ? (new TimeOnly(13, 30), new TimeOnly(17, 30)) : (range.Opens, range.Closes);
                        if (starts < range.Opens || ends > range.Closes) continue;
                        // Deliberate gaps: next week's Wednesday afternoon of the first pole at Annemasse.
                        if (structure.Slug == "annemasse" && pole.Order == 1 && date == nextMonday.AddDays(2) && starts >= Coverage.Noon) continue;
                        if (DutyRules.Opening(structure, place.Schedule, date, starts, ends) is not null) continue;
                        var partner = holders[(date.DayNumber + (starts < Coverage.Noon ? 0 : 1)) % holders.Count];
                        var named = counsellor is not null && structure.Slug == "annemasse" && partners.GetValueOrDefault("France Travail") == partner
                                    && date.DayOfWeek == DayOfWeek.Tuesday && starts < Coverage.Noon && pole.Order == 3;
                        slots.Add(new DutySlot
                        {
                            CiteId = structure.CiteId, StructureId = structure.Id, PoleId = pole.Id, PartnerId = partner, CounsellorId = named ? counsellor : null,
                            StartsAt = DutyRules.ToInstant(date, starts, place.Zone, "Starts"), EndsAt = DutyRules.ToInstant(date, ends, place.Zone, "Ends"),
                            CreatedAt = now, Note = "Démonstration",
                        });
                    }
                }
            }
        }
        db.DutySlots.AddRange(slots);
        await db.SaveChangesAsync(ct);

        // A few absences in the past, one of them replaced; one swap proposed for a duty to come.
        var past = slots.Where(s => s.EndsAt < now).OrderBy(s => s.StartsAt).ToList();
        string[] reasons = ["Maladie", "Formation interne", "Congé", "Réunion de service"];
        for (var i = 0; i < 4 && past.Count > 40; i++)
        {
            var s = past[past.Count / 5 * (i + 1) - 1];
            s.Status = DutyStatus.Absent;
            s.AbsenceReason = reasons[i];
        }
        var absent = past.FirstOrDefault(s => s.Status == DutyStatus.Absent);
        var replacing = partners.GetValueOrDefault("CIO d'Annemasse");
        if (absent is not null && replacing != 0)
            db.DutySlots.Add(new DutySlot
            {
                CiteId = absent.CiteId, StructureId = absent.StructureId, PoleId = absent.PoleId, PartnerId = replacing == absent.PartnerId ? partners.First().Value : replacing,
                StartsAt = absent.StartsAt, EndsAt = absent.EndsAt, ReplacesSlotId = absent.Id, CreatedAt = now, Note = "Démonstration : remplacement",
            });
        var toSwap = slots.Where(s => s.StartsAt > now.AddDays(3) && s.CounsellorId is not null).OrderBy(s => s.StartsAt).FirstOrDefault();
        if (toSwap is not null && counsellor is not null && partners.TryGetValue("Mission locale du Genevois", out var mission))
            db.DutySwaps.Add(new DutySwap
            {
                CiteId = toSwap.CiteId, StructureId = toSwap.StructureId, SlotId = toSwap.Id, ToPartnerId = mission, ProposedById = counsellor, ProposedAt = now,
                Message = "Formation ce matin-là : la Mission locale peut tenir la permanence. (Démonstration)",
            });

        // The Grand Genève convention (seed 000): the CCG funds, for the point relais of Saint-Julien, 26.5 days of work a
        // year of the Centre associé d'Annemasse (6.5 information days and workshops, 5 governance, 15 "entreprises
        // apprenantes" label), 18 539 € TTC, for 2022, 2023 and 2024. Days of work bought, recorded as the CCG's commitment.
        var saintJulien = structures.FirstOrDefault(s => s.Slug == "saint-julien-en-genevois");
        if (saintJulien is not null && partners.TryGetValue("Communauté de Communes du Genevois", out var ccg) && !await db.PartnerCommitments.AnyAsync(ct))
            foreach (var year in new[] { 2022, 2023, 2024 })
                db.PartnerCommitments.Add(new PartnerCommitment
                {
                    CiteId = saintJulien.CiteId, PartnerId = ccg, StructureId = saintJulien.Id, Year = year, Days = 26.5m,
                    HourlyRate = null, Source = "Convention Grand Genève (seed 000) : 6,5 + 5 + 15 = 26,5 jours de travail par an, 18 539 € TTC, au bénéfice du point relais de Saint-Julien",
                });
        await db.SaveChangesAsync(ct);
    }
}
