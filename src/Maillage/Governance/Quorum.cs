using System.Globalization;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;

namespace Maillage.Governance;

/// <summary>One titular member's attendance as entered: what <see cref="Quorum"/> checks and counts.</summary>
public sealed record AttendanceEntry(int MemberId, AttendanceStatus Status, int? SubstituteId = null, int? ProxyHolderId = null);

/// <summary>Whether a session may deliberate: how many must be counted, how many are present and represented, and the verdict.</summary>
public sealed record QuorumResult(int Required, int Present, int Represented, bool ProxiesCount)
{
    /// <summary>Who counts toward the quorum: the members present, with the represented ones when the body's rule says so.</summary>
    public int Counted => Present + (ProxiesCount ? Represented : 0);
    /// <summary>"1 membre compté", "3 membres comptés": the count with its words agreeing, in the reader's language.</summary>
    public Platform.Localization.LocalizedText CountedMembers => Platform.Localization.Plural.Of(Counted, "{n} membre compté", "{n} membres comptés", "{n} member counted", "{n} members counted");
    public bool Reached => Counted >= Required;
    /// <summary>How many more must come for the quorum, 0 when reached.</summary>
    public int Missing => Math.Max(0, Required - Counted);
}

/// <summary>
/// The counts of a session as the register prints them. <see cref="Present"/> is the titular members present and the
/// substitutes sitting in place of a titular member; <see cref="Excused"/> lists every titular member not in the room
/// (replaced, represented or excused), as seed 002 does; <see cref="Absent"/> is the rest: members in office with no word.
/// </summary>
public sealed record AttendanceCounts(int InOffice, int TitularPresent, int Substitutes, int Represented, int Excused, int Absent, QuorumResult Quorum)
{
    public int Present => TitularPresent + Substitutes;
    /// <summary>Those whose vote is cast: members present and members represented.</summary>
    public int Voting => Present + Represented;
}

/// <summary>
/// The quorum and counts of a session, computed from its attendance rows only (never typed), and the rules an
/// attendance list must keep: a substitute sits for a titular member who is not present, a proxy goes to a member in
/// the room and no member holds more than the body allows. Pure: no database, so the rules are tested on their own.
/// </summary>
public static class Quorum
{
    public static AttendanceCounts Count(QuorumRule rule, IReadOnlyCollection<BodyMember> members, DateOnly day, IEnumerable<AttendanceEntry> entries)
    {
        var inOffice = members.Where(m => m.Role == MandateRole.Titular && m.CoversDay(day)).Select(m => m.Id).ToHashSet();
        var byMember = new Dictionary<int, AttendanceStatus>();
        foreach (var e in entries)
            if (inOffice.Contains(e.MemberId)) byMember[e.MemberId] = e.Status;
        int Of(AttendanceStatus s) => byMember.Values.Count(v => v == s);
        var titularPresent = Of(AttendanceStatus.Present);
        var substitutes = Of(AttendanceStatus.Replaced);
        var represented = Of(AttendanceStatus.Represented);
        var excused = substitutes + represented + Of(AttendanceStatus.Excused);
        var absent = inOffice.Count - titularPresent - excused;
        return new(inOffice.Count, titularPresent, substitutes, represented, excused, absent,
            new QuorumResult(rule.Required(inOffice.Count), titularPresent + substitutes, represented, rule.ProxiesCount));
    }

    /// <summary>Field name of a member's line in the attendance form and in the API's problem details.</summary>
    public static string Field(int memberId, string part) => $"attendance[{memberId}].{part}";

