using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>
/// The bodies the seed documents describe, on the Cité des métiers du Grand Genève, added at every start when missing
/// (idempotent, by body name):
/// <list type="bullet">
/// <item>the <i>comité syndical</i> of the Pôle métropolitain du Genevois français, its 44 delegates in office, its
/// session of 22 April 2021 with the attendance exactly as the register extract lists it, and deliberation CS2021-15
/// (seed 002). The Pôle métropolitain is a partner of the Grand Genève Cité (ReferenceNetwork: it coordinates the
/// French associated centres since 2016 and funds them), not a Cité: its body is a partner body
/// (<see cref="Body.PartnerId"/>) on that Cité, whose administrators manage it and whose public page shows it;</item>
/// <item>the CitésLab steering committee (once a year) and technical committee (3 times a year) of seed 001, run by
/// the Maison de l'Economie Développement, a partner of the same Cité.</item>
/// </list>
/// The counts of seed 002 (31 present, 4 proxies, 17 excused) are not typed anywhere: they come out of the attendance
/// rows. The extract names 43 delegates; the 44th in office is not named by it and is absent (no row).
/// </summary>
internal sealed class ReferenceGovernance(MaillageDb db, GovernanceRegister register, ILogger<ReferenceGovernance> logger) : IDatabaseInitialiser
{
    public const string ComiteSyndical = "Comité syndical du Pôle métropolitain du Genevois français";
    public const string CitesLabSteering = "Comité de pilotage CitésLab genevois";
    public const string CitesLabTechnical = "Comité technique CitésLab genevois";
    private const string Seed001 = "Convention CCG–MED pour CitésLab (seed 001), « La gouvernance »";
    private const string Seed002 = "Extrait du registre des délibérations du Comité syndical, séance du 22 avril 2021, délibération CS2021-15 (seed 002)";
    private const string DemoMandate = "début du mandat (1er septembre 2020, après les élections de 2020) : valeur de démonstration, l'extrait ne le donne pas";

    // The register lists, in its order: titular delegates present, substitutes (with whom they replace), represented (with their proxy holder), excused.
    private static readonly (string Civility, string First, string Last)[] TitularPresent =
    [
        ("M.", "Vincent", "Scattolin"), ("M.", "Patrice", "Dunand"), ("M.", "Jean-François", "Raphoz"), ("M.", "Jean-François", "Obez"),
        ("M.", "Hubert", "Bertrand"), ("Mme", "Isabelle", "Henniquau"), ("M.", "Bernard", "Boccard"), ("M.", "Gabriel", "Doublet"),
        ("M.", "Christian", "Dupessey"), ("M.", "Alain", "Letessier"), ("Mme", "Pauline", "Plagnat-Cantoreggi"), ("M.", "Jean-Luc", "Soulat"),
        ("M.", "Christophe", "Arminjon"), ("Mme", "Claire", "Chuinard"), ("M.", "Cyril", "Demolis"), ("M.", "Claude", "Manillier"),
        ("M.", "Christophe", "Songeon"), ("M.", "Jean-Claude", "Terrier"), ("M.", "Pierre-Jean", "Crastes"), ("Mme", "Carole", "Vincent"),
        ("M.", "Florent", "Benoit"), ("M.", "Stéphane", "Valli"), ("M.", "Marin", "Gaillard"), ("Mme", "Catherine", "Brun"),
        ("M.", "Sébastien", "Javogues"), ("Mme", "Nadine", "Perinet"),
    ];

    /// <summary>The excused delegates in the register's order ("M." for Christine Dupenloup as the extract prints it).</summary>
    private static readonly (string Civility, string First, string Last)[] Excused =
    [
        ("M.", "Philippe", "Nouvelle"), ("M.", "Christine", "Dupenloup"), ("Mme", "Aurélie", "Charillon"), ("Mme", "Muriel", "Benier"),
        ("M.", "Patrick", "Antoine"), ("M.", "Yves", "Cheminal"), ("M.", "Denis", "Maire"), ("Mme", "Chrystelle", "Beurrier"),
        ("M.", "Joseph", "Deage"), ("M.", "François", "Deville"), ("M.", "Julien", "Bouchet"), ("M.", "Michel", "Mermin"),
        ("M.", "Philippe", "Monet"), ("M.", "Yves", "Massarotti"), ("M.", "Jean-Claude", "Georget"), ("M.", "Jean-Yves", "Broisin"),
        ("M.", "Christophe", "Mayet"),
    ];

