using Maillage.Network.OpeningHours;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Network;

/// <summary>A place of the network: a site, a centre associé, a point relais or a permanence.</summary>
public sealed class Structure : ITenantOwned
{
    public const int MaxSitePoles = 7;
    public const int MinSitePoles = 3;

    public int Id { get; set; }
    public int CiteId { get; set; }
    public Cite Cite { get; set; } = null!;
    public StructureKind Kind { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public StructureStatus Status { get; set; } = StructureStatus.Open;
    public DateOnly? OpenedOn { get; set; }

    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    /// <summary>ISO 3166 code: FR or CH.</summary>
    public string Country { get; set; } = "FR";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int? CommuneId { get; set; }
    public Territory? Commune { get; set; }
    /// <summary>The priority neighbourhood a permanence is held in, if any.</summary>
    public int? QpvId { get; set; }
    public Territory? Qpv { get; set; }

    public string? Accessibility { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public int? ParentId { get; set; }
    public Structure? Parent { get; set; }
    /// <summary>Who runs it day to day, e.g. a contractor under a public contract.</summary>
    public string? Operator { get; set; }
    /// <summary>The last day of the operator's contract, if it has one: past it the operator is no longer shown to the public.</summary>
    public DateOnly? OperatorUntil { get; set; }

    /// <summary>The operator while its contract runs on <paramref name="today"/>; null once it has ended.</summary>
    public string? CurrentOperator(DateOnly today) => OperatorUntil is { } until && until < today ? null : Operator;

    public string TimeZoneId { get; set; } = "Europe/Paris";
    public HolidayCalendar Holidays { get; set; } = HolidayCalendar.France;
    public List<OpeningRange> WeeklyHours { get; set; } = [];
    public List<OpeningException> Exceptions { get; set; } = [];
    public List<Pole> Poles { get; set; } = [];

    /// <summary>Where the facts come from (a seed document), and which values are invented for the demo.</summary>
    public string? Source { get; set; }
    public string? DemoValues { get; set; }

    public OpeningSchedule Schedule() =>
        new(WeeklyHours, Exceptions, Holidays, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    public Pole AddPole(string name, string? nameEn = null, string? description = null)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new RuleViolation(nameof(Pole.Name), new("Le nom du pôle est obligatoire.", "The pole needs a name."));
        if (Kind == StructureKind.Site && Poles.Count >= MaxSitePoles)
            throw new RuleViolation(nameof(Pole.Name), new(
                $"Un site Cité des métiers compte au plus {MaxSitePoles} pôles de conseil : retirez-en un avant d'en ajouter un autre.",
                $"A Cité des métiers site has at most {MaxSitePoles} counselling poles: remove one before adding another."));
        if (Poles.Any(p => string.Equals(p.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)))
            throw new RuleViolation(nameof(Pole.Name), new($"Le pôle « {name} » existe déjà ici.", $"The pole \"{name}\" already exists here."));
        var pole = new Pole { CiteId = CiteId, StructureId = Id, Name = name.Trim(), NameEn = nameEn, Description = description, Order = Poles.Count + 1 };
        Poles.Add(pole);
        return pole;
    }

    /// <summary>A site needs at least three poles to meet the label; under that the coordinator is warned.</summary>
    public LocalizedText? PoleWarning => Kind == StructureKind.Site && Poles.Count < MinSitePoles
        ? new LocalizedText(
            $"Un site labellisé doit ouvrir au moins {MinSitePoles} pôles de conseil ; il n'en a que {Poles.Count}.",
            $"A labelled site must open at least {MinSitePoles} counselling poles; it has only {Poles.Count}.")
        : null;

    public void ReplaceWeeklyHours(IReadOnlyCollection<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)> ranges)
    {
        OpeningSchedule.Validate(ranges);
        WeeklyHours.Clear();
        WeeklyHours.AddRange(ranges.Select(r => new OpeningRange { StructureId = Id, Day = r.Day, Opens = r.Opens, Closes = r.Closes }));
    }

    public OpeningException AddException(DateOnly date, bool closed, TimeOnly? opens, TimeOnly? closes, string? reason)
    {
        if (!closed)
        {
            if (opens is null || closes is null)
                throw new RuleViolation("Opens", new("Indiquez l'heure d'ouverture et de fermeture de cette journée exceptionnelle.", "Give the opening and closing time of this exceptional day."));
            var sameDay = Exceptions.Where(e => e.Date == date && !e.Closed && e.Opens is not null)
                .Select(e => (date.DayOfWeek, e.Opens!.Value, e.Closes!.Value))
                .Append((date.DayOfWeek, opens.Value, closes.Value)).ToList();
            OpeningSchedule.Validate(sameDay, "Opens");
        }
        var exception = new OpeningException { StructureId = Id, Date = date, Closed = closed, Opens = closed ? null : opens, Closes = closed ? null : closes, Reason = reason };
        Exceptions.Add(exception);
        return exception;
    }

    public string FullAddress => string.Join(", ", new[] { Street, string.Join(" ", new[] { PostalCode, City }.Where(s => !string.IsNullOrWhiteSpace(s))) }
        .Where(s => !string.IsNullOrWhiteSpace(s)));

    public string? OpenStreetMapUrl => Latitude is { } lat && Longitude is { } lon
        ? FormattableString.Invariant($"https://www.openstreetmap.org/?mlat={lat:0.#####}&mlon={lon:0.#####}#map=17/{lat:0.#####}/{lon:0.#####}")
        : null;
}

public enum StructureKind { Site, CentreAssocie, PointRelais, Permanence }

public enum StructureStatus { Open, Planned, Closed }

internal static class StructureText
{
    public static LocalizedText Describe(this StructureKind kind) => kind switch
    {
        StructureKind.Site => new("Site Cité des métiers", "Cité des métiers site"),
        StructureKind.CentreAssocie => new("Centre associé", "Associated centre"),
        StructureKind.PointRelais => new("Point relais", "Relay point"),
        _ => new("Permanence", "Outreach session"),
    };

    public static LocalizedText Describe(this StructureStatus status) => status switch
    {
        StructureStatus.Open => new("Ouvert au public", "Open to the public"),
        StructureStatus.Planned => new("En projet", "Planned"),
        _ => new("Fermé définitivement", "Permanently closed"),
    };

    /// <summary>The API spells kinds in camelCase: site, centreAssocie, pointRelais, permanence.</summary>
    public static string ApiName(this StructureKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
