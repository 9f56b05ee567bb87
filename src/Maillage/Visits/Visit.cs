using Maillage.Network;
using Maillage.Platform.Audit;
using Maillage.Platform.Tenancy;
using Maillage.Visits.Categories;

namespace Maillage.Visits;

/// <summary>
/// One anonymous visit or interview: categories only, never an identity (SPEC §4). There is no column that
/// could hold a name, an e-mail, a phone number, a birth date or free text.
///
/// The record is built for volume (10 million rows answered by dashboards, at most 100 bytes a row with
/// its indexes on PostgreSQL and SQLite, see docs/visits.md): every column is a small integer and none is
/// nullable (a null costs PostgreSQL a bitmap that grows the row header by 8 bytes), "none" is 0; the
/// time is the number of quarter hours since 1970-01-01 UTC; needs and services are bit masks; four rarely
/// grouped categories share one small integer (<see cref="Extra"/>). The client's idempotency key lives in
/// the short-lived <see cref="VisitReceipt"/> table, not here.
/// </summary>
internal sealed class Visit : ITenantOwned, INotAudited
{
    public int Id { get; set; }
    /// <summary>Quarter hours since the Unix epoch (UTC): <c>floor(unix seconds / 900)</c>.</summary>
    public int Quarter { get; set; }
    public int StructureId { get; set; }
    public int CiteId { get; set; }
    /// <summary>The partner who answered (an interview), 0 when none. A code, not a relation: history keeps it.</summary>
    public int PartnerId { get; set; }
    /// <summary>A territory id (&gt; 0) of the Cité, or one of <see cref="Residence"/>'s codes (≤ 0).</summary>
    public int ResidenceId { get; set; }
    public Needs Needs { get; set; }
    public Services Services { get; set; }
    public VisitKind Kind { get; set; }
    public Channel Channel { get; set; }
    public PublicStatus PublicStatus { get; set; }
    public AgeBracket AgeBracket { get; set; }
    public Gender Gender { get; set; }
    /// <summary>First visit, diploma, duration, referral and entry source packed in one small integer, see <see cref="VisitExtra"/>.</summary>
    public short Extra { get; set; }

    public DateTimeOffset OccurredAt => QuarterHour.ToTime(Quarter);
    public bool? FirstVisit => VisitExtra.FirstVisit(Extra);
    public DiplomaLevel Diploma => VisitExtra.Diploma(Extra);
    public DurationBracket Duration => VisitExtra.Duration(Extra);
    public PartnerType? Referral => VisitExtra.Referral(Extra);
    public EntrySource Source => VisitExtra.Source(Extra);
}

/// <summary>
/// The time of a visit, truncated to its quarter hour (rounded down, so a visit is never stored in the
/// future) and counted in quarter hours since 1970-01-01 UTC: 4 bytes, and <c>Quarter * 900</c> is Unix time.
/// </summary>
internal static class QuarterHour
{
    public const int Seconds = 900;
    public static int Of(DateTimeOffset time) => (int)Math.Floor(time.ToUnixTimeSeconds() / (double)Seconds);
    public static DateTimeOffset ToTime(int quarter) => DateTimeOffset.FromUnixTimeSeconds((long)quarter * Seconds);
    public static DateTimeOffset Round(DateTimeOffset time) => ToTime(Of(time)).ToOffset(time.Offset);
}

/// <summary>
/// Residence of the visitor: a territory (commune, EPCI, canton, QPV) of the Cité's reference data, or an
/// area outside it. Stored in one integer: a territory id, or 0 / a negative code below.
/// </summary>
internal static class Residence
{
    public const int NotSaid = 0;
    public const int OutsideFrance = -1;
    public const int OutsideSwitzerland = -2;
    public const int Abroad = -3;

