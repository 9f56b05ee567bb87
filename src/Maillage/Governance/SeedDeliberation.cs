namespace Maillage.Governance;

/// <summary>Deliberation CS2021-15 of the comité syndical of the Pôle métropolitain du Genevois français, word for word from its register extract (seed 002).</summary>
internal static class SeedDeliberation
{
    public const int Sequence = 15;
    public const string Object = "Adoption de la convention annuelle de partenariat et de financement avec Mont Blanc Industries";

    public static DeliberationInput Input(string source) => new(
        Object,
        new Vote(0, 0, 0, 0, Unanimous: true), // unanimous: the counts follow from the members voting (present + represented)
        Recitals,
        Articles,
        BudgetImputation: "budget principal, article 6574",
        TransmittedTo: "Préfecture d'Annecy",
        TransmittedOn: new DateOnly(2021, 4, 30),
        PublishedOn: new DateOnly(2021, 4, 30),
        Sequence: Sequence,
        Source: source);

    private static readonly (RecitalKind, string)[] Recitals =
    [
        (RecitalKind.Vu, "Vu la convention cadre 2018-2020 adoptée par le Comité syndical du Pôle métropolitain du Genevois français lors de sa séance du 28 septembre 2018 (délibération n° CS-2018-30) ;"),
        (RecitalKind.Vu, "Vu le bilan 2020 de l'action AURAI 4.0 du cluster Mont Blanc Industries au titre de cette convention cadre ;"),
        (RecitalKind.Vu, "Vu le projet de feuille de route 2021 ;"),
        (RecitalKind.Vu, "Vu le projet d'avenant à la convention cadre et son projet d'annexe au titre de l'année 2021 ci-joints à la présente délibération ;"),
        (RecitalKind.Expose, "Au titre du développement économique, le Pôle métropolitain du Genevois français élabore et met en œuvre une stratégie de développement économique et de formation à l'échelle de son territoire. Il accompagne notamment les actions d'animation de filières, concourant au développement économique du Genevois français. L'industrie du Futur, autrement appelée « Industrie 4.0 », compte parmi les secteurs économiques les plus dynamiques du territoire et constitue le principal en termes d'emplois, de chiffre d'affaires et de création de valeur ajoutée économique. Le maintien de cette activité et son développement présentent un enjeu majeur pour l'essor économique du Genevois français."),
        (RecitalKind.Expose, "Le cluster Mont-Blanc Industries agit au cœur d'un écosystème dynamique en fédérant les compétences des partenaires technico-économiques du territoire pour accompagner et accélérer la croissance des entreprises dédiées aux filières du décolletage, de l'usinage complexe et de la mécatronique."),
        (RecitalKind.Expose, "Son ambition est de :"),
        (RecitalKind.Expose, "– Devenir un territoire de référence d'excellence dans ces filières industrielles ;"),
        (RecitalKind.Expose, "– Développer la compétitivité mondiale des entreprises industrielles en les amenant vers la co-traitance, la diversification sectorielle et le développement de produits propres ;"),
        (RecitalKind.Expose, "– Aider et accompagner les entreprises industrielles du territoire à se développer par l'innovation, la conquête des marchés à l'export et l'amélioration de leurs performances technologiques, managériales et écologiques."),
        (RecitalKind.Expose, "Dans ce cadre, Mont Blanc Industries met en œuvre le dispositif « Mont-Blanc Excellence Industries », également appelé « Label ». Ce Label est un outil pour renforcer la compétitivité des entreprises industrielles du territoire et promouvoir celle-ci. Il s'emploie à accélérer le développement des entreprises vers l'Industrie du Futur, grâce à un audit systémique de 360° de l'entreprise, à créer une dynamique collective d'excellence et renforcer leur reconnaissance sur la scène nationale et internationale."),
        (RecitalKind.Expose, "Représentant 14% des activités, 10% des emplois du territoire, 25% des emplois des entreprises adhérentes à Mont Blanc Industries, le maintien et développement de ces filières industrielles est prioritaire pour le Genevois français."),
        (RecitalKind.Expose, "Au regard du nombre d'entreprises adhérentes auprès de Mont Blanc Industries (66 sur le Genevois français parmi 315) et du rayonnement d'un tel dispositif, le Comité Syndical du Pôle métropolitain du Genevois français a conventionné auprès de l'association Mont Blanc Industries (Ex AURAI4.0) et aux côtés du Grand Annecy et de la Communauté de communes Cluses Arve et Montagnes (CCAM) sur la période 2018-2020 pour soutenir le dispositif. Au-delà du soutien financier, l'objectif fixé communément est d'accompagner et labéliser a minima 42 entreprises industrielles et de promouvoir le dispositif auprès des industries de chaque territoire. Pour 2021, il est proposé de prolonger le partenariat d'une année avec les mêmes partenaires. Les objectifs techniques, financiers et partenariaux sont fixés dans l'avenant à la convention de partenariat quadripartite annexée."),
        (RecitalKind.Expose, "Etant donné les spécificités du Genevois français relatives à la taille de son territoire, aux compétences des huit EPCI membres du Genevois français, de la mobilisation de différents acteurs publics et privés (agences économiques, Pôle Territorial de Coopération Economique, etc), il est proposé d'approfondir le niveau de partenariat établi entre Mont-Blanc Industries et le Pôle métropolitain du Genevois français, à travers la mise en place d'actions visant, d'une part, à faire davantage connaître et à relayer les actions de Mont-Blanc Industries auprès des entreprises du Genevois français et, d'autre part, à faire connaître parmi les adhérents de Mont-Blanc Industries les actions à destination des entreprises du Pôle métropolitain et de ses membres."),
        (RecitalKind.Expose, "Il s'agit ainsi de consolider et développer les coopérations au sein de l'écosystème économique du Genevois français, de jouer des effets de réseau pour renforcer la palette d'accompagnement des entreprises. Un projet d'annexe spécifique au Genevois français est donc proposé en annexe de l'avenant à la convention cadre."),
        (RecitalKind.Expose, "Bilan de l'année 2020"),
        (RecitalKind.Expose, "L'année 2020 a été marquée par la crise COVID-19. Mont Blanc Industries a accompagné 80 entreprises sur la période mars à juillet 2020 dans le cadre du plan de relance étatique et régional."),
        (RecitalKind.Expose, "Par ailleurs, dans le cadre du label « Mont Blanc Excellence », 39 entreprises ont suivi cette démarche de performance industrielle. La crise COVID n'a pas permis d'atteindre les objectifs quantitatifs de 42 entreprises accompagnées. Parmi celles-ci, 9 entreprises issues du Genevois français ont été labellisées employant environ 1 400 salariés et pour un chiffre d'affaires d'environ 420 millions d'euros. Le comité de labélisation est constitué de la BPI, CCI, CMA, Thesame, Mt Blanc Industrie, Cetim, ECTI, USMB, ALPEGE, SNDEC."),
        (RecitalKind.Expose, "Différents supports de communication ont été réalisés tels que des newsletters, une dizaine de « success stories », des dossiers d'expertise, de nombreux articles et posts dans les journaux locaux et réseaux sociaux."),
        (RecitalKind.Expose, "8 clubs d'excellence (5 en 2019) ont été organisés sur des thèmes liés à la démarche d'accompagnement réunissant en moyenne un tiers des entreprises labellisées, soit une quinzaine d'entreprises à chaque fois. Ces séances ont eu lieu en grande partie sur la ZAE des Jourdiés sur le Pays Rochois."),
        (RecitalKind.Expose, "24 webinaires au total sur 2020 (hors Club Excellence) ont été organisés sur des thèmes divers : télétravail, témoignages, banques, fabrication additive, Intelligence Artificielle. Ces webinaires sont adressés à la totalité des 64 industries adhérentes à Mont Blanc Industries basées en Haute-Savoie ainsi qu'aux industries situées dans l'Ain adhérentes à la grappe d'entreprises MécaBourg ou au Pôle de compétitivité Polyméris."),
        (RecitalKind.Expose, "Les résultats de la démarche de progrès pour la totalité à l'échelle des 39 entreprises accompagnées sont encourageants et permettent de générer 10% de création d'emplois en 2 ans et d'augmenter le chiffre d'affaires de +25%."),
        (RecitalKind.Expose, "Objectifs pour l'année 2021 :"),
        (RecitalKind.Expose, "Les objectifs sont multiples et permettront de :"),
        (RecitalKind.Expose, "– Renforcer les partenariats avec les agences de développement économiques et services économie des intercommunalités membres du Pôle métropolitain décrits en annexe de l'avenant à la convention cadre afin de la communication et la palette d'accompagnements des entreprises du Genevois français ;"),
        (RecitalKind.Expose, "– Promouvoir le label Mont Blanc Industries auprès des industriels n'ayant pas bénéficié de cette démarche de progrès ;"),
        (RecitalKind.Expose, "– Recruter de nouvelles entreprises sur le territoire du Genevois français grâce à un rapprochement accentué auprès des agences et opérateurs économiques du Genevois français ;"),
        (RecitalKind.Expose, "– Poursuivre la labélisation auprès des entreprises du Genevois français en fin de première année ;"),
        (RecitalKind.Expose, "– Organiser un événement fédérateur dans une entreprise exemplaire si les conditions sanitaires le permettent ;"),
        (RecitalKind.Expose, "– Développer des clubs d'excellence pour la formation-action des industriels ;"),
        (RecitalKind.Expose, "– Développer des webinaires élargis à la totalité des adhérents soit 64 entreprises sur la partie haut-savoyardes et l'élargir aux industries et services aux industries situées dans le Pays bellegardien et dans le Pays de Gex via le pôle Polyméris ou via la grappe d'entreprises MécaBourg (nouvelle action)."),
        (RecitalKind.Expose, "Pour mener à bien cette mission, il est nécessaire de financer une cotisation auprès de l'association Mont Blanc Industries pour l'année 2021 à hauteur de 2 880 € et de financer le programme d'accompagnement « Mont Blanc Excellence » des industriels à hauteur de 42 000€ au titre de l'année 2021."),
    ];

    private static readonly string[] Articles =
    [
        "APPROUVE le programme d'actions pour l'année 2021 relatif au « Label Mont Blanc Excellence » avec l'association Mont Blanc Industries dans le cadre de l'avenant 2021 à la convention d'objectifs 2018-2020 ;",
        "APPROUVE l'annexe à la convention établie entre Mont-Blanc Industries et le Pôle métropolitain précisant les objectifs et modalités du partenariat 2021 ;",
        "AUTORISE l'achat d'une cotisation annuelle pour l'année 2021 à hauteur de 2 880 € auprès de Mont Blanc Industries ;",
        "AUTORISE le versement d'une subvention de 42 000 € à Mont Blanc Industries, pour le soutien au dispositif « Label Mont-Blanc Excellence » selon les modalités fixées par l'avenant relatif à la convention de partenariat annexée à la présente délibération ;",
        "AUTORISE le Président à signer l'avenant à la convention et les documents y afférant ;",
        "AUTORISE le Président à signer l'annexe à l'avenant à la convention de partenariat ;",
        "IMPUTE cette dernière dépense en résultant au crédit ouvert à cet effet au budget principal, à l'article 6574.",
    ];
}
