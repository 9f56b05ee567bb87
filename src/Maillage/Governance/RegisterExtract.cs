using System.Globalization;
using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>
/// The extract from the register of deliberations (<i>extrait du registre des délibérations</i>, issue 22 item 5),
/// described once as a <see cref="Document"/> and laid out like seed 002: the body and its seat, the session, the
/// object and the number, the counts, the opening paragraph, who was present (titular; substitutes with whom they
/// replace), represented (with their proxy holder), excused and absent, the recitals, the decisions as numbered
/// articles, the vote, the certification and the dates of transmission and publication. Every count comes from the
/// attendance rows (<see cref="Quorum.Count"/>), never typed.
/// </summary>
public static class RegisterExtract
{
    /// <summary>The deliberation with its recitals and articles, its session and its body (the reader's Cités only).</summary>
    public static async Task<(Deliberation Deliberation, Session Session, Body Body)> LoadAsync(MaillageDb db, GovernanceRegister register, int deliberationId, CancellationToken ct)
    {
        var deliberation = await db.Set<Deliberation>().Include(d => d.Recitals).Include(d => d.Articles).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == deliberationId, ct)
            ?? throw new NotFoundProblem(new($"Aucune délibération n'a le numéro {deliberationId}.", $"No deliberation has the id {deliberationId}."));
        var (session, body) = await register.SessionAsync(deliberation.SessionId, ct);
        return (deliberation, session, body);
    }

    /// <summary>"extrait-CS2021-15": the files' name.</summary>
    public static string FileName(Deliberation deliberation, bool english) => $"{(english ? "extract" : "extrait")}-{deliberation.Number}";

    public static Document Build(Body body, Session session, Deliberation deliberation, bool english)
    {
        string L(string fr, string en) => english ? en : fr;
        var culture = CultureInfo.GetCultureInfo(english ? "en-GB" : "fr-FR");
        // The platform's one date formatter: "1er avril" in French.
        string Day(DateOnly d) => Platform.Localization.HumanDates.Date(d, culture);
        var counts = GovernanceRegister.Counts(session, body);
        var members = body.Members.OrderBy(m => m.Id).ToList();
        var byId = members.ToDictionary(m => m.Id);
        var rows = session.Attendance.ToDictionary(a => a.MemberId);
        var inOffice = body.InOffice(session.Day).OrderBy(m => m.Id).ToList();
        AttendanceStatus StatusOf(BodyMember m) => rows.TryGetValue(m.Id, out var a) ? a.Status : AttendanceStatus.Absent;
        string Name(int? id) => id is { } i && byId.TryGetValue(i, out var m) ? m.DisplayName : "?";
        var kind = body.Kind.Describe();
        var bodyName = L(kind.Fr, kind.En);
        // The comité syndical's members are delegates (of the member authorities); other bodies have members.
        var (titularWord, substituteWord, representedWord, excusedWord, absentWord, inOfficeWord) = body.Kind == BodyKind.ComiteSyndical
            ? (L("Délégués titulaires", "Titular delegates"), L("Délégués suppléants", "Substitute delegates"), L("Délégués représentés", "Delegates represented"),
                L("Délégués excusés", "Delegates excused"), L("Délégués absents", "Delegates absent"), L("Délégués en exercice", "Delegates in office"))
            : (L("Membres titulaires", "Titular members"), L("Membres suppléants", "Substitute members"), L("Membres représentés", "Members represented"),
                L("Membres excusés", "Members excused"), L("Membres absents", "Members absent"), L("Membres en exercice", "Members in office"));
        var start = session.LocalStart;
        var chair = session.ChairMemberId is { } c && byId.TryGetValue(c, out var chairMember) ? chairMember : null;
        var secretary = session.SecretaryMemberId is { } s && byId.TryGetValue(s, out var secretaryMember) ? secretaryMember : null;
        var chairTitle = chair?.Civility == "Mme" ? L("La Présidente", "The Chair") : L("Le Président", "The Chair");

        var blocks = new List<DocumentBlock>();
        var heading = new[] { body.District, body.Organisation ?? body.Name, body.Seat is { } seat ? L($"Siège : {seat}", $"Seat: {seat}") : null }
            .Where(l => !string.IsNullOrWhiteSpace(l));
        blocks.Add(new Paragraph(string.Join("\n", heading), TextStyle.Strong));
        var fields = new List<Field>
        {
            new(L("Séance du", "Session of"), Day(session.Day)),
            new(L("Objet", "Object"), deliberation.Object),
            new(L("N°", "No."), deliberation.Number),
            new(inOfficeWord, counts.InOffice.ToString(culture)),
            new(L("Présents", "Present"), L($"{counts.Present} ({counts.TitularPresent} titulaires, {counts.Substitutes} suppléants)", $"{counts.Present} ({counts.TitularPresent} titular, {counts.Substitutes} substitutes)")),
            new(L("Pouvoirs", "Proxies"), counts.Represented.ToString(culture)),
            new(L("Votants", "Voting"), counts.Voting.ToString(culture)),
            new(L("Excusés", "Excused"), counts.Excused.ToString(culture)),
        };
        if (counts.Absent > 0) fields.Add(new(L("Absents", "Absent"), counts.Absent.ToString(culture)));
        fields.Add(new(L("Quorum", "Quorum"), counts.Quorum.Reached
            ? L($"atteint : {counts.Quorum.Counted} pour {counts.Quorum.Required} requis", $"reached: {counts.Quorum.Counted} for {counts.Quorum.Required} required")
            : L($"non atteint : {counts.Quorum.Counted} pour {counts.Quorum.Required} requis", $"not reached: {counts.Quorum.Counted} for {counts.Quorum.Required} required")));
        blocks.Add(new Fields(fields));

        var where = session.Videoconference
            ? L("en visioconférence", "by videoconference")
            : string.IsNullOrWhiteSpace(session.Place) ? null
            : english ? $"at {session.Place}" : At(session.Place.Trim());
        var chaired = chair is null ? "" : L($", sous la présidence {FrenchWords.Of(chair.PlainName)}", $", chaired by {chair.PlainName}");
        blocks.Add(new Paragraph(english
            ? $"On {Day(session.Day)} at {start:HH:mm}, the {bodyName.ToLowerInvariant()}, duly convened, met{(where is null ? "" : " " + where)}{chaired}."
            : $"L'an {FrenchWords.Year(start.Year)}, le {FrenchWords.DayOfMonth(start.Day)} {start.ToString("MMMM", culture)} à {FrenchWords.Time(start.Hour, start.Minute)} le {bodyName}, dûment convoqué, s'est réuni{(where is null ? "" : " " + where)}{chaired}."));
        var lines = new List<string>();
        if (session.ConvenedOn is { } convened) lines.Add(L($"Convocation du : {Day(convened)}", $"Convened on: {Day(convened)}"));
        if (secretary is not null) lines.Add(L($"Secrétaire de séance : {secretary.PlainName}", $"Secretary of the session: {secretary.PlainName}"));
        if (lines.Count > 0) blocks.Add(new Paragraph(string.Join("\n", lines)));

        static string Joined(IEnumerable<string> names) => string.Join(" – ", names);
        blocks.Add(new Heading(L($"Membres présents : {counts.Present}", $"Members present: {counts.Present}")));
        var present = inOffice.Where(m => StatusOf(m) == AttendanceStatus.Present).ToList();
        if (present.Count > 0)
        {
            blocks.Add(new Heading(titularWord, 2));
            blocks.Add(new Paragraph(Joined(present.Select(m => m.DisplayName))));
        }
        var replaced = inOffice.Where(m => StatusOf(m) == AttendanceStatus.Replaced).ToList();
        if (replaced.Count > 0)
        {
            blocks.Add(new Heading(substituteWord, 2));
            blocks.Add(new Paragraph(Joined(replaced.Select(m =>
            {
                var substitute = byId.GetValueOrDefault(rows[m.Id].SubstituteId ?? 0);
                var word = english ? "substitute for" : substitute?.Civility == "Mme" ? "suppléante de" : "suppléant de";
                return $"{substitute?.DisplayName ?? "?"}, {word} {m.DisplayName}";
            }))));
        }
        var represented = inOffice.Where(m => StatusOf(m) == AttendanceStatus.Represented).ToList();
        if (represented.Count > 0)
        {
            blocks.Add(new Heading(representedWord, 2));
            blocks.Add(new Paragraph(Joined(represented.Select(m => L($"{m.DisplayName} donne pouvoir à {Name(rows[m.Id].ProxyHolderId)}", $"{m.DisplayName} gives proxy to {Name(rows[m.Id].ProxyHolderId)}")))));
        }
        // As the register counts them: replaced, represented and excused.
        var excused = inOffice.Where(m => StatusOf(m) is AttendanceStatus.Replaced or AttendanceStatus.Represented or AttendanceStatus.Excused).ToList();
        if (excused.Count > 0)
        {
            blocks.Add(new Heading(excusedWord, 2));
            blocks.Add(new Paragraph(Joined(excused.Select(m => m.DisplayName))));
        }
        var absent = inOffice.Where(m => StatusOf(m) == AttendanceStatus.Absent).ToList();
        if (absent.Count > 0)
        {
            blocks.Add(new Heading(absentWord, 2));
            blocks.Add(new Paragraph(Joined(absent.Select(m => m.DisplayName))));
        }

        // The register prints the object in capitals above the recitals.
        blocks.Add(new Heading(deliberation.Object.ToUpper(culture)));
        if (!string.IsNullOrWhiteSpace(deliberation.Rapporteur))
            blocks.Add(new Paragraph(L($"Rapporteur : {deliberation.Rapporteur}", $"Rapporteur: {deliberation.Rapporteur}")));
        foreach (var recital in deliberation.Recitals.OrderBy(r => r.Position))
            blocks.Add(new Paragraph(recital.Text));
        var vote = deliberation.Vote.Describe();
        blocks.Add(new Paragraph(L($"Le {bodyName}, après en avoir délibéré {vote.Fr},", $"The {bodyName.ToLowerInvariant()}, having deliberated, {vote.En}:"), TextStyle.Strong));
        if (!deliberation.Vote.Unanimous || deliberation.Vote.Abstentions + deliberation.Vote.NotVoting > 0)
            blocks.Add(new Fields(
            [
                new(L("Votants", "Voting"), deliberation.Vote.Total.ToString(culture)),
                new(L("Pour", "For"), deliberation.Vote.For.ToString(culture)),
                new(L("Contre", "Against"), deliberation.Vote.Against.ToString(culture)),
                new(L("Abstentions", "Abstentions"), deliberation.Vote.Abstentions.ToString(culture)),
                new(L("Ne prenant pas part au vote", "Not voting"), deliberation.Vote.NotVoting.ToString(culture)),
            ]));
        foreach (var article in deliberation.Articles.OrderBy(a => a.Number))
            blocks.Add(new Paragraph(L($"Article {article.Number} : {article.Text}", $"Article {article.Number}: {article.Text}")));
        if (!string.IsNullOrWhiteSpace(deliberation.BudgetImputation))
            blocks.Add(new Paragraph(L($"Imputation budgétaire : {deliberation.BudgetImputation}", $"Budget imputation: {deliberation.BudgetImputation}")));
        blocks.Add(new Paragraph(L("Ainsi fait et délibéré les jour, mois et an que dessus.", "Done and deliberated on the day, month and year above.")));

        var certification = new List<string>();
        if (deliberation.TransmittedOn is { } sent)
        {
            var to = deliberation.TransmittedTo?.Trim();
            var where2 = string.IsNullOrEmpty(to) ? "" : english ? $" to the {to}" : to.StartsWith("Préfecture", StringComparison.OrdinalIgnoreCase) || to.StartsWith("Sous-préfecture", StringComparison.OrdinalIgnoreCase) ? $" en {to}" : $" à {to}";
            certification.Add(L($"{chairTitle} certifie le caractère exécutoire du présent acte transmis{where2} le {Day(sent)}.", $"{chairTitle} certifies that this act, sent{where2} on {Day(sent)}, is enforceable."));
        }
        else
            certification.Add(L("Acte non encore transmis au contrôle de légalité.", "Act not yet sent for legality control."));
        certification.Add(deliberation.PublishedOn is { } published
            ? L($"Publié ou notifié le {Day(published)}.", $"Published or notified on {Day(published)}.")
            : L("Non encore publié.", "Not yet published."));
        blocks.Add(new Paragraph(string.Join("\n", certification)));
        blocks.Add(new Paragraph(chair is null ? $"{chairTitle}," : $"{chairTitle},\n{chair.PlainName}", TextStyle.Strong));

        return new Document(
            Title: L($"Extrait du registre des délibérations du {bodyName.ToLower(culture)}", $"Extract from the register of deliberations of the {bodyName.ToLowerInvariant()}"),
            Issuer: body.Organisation ?? body.Name,
            Language: english ? "en" : "fr",
            Blocks: blocks,
            Reference: L($"Délibération n° {deliberation.Number} — séance du {Day(session.Day)}", $"Deliberation No. {deliberation.Number} — session of {Day(session.Day)}"),
            CiteId: body.CiteId);
    }

    /// <summary>"s'est réuni à la mairie", "s'est réuni au siège", "s'est réuni à Annemasse": the place as given, "à" added when it has none.</summary>
    private static string At(string place) =>
        place.StartsWith("à ", StringComparison.OrdinalIgnoreCase) || place.StartsWith("au ", StringComparison.OrdinalIgnoreCase)
        || place.StartsWith("aux ", StringComparison.OrdinalIgnoreCase) || place.StartsWith("en ", StringComparison.OrdinalIgnoreCase)
            ? place : $"à {place}";
}

