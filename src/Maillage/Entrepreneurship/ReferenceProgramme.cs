using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship;

/// <summary>
/// The CitésLab programme of seed 001 on the Grand Genève Cité, added when missing (idempotent, by name): run by the
/// Maison de l'Economie Développement for Annemasse Agglo and deployed to the CCG with a permanence in the QPV
/// Saint-Georges – Route de Thairy; its referral partners (Rez'Up, ADIE, France Active, Initiative Genevois, Réseau
/// Entreprendre); and the convention's yearly targets (100 / 40 / 24 / 6 people, QPV share 25 / 30 / 35 %).
/// </summary>
internal sealed class ReferenceProgramme(MaillageDb db, Platform.Identity.AuthorisationCache cache) : IDatabaseInitialiser
{
    public const string Name = "CitésLab d'Annemasse Agglo et du Genevois";
    private const string Seed001 = "Convention CCG–MED pour CitésLab (seed 001)";

    public static readonly (string Key, string Name, ReferralKind Kind)[] Partners =
    [
        ("rezup", "Rez'Up (ateliers business plan)", ReferralKind.Support),
        ("adie", "ADIE", ReferralKind.Financing),
        ("france-active", "France Active", ReferralKind.Financing),
        ("initiative-genevois", "Initiative Genevois", ReferralKind.Financing),
        ("reseau-entreprendre", "Réseau Entreprendre", ReferralKind.Financing),
    ];

    public async Task InitialiseAsync(CancellationToken ct)
    {
        var cite = await db.Set<Cite>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Slug == "grand-geneve", ct);
        if (cite is null) return;
        var existing = await db.Set<Programme>().IgnoreQueryFilters().Include(p => p.Targets).FirstOrDefaultAsync(p => p.CiteId == cite.Id && p.Name == Name, ct);
        if (existing is not null)
        {
            // Targets added to the reference after the programme was made (workshops, event, technical committees).
            var count = existing.Targets.Count;
            foreach (var year in new[] { 2021, 2022, 2023 }) AddTargets(existing, year);
            if (existing.Targets.Count != count) await db.SaveChangesAsync(ct);
            return;
        }
        var permanence = await db.Set<Structure>().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.CiteId == cite.Id && s.Slug == "citeslab-saint-georges", ct);
        var operatorPartner = await db.Set<Partner>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.CiteId == cite.Id && p.Name == "Maison de l'Economie Développement", ct);
        var programme = new Programme
        {
            CiteId = cite.Id, Name = Name, StructureId = permanence?.Id, OperatorPartnerId = operatorPartner?.Id,
            Source = $"{Seed001} : CitésLab animé par la MED pour Annemasse Agglo, déployé sur la CCG avec une permanence au QPV Saint-Georges ; objectifs annuels de la convention",
        };
        foreach (var (key, name, kind) in Partners) programme.Partners.Add(new ReferralPartner { Key = key, Name = name, Kind = kind });
        foreach (var year in new[] { 2021, 2022, 2023 }) AddTargets(programme, year);
        db.Add(programme);
        await db.SaveChangesAsync(ct);
        cache.ForgetShared(ProgrammeAccess.PlacesCacheKind); // the places every access decision reads (ProgrammeAccess)
    }

    /// <summary>
    /// The convention's targets for a year (the QPV share rises 25, 30, then 35 % from 2023; 6 workshops, 1 event and
    /// 3 technical committees a year), those missing only.
    /// </summary>
    public static void AddTargets(Programme programme, int year)
    {
        foreach (var (indicator, value) in new[]
                 {
                     (EntrepreneurshipIndicators.Sensitised, 100m), (EntrepreneurshipIndicators.Received, 40m), (EntrepreneurshipIndicators.Accompanied, 24m),
                     (EntrepreneurshipIndicators.Created, 6m), (EntrepreneurshipIndicators.QpvShare, year switch { 2021 => 25m, 2022 => 30m, _ => 35m }),
                     (ProgrammeFigures.Workshops, 6m), (ProgrammeFigures.Events, 1m), (ProgrammeFigures.Committees, 3m),
                 })
            if (!programme.Targets.Any(t => t.Year == year && t.Indicator == indicator))
                programme.Targets.Add(new ProgrammeTarget { Year = year, Indicator = indicator, Value = value });
    }
}
