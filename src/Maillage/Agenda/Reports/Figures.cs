namespace Maillage.Agenda.Reports;

/// <summary>
/// The figures of item 7 for one event or a group of events. They are computed from columns the
/// retention purge keeps (status, source, attendance, public status, walk-in counts, anonymous survey
/// answers), never from personal data, so that the purge leaves them unchanged.
/// <list type="bullet">
/// <item><b>Registrations</b>: every registration made before the event (walk-ins excluded), whatever became of it.</item>
/// <item><b>Confirmed</b>, <b>Waiting</b> (waiting list and seats on offer), <b>Cancellations</b>: registrations by their current status.</item>
/// <item><b>Attendees</b>: everyone present — registrants ticked present, named walk-ins and anonymous walk-ins.</item>
/// <item><b>WalkIns</b>: attendees who had not registered (named or counted anonymously).</item>
/// <item><b>NoShows</b>: confirmed registrants marked absent, or not ticked at all once the event is <i>held</i> (ended,
/// and its attendance taken: someone ticked present, absent or excused, or walk-ins counted); <b>Excused</b> ones
/// warned and are not no-shows. The no-show rate is the no-shows of held events over their confirmed registrants: it
/// has no value (null, "—" on the page) while no event of the group is held, since nobody could yet be absent, nor for
/// an event whose attendance nobody took, where an absence cannot be told from a forgotten check-in.</item>
/// <item><b>Publics</b>: attendees by the public status they gave (null: not given).</item>
/// </list>
/// </summary>
internal sealed class Figures
{
    public int Events { get; private set; }
    public int Registrations { get; private set; }
    public int Confirmed { get; private set; }
    public int Waiting { get; private set; }
    public int Cancellations { get; private set; }
    public int Attendees { get; private set; }
    public int Excused { get; private set; }
    public int NoShows { get; private set; }
    public int WalkIns { get; private set; }
    public int SurveyAnswers { get; private set; }
    public int ScoreTotal { get; private set; }
    public Dictionary<PublicStatus, int> Publics { get; } = [];
    public int PublicNotGiven { get; private set; }

    /// <summary>Confirmed registrants of held events: the base of the no-show rate.</summary>
    public int ConfirmedHeld { get; private set; }
    public int NoShowsHeld { get; private set; }

    public double? NoShowRate => ConfirmedHeld == 0 ? null : (double)NoShowsHeld / ConfirmedHeld;
    public double? AverageScore => SurveyAnswers == 0 ? null : (double)ScoreTotal / SurveyAnswers;
    public int PublicCount(PublicStatus status) => Publics.GetValueOrDefault(status);

    /// <summary>Counts <paramref name="count"/> registrations sharing the same status, source, attendance and public.</summary>
    public void AddRegistrations(RegistrationStatus status, RegistrationSource source, AttendanceStatus attendance, PublicStatus? publicStatus, int count, bool held)
    {
        var walkIn = source == RegistrationSource.WalkIn;
        if (!walkIn)
        {
            Registrations += count;
            switch (status)
            {
                case RegistrationStatus.Confirmed:
                    Confirmed += count;
                    if (attendance == AttendanceStatus.Excused) Excused += count;
                    var noShow = attendance == AttendanceStatus.Absent || (attendance == AttendanceStatus.Unknown && held);
                    if (noShow) NoShows += count;
                    if (held)
                    {
                        ConfirmedHeld += count;
                        if (noShow) NoShowsHeld += count;
                    }
                    break;
                case RegistrationStatus.Waitlisted or RegistrationStatus.Offered:
                    Waiting += count;
                    break;
                case RegistrationStatus.Cancelled:
                    Cancellations += count;
                    break;
            }
        }
        if (attendance == AttendanceStatus.Present)
        {
            Attendees += count;
            if (walkIn) WalkIns += count;
            AddPublic(publicStatus, count);
        }
    }

    public void AddAnonymousWalkIns(PublicStatus publicStatus, int count)
    {
        Attendees += count;
        WalkIns += count;
        AddPublic(publicStatus, count);
    }

    public void AddSurvey(int answers, int scoreTotal)
    {
        SurveyAnswers += answers;
        ScoreTotal += scoreTotal;
    }

    public void CountEvent() => Events++;

    /// <summary>Adds another group's figures to this one (totals, groups of events).</summary>
    public void Add(Figures other)
    {
        Events += other.Events;
        Registrations += other.Registrations;
        Confirmed += other.Confirmed;
        Waiting += other.Waiting;
        Cancellations += other.Cancellations;
        Attendees += other.Attendees;
        Excused += other.Excused;
        NoShows += other.NoShows;
        ConfirmedHeld += other.ConfirmedHeld;
        NoShowsHeld += other.NoShowsHeld;
        WalkIns += other.WalkIns;
        SurveyAnswers += other.SurveyAnswers;
        ScoreTotal += other.ScoreTotal;
        PublicNotGiven += other.PublicNotGiven;
        foreach (var (status, count) in other.Publics) Publics[status] = Publics.GetValueOrDefault(status) + count;
    }

    private void AddPublic(PublicStatus? status, int count)
    {
        if (status is { } s) Publics[s] = Publics.GetValueOrDefault(s) + count;
        else PublicNotGiven += count;
    }

    /// <summary>A comparable fingerprint of every figure (tests compare reports before and after retention).</summary>
    public override string ToString() =>
        $"events={Events} registrations={Registrations} confirmed={Confirmed} waiting={Waiting} cancellations={Cancellations} " +
        $"attendees={Attendees} excused={Excused} noShows={NoShows} walkIns={WalkIns} survey={SurveyAnswers}/{ScoreTotal} " +
        $"publics={string.Join(",", Publics.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))},unknown:{PublicNotGiven}";
}