/// <summary>Numbers in French words as a register writes its date: "deux mil vingt et un", "le vingt-deux", "à dix-huit heures".</summary>
public static class FrenchWords
{
    private static readonly string[] Units =
        ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"];
    private static readonly string[] Tens = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"];

    /// <summary>"de Christian DUPESSEY", "d'Anne ALPHA": the preposition elided before a vowel (names before a mute h keep "de").</summary>
    public static string Of(string name) =>
        name.Length > 0 && "AEIOUYÂÊÎÔÛÉÈËÏÜaeiouyâêîôûéèëïü".Contains(name[0]) ? $"d'{name}" : $"de {name}";

    /// <summary>0 to 999 999 in traditional spelling (hyphens under a hundred, "et un", "quatre-vingts", "deux cents").</summary>
    public static string Number(int n, bool mil = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 999_999);
        if (n >= 1000)
        {
            var thousands = n / 1000;
            var rest = n % 1000;
            var head = thousands == 1 ? (mil ? "mil" : "mille") : $"{Hundreds(thousands, final: false)} {(mil ? "mil" : "mille")}";
            return rest == 0 ? head : $"{head} {Hundreds(rest, final: true)}";
        }
        return Hundreds(n, final: true);
    }

    private static string Hundreds(int n, bool final)
    {
        if (n < 100) return UnderHundred(n, final);
        var h = n / 100;
        var rest = n % 100;
        var head = h == 1 ? "cent" : $"{Units[h]} cent{(rest == 0 && final ? "s" : "")}";
        return rest == 0 ? head : $"{head} {UnderHundred(rest, final)}";
    }

    private static string UnderHundred(int n, bool final)
    {
        if (n <= 16) return Units[n];
        if (n < 20) return $"dix-{Units[n - 10]}";
        var t = n / 10;
        var u = n % 10;
        if (t is 7 or 9)
        {
            var baseWord = t == 7 ? "soixante" : "quatre-vingt";
            var tail = UnderHundred(10 + u, final);
            return t == 7 && u == 1 ? "soixante et onze" : $"{baseWord}-{tail}";
        }
        if (t == 8) return u == 0 ? (final ? "quatre-vingts" : "quatre-vingt") : $"quatre-vingt-{Units[u]}";
        return u == 0 ? Tens[t] : u == 1 ? $"{Tens[t]} et un" : $"{Tens[t]}-{Units[u]}";
    }

    /// <summary>"deux mil vingt et un" (the registers' "mil" of dates).</summary>
    public static string Year(int year) => Number(year, mil: true);

    /// <summary>"premier", "deux", "vingt-deux".</summary>
    public static string DayOfMonth(int day) => day == 1 ? "premier" : Number(day);

    /// <summary>"dix-huit heures", "une heure", "neuf heures trente", "minuit".</summary>
    public static string Time(int hour, int minute)
    {
        var h = hour == 0 ? "minuit" : hour == 12 ? "midi" : hour == 1 ? "une heure" : $"{(hour == 21 ? "vingt et une" : Number(hour))} heures";
        return minute == 0 ? h : $"{h} {(minute == 1 ? "une" : minute % 10 == 1 && minute > 20 ? Number(minute)[..^2] + "une" : Number(minute))}";
    }
}
