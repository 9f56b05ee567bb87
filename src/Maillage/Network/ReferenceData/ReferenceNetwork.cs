using Microsoft.Extensions.Options;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.ReferenceData;

/// <summary>
/// The network shipped with the product: the Cité des métiers du Grand Genève and the Cité des métiers
/// de Marseille-PACA as the seed documents describe them. Each fact names its source; values that no
/// seed gives (street addresses, coordinates, hours, most poles) are plausible demo values and say so
/// in <see cref="Structure.DemoValues"/>.
/// </summary>
internal sealed class ReferenceNetwork(MaillageDb db, IOptions<NetworkOptions> options, ILogger<ReferenceNetwork> logger) : Platform.Modules.IDatabaseInitialiser
{
    private const string Seed000 = "Convention de financement 2022-2024 AA–CCG (seed 000)";
    private const string Seed001 = "Convention CCG–MED pour CitésLab (seed 001)";
    private const string Seed003 = "Convention Académie d'Aix-Marseille – Cité des Métiers de Marseille (seed 003)";
    private const string Seed004 = "Guide méthodologique Universcience 2012 (seed 004)";
    private const string DemoHours = "horaires, adresse postale, coordonnées et pôles : valeurs de démonstration, aucune source ne les donne";

    private static readonly (string Fr, string En)[] StandardPoles =
    [
        ("S'orienter, choisir sa formation", "Find your way, choose a training"),
        ("Faire évoluer sa vie professionnelle", "Develop your working life"),
        ("Trouver son emploi, son stage", "Find a job or an internship"),
        ("Créer son activité", "Start your own business"),
    ];

    /// <summary>At every start (unless <c>Maillage:SeedReferenceNetwork=false</c>): the reference network, into a database that has none.</summary>
    public async Task InitialiseAsync(CancellationToken ct)
    {
        if (options.Value.SeedReferenceNetwork && await EnsureAsync(ct))
            logger.LogInformation("Reference network loaded (Grand Genève, Marseille-PACA)");
    }