    /// <summary>API names of the codes; a territory travels as <c>territory:{id}</c>.</summary>
    public static readonly IReadOnlyDictionary<string, int> Areas = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["notSaid"] = NotSaid, ["outsideFrance"] = OutsideFrance, ["outsideSwitzerland"] = OutsideSwitzerland, ["abroad"] = Abroad,
    };

    public const string TerritoryPrefix = "territory:";

    public static string ApiName(int residenceId) =>
        residenceId > 0 ? TerritoryPrefix + residenceId : Areas.First(a => a.Value == residenceId).Key;
}

/// <summary>
/// Bit layout of <see cref="Visit.Extra"/> (a smallint, 14 bits used). In SQL, a field is
/// <c>("Extra" / divisor) % size</c> — arithmetic that SQLite, PostgreSQL and EF Core LINQ all translate.
/// <list type="table">
/// <item>bits 0-1 (÷1 %4): first visit — 0 not said, 1 yes, 2 no</item>
/// <item>bits 2-4 (÷4 %8): <see cref="DurationBracket"/></item>
/// <item>bits 5-8 (÷32 %16): referral — 0 none, else <see cref="PartnerType"/> + 1</item>
/// <item>bits 9-11 (÷512 %8): <see cref="DiplomaLevel"/></item>
/// <item>bits 12-13 (÷4096 %4): <see cref="EntrySource"/></item>
/// </list>
/// </summary>
internal static class VisitExtra
{
    public const int FirstVisitDivisor = 1, FirstVisitSize = 4;
    public const int DurationDivisor = 4, DurationSize = 8;
    public const int ReferralDivisor = 32, ReferralSize = 16;
    public const int DiplomaDivisor = 512, DiplomaSize = 8;
    public const int SourceDivisor = 4096, SourceSize = 4;

    public static short Pack(bool? firstVisit, DurationBracket duration, PartnerType? referral, DiplomaLevel diploma, EntrySource source) =>
        (short)((firstVisit is null ? 0 : firstVisit.Value ? 1 : 2) * FirstVisitDivisor
                + (int)duration * DurationDivisor
                + (referral is null ? 0 : (int)referral.Value + 1) * ReferralDivisor
                + (int)diploma * DiplomaDivisor
                + (int)source * SourceDivisor);

    private static int Field(short extra, int divisor, int size) => extra / divisor % size;

    public static bool? FirstVisit(short extra) => Field(extra, FirstVisitDivisor, FirstVisitSize) switch { 1 => true, 2 => false, _ => null };
    public static DurationBracket Duration(short extra) => (DurationBracket)Field(extra, DurationDivisor, DurationSize);
    public static PartnerType? Referral(short extra) => Field(extra, ReferralDivisor, ReferralSize) is var r and > 0 ? (PartnerType)(r - 1) : null;
    public static DiplomaLevel Diploma(short extra) => (DiplomaLevel)Field(extra, DiplomaDivisor, DiplomaSize);
    public static EntrySource Source(short extra) => (EntrySource)Field(extra, SourceDivisor, SourceSize);
}

/// <summary>
/// The idempotency key of a recorded entry: the uuid its client generated. A resent entry finds its receipt
/// and is not counted twice. Receipts are purged after <see cref="VisitReceipt.KeptFor"/>, and the API
/// refuses visits older than that window, so a resend always meets its receipt. <see cref="VisitId"/> lets
/// the reception screen undo an entry; 0 once undone (the receipt stays, so a resend stays refused).
/// </summary>
internal sealed class VisitReceipt : ITenantOwned, INotAudited
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    public Guid ClientId { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public int VisitId { get; set; }
    /// <summary>Unix time in milliseconds: compact, and ordered the same way on both databases.</summary>
    public long ReceivedAt { get; set; }
}

/// <summary>One smiley tapped at a kiosk's exit screen: anonymous, a structure and a quarter hour.</summary>
internal sealed class KioskFeedback : ITenantOwned, INotAudited
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public int Quarter { get; set; }
    public Satisfaction Satisfaction { get; set; }
}
