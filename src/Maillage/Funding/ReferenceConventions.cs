using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Funding;

/// <summary>
/// The conventions of the seed documents, loaded with the reference network at every start when missing (idempotent,
/// by title): AA–CCG 2022-2024 (seed 000), CCG–MED CitésLab (seed 001), Académie d'Aix-Marseille – Cité des métiers de
/// Marseille (seed 003). Every figure is as signed; what a seed does not give and had to be derived says so in
/// <see cref="Convention.Source"/>.
/// </summary>
internal sealed class ReferenceConventions(MaillageDb db, ILogger<ReferenceConventions> logger) : IDatabaseInitialiser
{
    public const string AaCcgTitle = "Convention de financement 2022-2024 AA–CCG";
    public const string CitesLabTitle = "Convention de partenariat CCG–MED pour CitésLab";
    public const string AcademieTitle = "Convention de partenariat Académie d'Aix-Marseille – Cité des métiers de Marseille";
    private const string TribunalAdministratif = "Les litiges résultant de l'application ou de l'exécution de la présente convention seront portés devant le Tribunal Administratif compétent, si une résolution à l'amiable est impossible.";

    public async Task InitialiseAsync(CancellationToken ct)
    {
        var added = 0;
        var geneve = await db.Cites.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Slug == "grand-geneve", ct);
        if (geneve is not null)
        {
            if (await AddIfMissingAsync(geneve.Id, AaCcgTitle, AaCcg, ct)) added++;
            if (await AddIfMissingAsync(geneve.Id, CitesLabTitle, CitesLab, ct)) added++;
        }
        var marseille = await db.Cites.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Slug == "marseille-paca", ct);
        if (marseille is not null && await AddIfMissingAsync(marseille.Id, AcademieTitle, Academie, ct)) added++;
        if (added > 0) logger.LogInformation("Reference conventions added: {Count} (seeds 000, 001, 003)", added);
    }

    private async Task<bool> AddIfMissingAsync(int citeId, string title, Func<int, CancellationToken, Task> add, CancellationToken ct)
    {
        if (await db.Conventions.IgnoreQueryFilters().AnyAsync(c => c.CiteId == citeId && c.Title == title, ct)) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await add(citeId, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private Task<Partner?> PartnerAsync(int citeId, string name, CancellationToken ct) =>
        db.Partners.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.CiteId == citeId && p.Name == name, ct);

    private Task<Territory?> TerritoryAsync(int citeId, string name, CancellationToken ct) =>
        db.Territories.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.CiteId == citeId && t.Name == name, ct);

    private Task<Structure?> StructureAsync(int citeId, string slug, CancellationToken ct) =>
        db.Structures.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.CiteId == citeId && s.Slug == slug, ct);

    private async Task<ConventionParty> PartyAsync(Convention c, string name, PartyRole role, string? representative, CancellationToken ct, string? bank = null)
    {
        var partner = await PartnerAsync(c.CiteId, name, ct);
        var party = new ConventionParty { PartnerId = partner?.Id, Name = partner?.Name ?? name, Role = role, Representative = representative, BankDetails = bank };
        c.Parties.Add(party);
        return party;
    }

    private async Task PlaceAsync(Convention c, CancellationToken ct, string[] structures, string[] territories)
    {
        foreach (var slug in structures)
            if (await StructureAsync(c.CiteId, slug, ct) is { } s) c.Structures.Add(new ConventionStructure { StructureId = s.Id });
        foreach (var name in territories)
            if (await TerritoryAsync(c.CiteId, name, ct) is { } t) c.Territories.Add(new ConventionTerritory { TerritoryId = t.Id });
    }

    /// <summary>Seed 000: the CCG finances 26.5 days a year of the Centre associé d'Annemasse's work, and half the ceremony.</summary>
    private async Task AaCcg(int citeId, CancellationToken ct)
    {
        var c = new Convention
        {
            CiteId = citeId, Title = AaCcgTitle, Status = ConventionStatus.Ended,
            Object = "Définir, compte tenu des frais engagés par AA pour gérer le Centre associé d'Annemasse et le déploiement des services destinés au Point relais de Saint-Julien-en-Genevois, les modalités de participation financière de la CCG : appui technique et coordination entre le point relais et le Centre associé, services connexes au déploiement de la Cité des métiers compris dans le marché public d'Annemasse Agglomération.",
            EffectiveFrom = new DateOnly(2022, 1, 1), EffectiveTo = new DateOnly(2024, 12, 31), ValidUntil = new DateOnly(2025, 2, 28),
            NoticeMonths = 2, TacitRenewal = false, DisputesClause = TribunalAdministratif, Rounding = AmountRounding.Euro,
            Source = "Convention de financement 2022-2024 AA–CCG (seed 000), articles 1 à 6. Date de signature et dates des délibérations laissées en blanc dans le document : inconnues. "
                + "Le prix de journée n'est pas dans la convention : 583 € HT est déduit du montant signé, avec une TVA de 20 % (montant « TTC ») : 583 × 26,5 × 1,20 = 18 539,40 €, soit 18 539 € arrondi à l'euro comme la convention l'écrit. "
                + "Échéance de paiement lue comme le dernier jour de février de l'année suivante ; bilan annuel attendu au 1er février (il conditionne le paiement).",
        };
        var aa = await PartyAsync(c, "Annemasse Agglomération", PartyRole.Operator, "son Président, Monsieur Gabriel DOUBLET", ct);
        var ccg = await PartyAsync(c, "Communauté de Communes du Genevois", PartyRole.Funder, "son Président, Monsieur Pierre-Jean CRASTES", ct);
        await PlaceAsync(c, ct, ["annemasse", "saint-julien-en-genevois"], ["Communauté de Communes du Genevois"]);
        foreach (var (code, title, forecast, financed) in new[]
                 {
                     ("1.1", "Gérer les espaces d'accueil et d'information du Centre associé d'Annemasse (et de ses points relais)", 163m, 6.5m),
                     ("1.2", "Animer la gouvernance du Centre associé d'Annemasse, assurer sa représentation et effectuer un reporting auprès de la collectivité", 66m, 5m),
                     ("1.3", "Développer l'offre de services du Centre associé d'Annemasse sur la promotion des métiers et sur l'alternance", 44m, 15m),
                 })
        {
            var action = new ConventionAction { Code = code, Title = title };
            for (var y = 2022; y <= 2024; y++) action.Days.Add(new ActionDays { Year = y, ForecastDays = forecast, FinancedDays = financed });
            c.Actions.Add(action);
        }
        var ceremony = new CostSharingRule { Label = "Cérémonie annuelle du label « entreprises apprenantes » (buffet, goodies, trophées, intervenants, location de salle)", Budget = 2000m, Share = 0.5m, Cap = 1000m };
        c.CostSharing.Add(ceremony);
        db.Conventions.Add(c);
        await db.SaveChangesAsync(ct);

        for (var y = 2022; y <= 2024; y++)
        {
            c.Years.Add(new ConventionYear { Year = y, PayerPartyId = ccg.Id, DayRateExclVat = 583m, VatRate = 0.20m, SignedAmount = 18539m });
            c.Targets.Add(new ConventionTarget { Year = y, Label = "5 journées d'information et d'ateliers", Indicator = "agenda.information-days-and-workshops", Value = 5 });
            c.Targets.Add(new ConventionTarget { Year = y, Label = "Au moins 1 forum, salon ou événement à rayonnement local organisé sur le territoire de la CCG", Indicator = "agenda.forums", Value = 1 });
        }
        ceremony.PayerPartyId = ccg.Id;
        c.PaymentRules.Add(new PaymentRule
        {
            Kind = PaymentRuleKind.YearInArrears, Month = 2, PayerPartyId = ccg.Id, PayeePartyId = aa.Id, RequiresAnnualReport = true, IncludesCostSharing = true,
            Wording = "Pour l'année 2022 : 18 539 euros en février 2023 (+ les frais liés à la cérémonie), de même pour 2023 et 2024, sur présentation d'un bilan annuel présentant notamment le nombre d'actions organisées sur le territoire de la CCG (article 3).",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Seed 001: a subsidy table whose partial years are pro rata temporis of the 2022 figures.</summary>
    private async Task CitesLab(int citeId, CancellationToken ct)
    {
        var c = new Convention
        {
            CiteId = citeId, Title = CitesLabTitle, Status = ConventionStatus.Ended,
            Object = "Définir les modalités de participation financière entre la CCG et la MED dans le cadre du déploiement de l'offre de services CitésLab sur le territoire de la CCG, avec une permanence une journée par semaine au cœur du QPV Saint-Georges – Route de Thairy à Saint-Julien-en-Genevois.",
            SignedOn = new DateOnly(2021, 7, 30), EffectiveFrom = new DateOnly(2021, 9, 1), EffectiveTo = new DateOnly(2023, 5, 9), ValidUntil = new DateOnly(2023, 5, 9),
            TacitRenewal = false, DisputesClause = TribunalAdministratif, Rounding = AmountRounding.Euro,
            Source = "Convention CCG–MED pour CitésLab (seed 001), signée à Annemasse le 30 juillet 2021, articles 1 à 7. "
                + "Les années partielles du tableau de l'article 3 sont calculées au prorata temporis des montants de 2022 (année pleine), en jours exacts / 365 : 2021 du 1er septembre au 31 décembre (122 jours), 2023 du 1er janvier au 9 mai, ce dernier jour non compté (128 jours). "
                + "« Dans un délai de 30 jours à compter de la signature » est lu comme le délai de paiement de chaque appel annuel. Aucun préavis n'est prévu.",
        };
        var ccg = await PartyAsync(c, "Communauté de Communes du Genevois", PartyRole.Funder, "son Président, Monsieur Pierre-Jean CRASTES", ct);
        var med = await PartyAsync(c, "Maison de l'Economie Développement", PartyRole.Operator, "son Président, Monsieur Bernard BOCCARD", ct,
            bank: "Crédit Agricole des Savoie, compte n° 18106 00030 30181380050 80, IBAN FR76 1810 6000 3030 1813 8005 080, BIC AGRIFRPP881");
        var bpi = await PartyAsync(c, "Bpifrance", PartyRole.Funder, null, ct);
        await PlaceAsync(c, ct, ["citeslab-saint-georges"], ["Communauté de Communes du Genevois", "Saint-Georges – Route de Thairy"]);
        var table = new SubsidyTable { Title = "Montant des subventions (article 3)", DayCount = DayCountRule.Actual365, PeriodStart = new DateOnly(2021, 9, 1), PeriodEnd = new DateOnly(2023, 5, 9) };
        c.SubsidyTables.Add(table);
        db.Conventions.Add(c);
        await db.SaveChangesAsync(ct);

        var columns = new[]
        {
            new SubsidyColumn { Position = 1, Label = "Coût total du CitésLab sur la CCG", AnnualAmount = 15280m },
            new SubsidyColumn { Position = 2, Label = "Subvention BPI perçue pour la CCG par la MED", PartyId = bpi.Id, AnnualAmount = 3900m },
            new SubsidyColumn { Position = 3, Label = "Coût net pour la CCG", PartyId = ccg.Id, AnnualAmount = 11380m },
        };
        var signed = new Dictionary<int, decimal[]> { [2021] = [5093m, 1323m, 3770m], [2022] = [15280m, 3900m, 11380m], [2023] = [5359m, 1368m, 3991m] };
        for (var i = 0; i < columns.Length; i++)
            foreach (var (year, figures) in signed)
                columns[i].Figures.Add(new SubsidyFigure { Year = year, YearLabel = year == 2023 ? "2023 (jusqu'au 09/05)" : year.ToString(), Signed = figures[i] });
        table.Columns.AddRange(columns);
        await db.SaveChangesAsync(ct);

        c.PaymentRules.Add(new PaymentRule
        {
            Kind = PaymentRuleKind.CallAtYearStart, TermDays = 30, PartialFirstYearWithNext = true, PayerPartyId = ccg.Id, PayeePartyId = med.Id, SubsidyColumnId = columns[2].Id,
            Wording = "Le règlement s'effectuera en un versement annuel appelé au début de chaque année civile. L'année 2021 parce que partielle sera facturée en même temps que l'année 2022. Versement dans un délai de 30 jours (article 4).",
        });
        foreach (var year in new[] { 2021, 2022, 2023 })
        {
            c.Targets.Add(new ConventionTarget { Year = year, Label = "6 ateliers de sensibilisation", Indicator = "agenda.workshops", Value = 6 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "1 jour par semaine de présence dans le quartier Saint-Georges", Indicator = null, Value = 1 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "3 comités techniques", Indicator = "governance.sessions-held/technical-committee", Value = 3 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "1 évènement", Indicator = null, Value = 1 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "100 personnes sensibilisées via des ateliers collectifs", Indicator = "entrepreneurship.sensitised", Value = 100 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "40 personnes accueillies en individuel", Indicator = "entrepreneurship.received", Value = 40 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "24 projets accompagnés jusqu'à l'amorçage", Indicator = "entrepreneurship.accompanied", Value = 24 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "6 créations d'entreprises", Indicator = "entrepreneurship.created", Value = 6 });
            c.Targets.Add(new ConventionTarget { Year = year, Label = "Part des porteurs de projets accompagnés issus des QPV (sur l'ensemble des territoires CitésLab)", Indicator = "entrepreneurship.qpv-share", IsPercent = true, Value = year switch { 2021 => 25, 2022 => 30, _ => 35 } });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Seed 003: five years from a signature the document leaves blank, three months' notice by registered letter, two rooms lent.</summary>
    private async Task Academie(int citeId, CancellationToken ct)
    {
        var c = new Convention
        {
            CiteId = citeId, Title = AcademieTitle, Status = ConventionStatus.Signed,
            Object = "Développer et structurer le partenariat éducation-économie : information sur les métiers et les formations (Parcours Avenir), accueil d'élèves et d'apprentis, dispositifs EAEP, immersion d'enseignants, afterworks « Paroles de Parents », PAF, réseaux de formation ; "
                + "mise à disposition gratuite des personnels académiques de la salle Massalia (20 personnes) et de l'amphithéâtre Pierre Chevalier (130 personnes), sous réserve de disponibilité, de 10h00 à 18h00 du lundi au vendredi (salles du module Salles, désignées par leur nom) ; "
                + "un comité de pilotage une fois par an, qui formalise le bilan de l'année passée et le plan de partenariat académique de l'année à venir.",
            SignedOn = null, TermMonthsFromSignature = 60, NoticeMonths = 3, NoticeForm = "courrier recommandé avec accusé de réception", TacitRenewal = true,
            DisputesClause = "Les parties s'engagent à se réunir si un litige sérieux survenait et à en examiner attentivement tous les termes avant d'avoir recours à la procédure de résiliation.",
            Source = "Convention Académie d'Aix-Marseille – Cité des Métiers de Marseille (seed 003), articles 1 et 2. « Fait à Marseille, le ……… » : la date de signature est en blanc ; la fin de validité (cinq ans à compter de la signature) et le dernier jour de préavis ne peuvent pas être calculés avant qu'elle soit saisie. "
                + "Reconduction : « résilier ou ne pas reconduire » avec préavis de trois mois est lu comme une reconduction tacite.",
        };
        await PartyAsync(c, "Académie d'Aix-Marseille", PartyRole.Partner, "Bernard Beignier, Recteur de la région académique Provence-Alpes-Côte d'Azur, Recteur de l'académie d'Aix-Marseille, Chancelier des universités", ct);
        await PartyAsync(c, "Cité des Métiers de Marseille et de Provence-Alpes-Côte d'Azur", PartyRole.Host, "Christian Malaterre, Président", ct);
        await PlaceAsync(c, ct, ["marseille"], []);
        db.Conventions.Add(c);
        await db.SaveChangesAsync(ct);
    }
}