    public async Task<bool> EnsureAsync(CancellationToken ct = default)
    {
        if (await db.Cites.IgnoreQueryFilters().AnyAsync(ct)) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await GrandGeneveAsync(ct);
        await MarseilleAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task GrandGeneveAsync(CancellationToken ct)
    {
        var cite = new Cite
        {
            Slug = "grand-geneve",
            Name = "Cité des métiers du Grand Genève",
            LabelStatus = LabelStatus.Operating,
            LabelSince = new DateOnly(2008, 1, 1),
            CoordinatingBody = "Cité des métiers de Genève, coordinatrice à l'échelle du Grand Genève ; Pôle métropolitain du Genevois français pour les centres associés français (depuis 2016)",
            Area = "Grand Genève (canton de Genève et Genevois français)",
            Description = "Une Cité des métiers transfrontalière : le site de Genève, labellisé, coordonne un maillage de centres associés et de points relais du côté français.",
            Source = $"{Seed000} : Cité des métiers de Genève depuis 2008, labellisée, coordination Grand Genève ; date exacte du label (1er janvier) : valeur de démonstration",
        };
        db.Cites.Add(cite);
        await db.SaveChangesAsync(ct);

        var canton = Territory(cite, TerritoryKind.Canton, "Canton de Genève", "GE");
        var geneve = Territory(cite, TerritoryKind.Commune, "Genève", "6621", canton);
        var aa = Territory(cite, TerritoryKind.Epci, "Annemasse Agglomération", null);
        var ccg = Territory(cite, TerritoryKind.Epci, "Communauté de Communes du Genevois", null);
        var faucigny = Territory(cite, TerritoryKind.Epci, "Communauté de communes Faucigny-Glières", null);
        var bellegardien = Territory(cite, TerritoryKind.Epci, "Communauté de communes du Pays Bellegardien", null);
        var thononAgglo = Territory(cite, TerritoryKind.Epci, "Thonon Agglomération", null);
        var annemasse = Territory(cite, TerritoryKind.Commune, "Annemasse", "74012", aa);
        var gaillard = Territory(cite, TerritoryKind.Commune, "Gaillard", "74133", aa);
        var saintJulien = Territory(cite, TerritoryKind.Commune, "Saint-Julien-en-Genevois", "74243", ccg);
        var bonneville = Territory(cite, TerritoryKind.Commune, "Bonneville", "74042", faucigny);
        var valserhone = Territory(cite, TerritoryKind.Commune, "Valserhône", "01033", bellegardien);
        var thonon = Territory(cite, TerritoryKind.Commune, "Thonon-les-Bains", "74281", thononAgglo);
        var saintGeorges = Territory(cite, TerritoryKind.Qpv, "Saint-Georges – Route de Thairy", null, saintJulien);
        await db.SaveChangesAsync(ct);

        var site = Place(cite, StructureKind.Site, "Cité des métiers de Genève", "geneve", geneve,
            "Rue Prévost-Martin 6", "1205", "Genève", "CH", 46.19530, 6.14336, "Europe/Zurich", HolidayCalendar.Geneva,
            source: $"{Seed000} : site labellisé depuis 2008, coordination du Grand Genève",
            demo: "adresse, coordonnées, horaires et pôles : valeurs de démonstration", opened: new DateOnly(2008, 1, 1));
        site.Description = "Le site principal de la Cité des métiers du Grand Genève : conseil sans rendez-vous par les partenaires réunis sur les pôles, espace documentaire et événements.";
        site.Accessibility = "Bâtiment de plain-pied accessible en fauteuil roulant ; boucle magnétique à l'accueil (valeur de démonstration).";
        site.Phone = "+41 22 000 00 00";
        Hours(site, (Weekdays(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Friday), "10:00", "17:30"), ([DayOfWeek.Thursday], "10:00", "19:00"));
        foreach (var (fr, en) in StandardPoles) site.AddPole(fr, en);
        site.AddPole("Stages et apprentissage", "Internships and apprenticeships");

        var annemasseCa = Place(cite, StructureKind.CentreAssocie, "Centre associé d'Annemasse", "annemasse", annemasse,
            "11 avenue Émile-Zola", "74100", "Annemasse", "FR", 46.19310, 6.23390, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed000} : ouvert en 2013 sous maîtrise d'ouvrage d'Annemasse Agglomération ; gestion quotidienne déléguée par marché public du 1er janvier 2021, 1 an renouvelable 3 fois, jusqu'au 31 décembre 2024 au plus ; coordonne le déploiement côté français",
            demo: DemoHours, opened: new DateOnly(2013, 1, 1), parent: site);
        annemasseCa.Operator = "Prestataire titulaire du marché public de gestion quotidienne, pour Annemasse Agglomération";
        annemasseCa.OperatorUntil = new DateOnly(2024, 12, 31); // the contract's last possible day (seed 000)
        annemasseCa.Accessibility = "Accès de plain-pied, toilettes adaptées (valeur de démonstration).";
        Hours(annemasseCa, ([DayOfWeek.Monday], "13:30", "17:30"),
            (Weekdays(DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday), "09:00", "12:30"),
            (Weekdays(DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday), "13:30", "17:30"),
            ([DayOfWeek.Friday], "09:00", "12:30"));
        foreach (var (fr, en) in StandardPoles) annemasseCa.AddPole(fr, en);

        var saintJulienPr = Place(cite, StructureKind.PointRelais, "Point relais de Saint-Julien-en-Genevois", "saint-julien-en-genevois", saintJulien,
            "1 place du Crêt", "74160", "Saint-Julien-en-Genevois", "FR", 46.14420, 6.08170, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed000} : point relais rattaché au Centre associé d'Annemasse, financé par la CCG", demo: DemoHours, parent: annemasseCa);
        Hours(saintJulienPr, ([DayOfWeek.Tuesday], "09:00", "12:00"), ([DayOfWeek.Tuesday], "13:30", "17:00"), ([DayOfWeek.Thursday], "13:30", "17:00"));
        saintJulienPr.AddPole(StandardPoles[0].Fr, StandardPoles[0].En);
        saintJulienPr.AddPole(StandardPoles[2].Fr, StandardPoles[2].En);

        var gaillardPr = Place(cite, StructureKind.PointRelais, "Point relais de Gaillard", "gaillard", gaillard,
            "Rue de Genève", "74240", "Gaillard", "FR", 46.18530, 6.20770, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed000} : point relais installé par le Centre associé d'Annemasse", demo: DemoHours, parent: annemasseCa);
        Hours(gaillardPr, ([DayOfWeek.Wednesday], "09:00", "12:00"));
        gaillardPr.AddPole(StandardPoles[2].Fr, StandardPoles[2].En);

        var bonnevilleCa = Place(cite, StructureKind.CentreAssocie, "Centre associé de Bonneville", "bonneville", bonneville,
            "Place de l'Hôtel de Ville", "74130", "Bonneville", "FR", 46.07800, 6.40090, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed000} : centre associé ouvert en 2016", demo: DemoHours + " ; EPCI de rattachement : donnée publique, pas dans les sources", opened: new DateOnly(2016, 1, 1), parent: site);
        Hours(bonnevilleCa, (Weekdays(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday), "09:00", "12:00"), (Weekdays(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday), "14:00", "17:00"));
        foreach (var (fr, en) in StandardPoles.Take(3)) bonnevilleCa.AddPole(fr, en);

        var valserhoneCa = Place(cite, StructureKind.CentreAssocie, "Centre associé de Valserhône", "valserhone", valserhone,
            "Rue de la République", "01200", "Valserhône", "FR", 46.10790, 5.82580, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed000} : centre associé ouvert en 2016", demo: DemoHours + " ; EPCI de rattachement : donnée publique, pas dans les sources", opened: new DateOnly(2016, 1, 1), parent: site);
        Hours(valserhoneCa, (Weekdays(DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Friday), "09:00", "12:30"), ([DayOfWeek.Wednesday], "13:30", "17:30"));
        foreach (var (fr, en) in StandardPoles.Take(3)) valserhoneCa.AddPole(fr, en);

        var thononCa = Place(cite, StructureKind.CentreAssocie, "Centre associé de Thonon-les-Bains", "thonon-les-bains", thonon,
            null, "74200", "Thonon-les-Bains", "FR", 46.37050, 6.47930, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed000} : projet de centre associé devant voir le jour courant 2022", demo: "coordonnées approximatives (centre de la commune)", parent: site);
        thononCa.Status = StructureStatus.Planned;

        var citesLab = Place(cite, StructureKind.Permanence, "Permanence CitésLab – QPV Saint-Georges", "citeslab-saint-georges", saintJulien,
            "Route de Thairy", "74160", "Saint-Julien-en-Genevois", "FR", 46.13930, 6.07200, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed001} : permanence du CitésLab genevois une journée par semaine au cœur du QPV Saint-Georges – Route de Thairy, assurée par la Maison de l'Economie Développement",
            demo: "jour de la semaine, horaires et coordonnées : valeurs de démonstration", parent: saintJulienPr);
        citesLab.Qpv = saintGeorges;
        citesLab.Operator = "Maison de l'Economie Développement (MED) – cheffe de projet CitésLab";
        Hours(citesLab, ([DayOfWeek.Monday], "09:00", "12:00"), ([DayOfWeek.Monday], "13:30", "17:00"));
        citesLab.AddPole(StandardPoles[3].Fr, StandardPoles[3].En);
        await db.SaveChangesAsync(ct);