    private static readonly (string Civility, string First, string Last, string Replaces)[] Substitutes =
    [
        ("Mme", "Annick", "Grosroyat", "Nouvelle"), ("M.", "Bernard", "Vuaillat", "Charillon"), ("M.", "Gaëtan", "Come", "Benier"),
        ("M.", "Christian", "Aebischer", "Maire"), ("M.", "Marc", "Meneghetti", "Bouchet"),
    ];

    private static readonly (string Giver, string Holder)[] Proxies =
        [("Beurrier", "Arminjon"), ("Deville", "Demolis"), ("Georget", "Gaillard"), ("Mayet", "Brun")];

    public async Task InitialiseAsync(CancellationToken ct)
    {
        var cite = await db.Set<Cite>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Slug == "grand-geneve", ct);
        if (cite is null) return;
        var existing = await db.Set<Body>().IgnoreQueryFilters().Where(b => b.CiteId == cite.Id).Select(b => b.Name).ToListAsync(ct);
        var added = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!existing.Contains(ComiteSyndical)) { await ComiteSyndicalAsync(cite.Id, ct); added++; }
        if (!existing.Contains(CitesLabSteering)) { await CitesLabAsync(cite.Id, ct); added += 2; }
        await tx.CommitAsync(ct);
        if (added > 0) logger.LogInformation("Reference bodies added: {Count} (Grand Genève, seeds 001 and 002)", added);
    }

    private Task<int?> PartnerAsync(int citeId, string name, CancellationToken ct) =>
        db.Set<Partner>().IgnoreQueryFilters().Where(p => p.CiteId == citeId && p.Name == name).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    private async Task ComiteSyndicalAsync(int citeId, CancellationToken ct)
    {
        var from = new DateOnly(2020, 9, 1);
        var body = new Body
        {
            CiteId = citeId, PartnerId = await PartnerAsync(citeId, "Pôle métropolitain du Genevois français", ct),
            Kind = BodyKind.ComiteSyndical, Name = ComiteSyndical, Organisation = "Pôle métropolitain du Genevois français",
            Seat = "15 avenue Emile Zola, 74100 ANNEMASSE", District = "Arrondissement de St Julien-en-Genevois", NumberPrefix = "CS",
            MinConvocationDays = 5, Quorum = QuorumRule.LocalAuthorityDefault, Public = true,
            Source = $"{Seed002} ; règle de quorum : défaut des collectivités (majorité des membres en exercice, un pouvoir chacun)",
        };
        BodyMember Member(string civility, string first, string last, MandateRole role) => new()
        {
            CiteId = citeId, Civility = civility, FirstName = first, LastName = last, Role = role, From = from, Source = $"{Seed002} ; {DemoMandate}",
        };
        var titular = TitularPresent.Concat(Excused).Select(m => Member(m.Civility, m.First, m.Last, MandateRole.Titular)).ToList();
        // The 44th delegate in office: counted by the extract ("en exercice : 44"), named nowhere in it.
        titular.Add(new BodyMember
        {
            CiteId = citeId, FirstName = "", LastName = "Délégué titulaire non nommé", Role = MandateRole.Titular, From = from,
            Source = $"{Seed002} : 44 délégués en exercice, 43 nommés ; le 44e n'est ni présent, ni représenté, ni excusé",
        });
        body.Members.AddRange(titular);
        db.Add(body);
        await db.SaveChangesAsync(ct);
        BodyMember Titular(string last) => titular.Single(m => m.LastName == last);
        var substitutes = Substitutes.Select(s => (Member: Member(s.Civility, s.First, s.Last, MandateRole.Substitute), s.Replaces)).ToList();
        foreach (var (member, replaces) in substitutes) member.SubstituteOfId = Titular(replaces).Id;
        body.Members.AddRange(substitutes.Select(s => s.Member));
        await db.SaveChangesAsync(ct);

        var session = new Session
        {
            CiteId = citeId, BodyId = body.Id, StartsAt = new DateTimeOffset(2021, 4, 22, 18, 0, 0, TimeSpan.FromHours(2)).ToUniversalTime(), TimeZone = "Europe/Paris",
            Videoconference = true, ConvenedOn = new DateOnly(2021, 4, 15),
            ChairMemberId = Titular("Dupessey").Id, SecretaryMemberId = Titular("Crastes").Id, Source = Seed002,
            Agenda = [new AgendaItem { CiteId = citeId, Position = 1, Title = "Adoption de la convention annuelle de partenariat et de financement avec Mont Blanc Industries" }],
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);

        var entries = new List<AttendanceEntry>();
        entries.AddRange(TitularPresent.Select(m => new AttendanceEntry(Titular(m.Last).Id, AttendanceStatus.Present)));
        entries.AddRange(substitutes.Select(s => new AttendanceEntry(Titular(s.Replaces).Id, AttendanceStatus.Replaced, SubstituteId: s.Member.Id)));
        entries.AddRange(Proxies.Select(p => new AttendanceEntry(Titular(p.Giver).Id, AttendanceStatus.Represented, ProxyHolderId: Titular(p.Holder).Id)));
        var accounted = entries.Select(e => e.MemberId).ToHashSet();
        entries.AddRange(Excused.Select(m => Titular(m.Last)).Where(m => !accounted.Contains(m.Id)).Select(m => new AttendanceEntry(m.Id, AttendanceStatus.Excused)));
        await register.RecordAttendanceAsync(session.Id, entries, ct, ignoreTenant: true);

        await register.RecordDeliberationAsync(session.Id, SeedDeliberation.Input(Seed002), ct, ignoreTenant: true);
    }

    private async Task CitesLabAsync(int citeId, CancellationToken ct)
    {
        var med = await PartnerAsync(citeId, "Maison de l'Economie Développement", ct);
        var steering = new Body
        {
            CiteId = citeId, PartnerId = med, Kind = BodyKind.SteeringCommittee, Name = CitesLabSteering, NumberPrefix = "COPIL-CL",
            Organisation = "Maison de l'Economie Développement – CitésLab genevois", ExpectedSessionsPerYear = 1, Quorum = QuorumRule.LocalAuthorityDefault,
            Source = $"{Seed001} : définit et ajuste la feuille de route, se réunit une fois par an, composé des représentants élus des partenaires ; préparé et animé par la MED",
        };
        // The convention names the elected representatives of its two parties; the other partners' representatives are not named.
        steering.Members.Add(new BodyMember { CiteId = citeId, Civility = "M.", FirstName = "Pierre-Jean", LastName = "Crastes", Organisation = "Communauté de Communes du Genevois (président)", Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1), Source = $"{Seed001} ; date de début : valeur de démonstration" });
        steering.Members.Add(new BodyMember { CiteId = citeId, Civility = "M.", FirstName = "Bernard", LastName = "Boccard", Organisation = "Maison de l'Economie Développement (président)", Role = MandateRole.Titular, From = new DateOnly(2020, 1, 1), Source = $"{Seed001} ; date de début : valeur de démonstration" });
        var technical = new Body
        {
            CiteId = citeId, PartnerId = med, Kind = BodyKind.TechnicalCommittee, Name = CitesLabTechnical, NumberPrefix = "COTECH-CL",
            Organisation = "Maison de l'Economie Développement – CitésLab genevois", ExpectedSessionsPerYear = 3, Quorum = QuorumRule.LocalAuthorityDefault,
            SecretaryName = "Cheffe de projet CitésLab (MED)",
            Source = $"{Seed001} : assure le suivi et le respect de la feuille de route, se réunit 3 fois par an, composé des référents techniques des partenaires ; invitations et comptes rendus par la cheffe de projet CitésLab",
        };
        steering.SecretaryName = "Cheffe de projet CitésLab (MED)";
        db.AddRange(steering, technical);
        await db.SaveChangesAsync(ct);
        // The one session the convention mentions: the steering committee of 20 January 2020 (sous-préfet and Bpifrance present).
        db.Add(new Session
        {
            CiteId = citeId, BodyId = steering.Id, StartsAt = new DateTimeOffset(2020, 1, 20, 10, 0, 0, TimeSpan.FromHours(1)).ToUniversalTime(), Place = "Annemasse",
            Source = $"{Seed001} : « lors du Comité de pilotage en date 20 janvier 2020 » ; heure et lieu : valeurs de démonstration",
            Agenda = [new AgendaItem { CiteId = citeId, Position = 1, Title = "Mutualisation des ressources du CitésLab entre Annemasse Agglo et la CCG" }],
        });
        await db.SaveChangesAsync(ct);
    }
}
