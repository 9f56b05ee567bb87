using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Governance;

/// <summary>
/// A deliberation of a body at a session: its number from the body's yearly sequence (<c>CS2021-15</c>), its object,
/// recitals and articles, the vote, the rapporteur, the budget imputation, the dates it was sent to the prefecture and
/// published, and a generic link to what it decides (a convention, a label decision, a place: a kind, an id, a label).
/// </summary>
public sealed class Deliberation : ITenantOwned
{
    public const int MaxObject = 500;

    public int Id { get; set; }
    public int CiteId { get; set; }
    public int BodyId { get; set; }
    public int SessionId { get; set; }
    public int Year { get; set; }
    /// <summary>The place in the body's sequence of the year: 15 in CS2021-15.</summary>
    public int Sequence { get; set; }
    public required string Number { get; set; }
    public required string Object { get; set; }
    public string? Rapporteur { get; set; }
    /// <summary>Where the expense is charged (<i>imputation budgétaire</i>): "budget principal, article 6574".</summary>
    public string? BudgetImputation { get; set; }
    public Vote Vote { get; set; } = new(0, 0, 0, 0, Unanimous: false);
    /// <summary>Where it was sent for legality control ("Préfecture d'Annecy"), and when.</summary>
    public string? TransmittedTo { get; set; }
    public DateOnly? TransmittedOn { get; set; }
    public DateOnly? PublishedOn { get; set; }
    /// <summary>What it decides, outside this module: a kind ("convention", "label-decision", "place"), its id and a label to show.</summary>
    public string? LinkKind { get; set; }
    public string? LinkId { get; set; }
    public string? LinkLabel { get; set; }
    public string? Source { get; set; }

    public List<Recital> Recitals { get; set; } = [];
    public List<Article> Articles { get; set; } = [];

    /// <summary>Published: it has a publication date (then the public sees it on the body's page).</summary>
    public bool IsPublished(DateOnly today) => PublishedOn is { } d && d <= today;

    public static string FormatNumber(string prefix, int year, int sequence) => $"{prefix}{year}-{sequence}";
}

/// <summary>
/// The vote: counts for, against, abstaining and not voting, which together are the members voting (present and
/// represented); or unanimous, where every vote cast is for (the counts then follow from the voting members).
/// </summary>
public sealed record Vote(int For, int Against, int Abstentions, int NotVoting, bool Unanimous)
{
    public int Total => For + Against + Abstentions + NotVoting;
    public bool Adopted => For > Against;

    /// <summary>A unanimous vote of <paramref name="voting"/> members: every one of them for.</summary>
    public static Vote UnanimousOf(int voting) => new(voting, 0, 0, 0, Unanimous: true);

    /// <summary>Checks the vote against the members voting at the session (present + represented).</summary>
    public IEnumerable<RuleViolation> Check(int voting)
    {
        if (For < 0 || Against < 0 || Abstentions < 0 || NotVoting < 0)
            yield return new("vote", new("Les nombres de voix ne sont pas négatifs.", "Vote counts are not negative."));
        else if (Total > voting)
            yield return new("vote", new($"{Total} voix comptées pour {voting} votants (présents et représentés) : il y a plus de voix que de votants.", $"{Total} votes counted for {voting} voting members (present and represented): more votes than voters."));
        else if (Total < voting)
            yield return new("vote", new($"{Total} voix comptées pour {voting} votants (présents et représentés) : chaque votant est pour, contre, abstention ou ne prend pas part au vote.", $"{Total} votes counted for {voting} voting members (present and represented): each voter is for, against, abstaining or not voting."));
        if (Unanimous && Against > 0)
            yield return new("vote", new("Un vote à l'unanimité n'a aucune voix contre.", "A unanimous vote has no vote against."));
        if (Unanimous && For == 0 && voting > 0)
            yield return new("vote", new("Un vote à l'unanimité a au moins une voix pour.", "A unanimous vote has at least one vote for."));
    }

    /// <summary>"à l'unanimité" or "par 30 voix pour, 2 contre, 3 abstentions".</summary>
    public LocalizedText Describe()
    {
        if (Unanimous) return Abstentions + NotVoting == 0
            ? new("à l'unanimité", "unanimously")
            : new($"à l'unanimité des suffrages exprimés ({Abstentions} abstention{(Abstentions > 1 ? "s" : "")}, {NotVoting} ne prenant pas part au vote)", $"unanimously of the votes cast ({Abstentions} abstaining, {NotVoting} not voting)");
        return new($"par {For} voix pour, {Against} contre, {Abstentions} abstention{(Abstentions > 1 ? "s" : "")}{(NotVoting > 0 ? $", {NotVoting} ne prenant pas part au vote" : "")}",
            $"by {For} for, {Against} against, {Abstentions} abstaining{(NotVoting > 0 ? $", {NotVoting} not voting" : "")}");
    }
}

public enum RecitalKind { Vu, Considerant, Expose }

/// <summary>A recital: a "Vu …" (what the decision rests on), a "Considérant …", or a paragraph of the exposé.</summary>
public sealed class Recital : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int DeliberationId { get; set; }
    public int Position { get; set; }
    public RecitalKind Kind { get; set; }
    public required string Text { get; set; }
}

/// <summary>A decision of the deliberation, a numbered article: "APPROUVE le programme d'actions…".</summary>
public sealed class Article : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int DeliberationId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
}

/// <summary>The last number given in a body's sequence for a year: one row per body and year, incremented in the database.</summary>
public sealed class DeliberationCounter : Platform.Audit.INotAudited
{
    public int BodyId { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}

/// <summary>
/// What a deliberation may decide outside this module (issue 22 item 4), named by kind and id without depending on the
/// module that keeps it: a convention of the Funding module, a place (a structure, of the shared kernel), a label decision.
/// </summary>
public static class DecisionLink
{
    public const string Convention = "convention";
    public const string Place = "place";
    public const string LabelDecision = "label-decision";
    public static readonly IReadOnlyList<string> Kinds = [Convention, Place, LabelDecision];

    public static LocalizedText Describe(string? kind) => kind switch
    {
        Convention => new("Convention", "Convention"),
        Place => new("Lieu", "Place"),
        LabelDecision => new("Décision de labellisation", "Label decision"),
        _ => new(kind ?? "", kind ?? ""),
    };

    /// <summary>The staff page of what is decided, where there is one.</summary>
    public static string? Href(string? kind, string? id) => (kind, int.TryParse(id, out var n) && n > 0) switch
    {
        (Convention, true) => $"/gestion/conventions/{n}",
        (Place, true) => $"/gestion/structures/{n}",
        _ => null,
    };
}