        var partners = new[]
        {
            Partner(cite, "Annemasse Agglomération", PartnerType.Collectivite, PartnerRoles.Funder, $"{Seed000} : maître d'ouvrage du Centre associé d'Annemasse, en supporte les coûts"),
            Partner(cite, "Communauté de Communes du Genevois", PartnerType.Collectivite, PartnerRoles.Funder, $"{Seed000} : finance la coordination au bénéfice du Point relais de Saint-Julien (26,5 jours = 18 539 € TTC par an)"),
            Partner(cite, "Pôle métropolitain du Genevois français", PartnerType.Collectivite, PartnerRoles.Funder, $"{Seed000} : coordination des centres associés français depuis 2016, soutien technique"),
            Partner(cite, "Région Auvergne-Rhône-Alpes", PartnerType.Collectivite, PartnerRoles.Funder, $"{Seed000} : soutien technique au déploiement"),
            Partner(cite, "Maison de l'Economie Développement", PartnerType.Association, PartnerRoles.Provider, $"{Seed001} : porte le dispositif CitésLab"),
            Partner(cite, "Bpifrance", PartnerType.FinancingNetwork, PartnerRoles.Funder, $"{Seed001} : cofinance CitésLab"),
            Partner(cite, "France Travail", PartnerType.FranceTravail, PartnerRoles.Provider | PartnerRoles.Prescriber, $"{Seed004} : services de Pôle emploi parmi les acteurs AIO ; présence sur les pôles : valeur de démonstration"),
            Partner(cite, "Mission locale du Genevois", PartnerType.MissionLocale, PartnerRoles.Provider | PartnerRoles.Prescriber, "valeur de démonstration"),
            Partner(cite, "CIO d'Annemasse", PartnerType.Cio, PartnerRoles.Provider, $"{Seed004} : le CIO, acteur de l'orientation ; établissement : valeur de démonstration"),
            Partner(cite, "Office pour l'orientation, la formation professionnelle et continue (OFPC)", PartnerType.Collectivite, PartnerRoles.Provider, "valeur de démonstration"),
        };
        await db.SaveChangesAsync(ct);
        Staff(partners[6], annemasseCa, 2, 1);
        Staff(partners[7], annemasseCa, 0, 2);
        Staff(partners[8], annemasseCa, 0);
        Staff(partners[4], citesLab, 0);
        Staff(partners[4], annemasseCa, 3);
        Staff(partners[9], site, 0, 1, 2, 4);
        Staff(partners[6], saintJulienPr, 1);
        await db.SaveChangesAsync(ct);
    }

    private async Task MarseilleAsync(CancellationToken ct)
    {
        var cite = new Cite
        {
            Slug = "marseille-paca",
            Name = "Cité des métiers de Marseille et de Provence-Alpes-Côte d'Azur",
            LabelStatus = LabelStatus.Operating,
            Area = "Provence-Alpes-Côte d'Azur",
            Description = "Lieu ressource pour l'orientation, l'emploi et la formation, partenaire de l'Académie d'Aix-Marseille pour le Parcours Avenir.",
            Source = $"{Seed003} : 4 rue des Consuls, 13002 Marseille ; salles prêtées de 10h00 à 18h00 du lundi au vendredi",
        };
        db.Cites.Add(cite);
        await db.SaveChangesAsync(ct);
        var metropole = Territory(cite, TerritoryKind.Epci, "Métropole d'Aix-Marseille-Provence", null);
        var marseille = Territory(cite, TerritoryKind.Commune, "Marseille", "13055", metropole);
        await db.SaveChangesAsync(ct);

        var site = Place(cite, StructureKind.Site, "Cité des métiers de Marseille", "marseille", marseille,
            "4 rue des Consuls", "13002", "Marseille", "FR", 43.29930, 5.36560, "Europe/Paris", HolidayCalendar.France,
            source: $"{Seed003} : adresse ; horaires d'ouverture 10h00-18h00 du lundi au vendredi ; salle Massalia (20 personnes) et amphithéâtre Pierre Chevalier (130 personnes)",
            demo: "coordonnées et pôles : valeurs de démonstration");
        site.Description = "Accueil, conseil et documentation sur les métiers, la formation et l'emploi. Salles : salle Massalia (20 personnes) et amphithéâtre Pierre Chevalier (130 personnes).";
        site.Accessibility = "Accès de plain-pied ; l'amphithéâtre Pierre Chevalier dispose de places pour fauteuils roulants (valeur de démonstration).";
        Hours(site, (Weekdays(DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday), "10:00", "18:00"));
        foreach (var (fr, en) in StandardPoles) site.AddPole(fr, en);
        await db.SaveChangesAsync(ct);

        var partners = new[]
        {
            Partner(cite, "Académie d'Aix-Marseille", PartnerType.Other, PartnerRoles.Prescriber, $"{Seed003} : partenariat Parcours Avenir, stages d'observation, journées d'immersion des enseignants, Paroles de Parents"),
            Partner(cite, "France Travail", PartnerType.FranceTravail, PartnerRoles.Provider | PartnerRoles.Prescriber, "valeur de démonstration"),
            Partner(cite, "CIO Marseille Centre", PartnerType.Cio, PartnerRoles.Provider, "valeur de démonstration"),
        };
        await db.SaveChangesAsync(ct);
        Staff(partners[2], site, 0);
        Staff(partners[1], site, 1, 2);
        await db.SaveChangesAsync(ct);
    }

    private Territory Territory(Cite cite, TerritoryKind kind, string name, string? code, Territory? parent = null)
    {
        var t = new Territory { CiteId = cite.Id, Kind = kind, Name = name, Code = code, Parent = parent };
        db.Territories.Add(t);
        return t;
    }

    private Structure Place(Cite cite, StructureKind kind, string name, string slug, Territory commune, string? street, string postalCode, string city,
        string country, double lat, double lon, string zone, HolidayCalendar holidays, string source, string demo, DateOnly? opened = null, Structure? parent = null)
    {
        var s = new Structure
        {
            CiteId = cite.Id, Kind = kind, Name = name, Slug = slug, Commune = commune, Street = street, PostalCode = postalCode, City = city,
            Country = country, Latitude = lat, Longitude = lon, TimeZoneId = zone, Holidays = holidays, Source = source, DemoValues = demo,
            OpenedOn = opened, Parent = parent,
        };
        db.Structures.Add(s);
        return s;
    }

    private static DayOfWeek[] Weekdays(params DayOfWeek[] days) => days;

    private static void Hours(Structure s, params (DayOfWeek[] Days, string Opens, string Closes)[] ranges) =>
        s.ReplaceWeeklyHours(ranges.SelectMany(r => r.Days.Select(d => (d, TimeOnly.Parse(r.Opens), TimeOnly.Parse(r.Closes)))).ToList());

    private Partner Partner(Cite cite, string name, PartnerType type, PartnerRoles roles, string source)
    {
        var p = new Partner { CiteId = cite.Id, Name = name, Type = type, Roles = roles, Source = source };
        db.Partners.Add(p);
        return p;
    }

    private void Staff(Partner partner, Structure structure, params int[] poleIndexes)
    {
        foreach (var i in poleIndexes)
            if (i < structure.Poles.Count)
                db.PartnerPoles.Add(new PartnerPole { CiteId = partner.CiteId, PartnerId = partner.Id, PoleId = structure.Poles[i].Id });
    }
}