    /// <summary>Every rule the attendance list breaks, each naming the member's field; empty when it may be saved.</summary>
    public static IReadOnlyList<RuleViolation> Check(QuorumRule rule, IReadOnlyCollection<BodyMember> members, DateOnly day, IReadOnlyCollection<AttendanceEntry> entries)
    {
        var problems = new List<RuleViolation>();
        var byId = members.ToDictionary(m => m.Id);
        var date = day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        string Name(int id) => byId.TryGetValue(id, out var m) ? m.DisplayName : $"#{id}";

        foreach (var dup in entries.GroupBy(e => e.MemberId).Where(g => g.Count() > 1))
            problems.Add(new(Field(dup.Key, "status"), new($"{Name(dup.Key)} figure deux fois dans la liste de présence.", $"{Name(dup.Key)} appears twice in the attendance list.")));

        var sitting = entries.Where(e => e.Status == AttendanceStatus.Present).Select(e => e.MemberId).ToHashSet();
        var substitutesSitting = new Dictionary<int, int>(); // substitute → the titular member they replace
        foreach (var e in entries)
        {
            if (!byId.TryGetValue(e.MemberId, out var member) || member.Role != MandateRole.Titular)
            {
                problems.Add(new(Field(e.MemberId, "status"), new($"{Name(e.MemberId)} n'est pas délégué titulaire de cette instance.", $"{Name(e.MemberId)} is not a titular member of this body.")));
                continue;
            }
            if (!member.CoversDay(day) && e.Status != AttendanceStatus.Absent)
                problems.Add(new(Field(e.MemberId, "status"), new($"Le mandat de {member.DisplayName} ne couvre pas le {date} : il ne peut pas être compté à cette séance.", $"{member.DisplayName}'s mandate does not cover {date}: they cannot be counted at this session.")));
            if (e.Status != AttendanceStatus.Replaced && e.SubstituteId is not null)
                problems.Add(new(Field(e.MemberId, "substitute"), e.Status == AttendanceStatus.Present
                    ? new($"{member.DisplayName} est présent : un suppléant ne le remplace pas.", $"{member.DisplayName} is present: no substitute replaces them.")
                    : new($"Un suppléant ne siège que pour un membre noté « remplacé par son suppléant » ({member.DisplayName}).", $"A substitute sits only for a member marked \"replaced by a substitute\" ({member.DisplayName}).")));
            if (e.Status != AttendanceStatus.Represented && e.ProxyHolderId is not null)
                problems.Add(new(Field(e.MemberId, "proxyHolder"), new($"Un pouvoir n'est donné que par un membre noté « représenté » ({member.DisplayName}).", $"A proxy is given only by a member marked \"represented\" ({member.DisplayName}).")));
            if (e.Status == AttendanceStatus.Replaced)
            {
                if (e.SubstituteId is not { } sid)
                    problems.Add(new(Field(e.MemberId, "substitute"), new($"Nommez le suppléant qui remplace {member.DisplayName}.", $"Name the substitute who replaces {member.DisplayName}.")));
                else if (!byId.TryGetValue(sid, out var sub) || sub.Role != MandateRole.Substitute)
                    problems.Add(new(Field(e.MemberId, "substitute"), new($"{Name(sid)} n'est pas délégué suppléant de cette instance.", $"{Name(sid)} is not a substitute member of this body.")));
                else if (!sub.CoversDay(day))
                    problems.Add(new(Field(e.MemberId, "substitute"), new($"Le mandat de {sub.DisplayName} ne couvre pas le {date}.", $"{sub.DisplayName}'s mandate does not cover {date}.")));
                else if (sub.SubstituteOfId is { } of && of != member.Id)
                    problems.Add(new(Field(e.MemberId, "substitute"), new($"{sub.DisplayName} est suppléant de {Name(of)}, pas de {member.DisplayName}.", $"{sub.DisplayName} stands in for {Name(of)}, not for {member.DisplayName}.")));
                else if (!substitutesSitting.TryAdd(sid, member.Id))
                    problems.Add(new(Field(e.MemberId, "substitute"), new($"{sub.DisplayName} remplace déjà {Name(substitutesSitting[sid])} : un suppléant ne siège qu'une fois.", $"{sub.DisplayName} already replaces {Name(substitutesSitting[sid])}: a substitute sits once.")));
            }
        }

        // Proxies, in the order entered: the holder is in the room, and holds no more than the body allows.
        var held = new Dictionary<int, int>();
        foreach (var e in entries.Where(e => e.Status == AttendanceStatus.Represented))
        {
            var giver = Name(e.MemberId);
            if (e.ProxyHolderId is not { } holder)
            {
                problems.Add(new(Field(e.MemberId, "proxyHolder"), new($"Nommez le membre à qui {giver} donne pouvoir.", $"Name the member {giver} gives a proxy to.")));
                continue;
            }
            if (holder == e.MemberId)
            {
                problems.Add(new(Field(e.MemberId, "proxyHolder"), new($"{giver} ne peut pas se donner pouvoir à lui-même.", $"{giver} cannot give a proxy to themselves.")));
                continue;
            }
            if (!sitting.Contains(holder) && !substitutesSitting.ContainsKey(holder))
            {
                problems.Add(new(Field(e.MemberId, "proxyHolder"), new($"Pouvoir refusé : {Name(holder)} n'est pas présent à la séance, {giver} ne peut pas lui donner pouvoir.", $"Proxy refused: {Name(holder)} is not present at the session, so {giver} cannot give them a proxy.")));
                continue;
            }
            held[holder] = held.GetValueOrDefault(holder) + 1;
            if (held[holder] > rule.MaxProxiesPerMember)
                problems.Add(new(Field(e.MemberId, "proxyHolder"), new($"Pouvoir refusé : {Name(holder)} détient déjà {rule.MaxProxiesPerMember} pouvoir{(rule.MaxProxiesPerMember > 1 ? "s" : "")}, le maximum de l'instance.", $"Proxy refused: {Name(holder)} already holds {rule.MaxProxiesPerMember} prox{(rule.MaxProxiesPerMember == 1 ? "y" : "ies")}, the body's maximum.")));
        }
        return problems;
    }
}
