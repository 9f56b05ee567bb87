using Maillage.Platform.Localization;

namespace Maillage.Agenda;

/// <summary>The words of the agenda, in both languages.</summary>
internal static class AgendaText
{
    public static LocalizedText Describe(this EventType type) => type switch
    {
        EventType.Workshop => new("Atelier", "Workshop"),
        EventType.TradeZoom => new("Zoom métier", "Trade zoom"),
        EventType.CompanyVisit => new("Visite d'entreprise (Com' les pros)", "Company visit"),
        EventType.InformationDay => new("Journée d'information", "Information day"),
        EventType.Forum => new("Forum, salon", "Forum, fair"),
        EventType.Conference => new("Conférence, colloque", "Conference"),
        EventType.Club => new("Club", "Club"),
        EventType.AwarenessMeeting => new("Réunion de sensibilisation CitésLab", "CitésLab awareness meeting"),
        EventType.ParcoursAvenir => new("Action Parcours Avenir", "Parcours Avenir school action"),
        EventType.ParentsAfterwork => new("Afterwork Paroles de Parents", "Parents' afterwork"),
        EventType.TeacherImmersion => new("Journée d'immersion enseignants", "Teacher immersion day"),
        _ => new("Webinaire", "Webinar"),
    };

    public static LocalizedText Describe(this EventTheme theme) => theme switch
    {
        EventTheme.Orientation => new("Orientation et découverte des métiers", "Guidance and discovering trades"),
        EventTheme.JobPreparation => new("Préparation à l'emploi", "Getting ready for a job"),
        EventTheme.Training => new("Formation, reconversion", "Training, career change"),
        EventTheme.BusinessCreation => new("Création d'activité", "Starting a business"),
        _ => new("Stage et apprentissage", "Internships and apprenticeship"),
    };

    public static LocalizedText Describe(this PublicStatus status) => status switch
    {
        PublicStatus.Pupil => new("Collégien·ne, lycéen·ne", "Pupil"),
        PublicStatus.Student => new("Étudiant·e", "Student"),
        PublicStatus.Apprentice => new("Apprenti·e", "Apprentice"),
        PublicStatus.JobSeeker => new("Demandeur·se d'emploi", "Job seeker"),
        PublicStatus.Employee => new("Salarié·e", "Employee"),
        PublicStatus.SelfEmployed => new("Indépendant·e", "Self-employed"),
        PublicStatus.Senior => new("Senior, retraité·e", "Senior, retired"),
        PublicStatus.Parent => new("Parent", "Parent"),
        PublicStatus.Professional => new("Professionnel·le", "Professional"),
        _ => new("Autre", "Other"),
    };

    public static LocalizedText Describe(this EventAudience audience) => audience switch
    {
        EventAudience.Pupils => new("Élèves", "Pupils"),
        EventAudience.Students => new("Étudiants", "Students"),
        EventAudience.Apprentices => new("Apprentis", "Apprentices"),
        EventAudience.JobSeekers => new("Demandeurs d'emploi", "Job seekers"),
        EventAudience.Employees => new("Salariés", "Employees"),
        EventAudience.SelfEmployed => new("Indépendants", "Self-employed"),
        EventAudience.Seniors => new("Seniors", "Seniors"),
        EventAudience.Parents => new("Parents", "Parents"),
        EventAudience.Professionals => new("Professionnels", "Professionals"),
        EventAudience.Teachers => new("Enseignants", "Teachers"),
        _ => new("Tout public", "Everyone"),
    };

    public static LocalizedText Describe(this RegistrationStatus status) => status switch
    {
        RegistrationStatus.Pending => new("En attente de validation", "Awaiting approval"),
        RegistrationStatus.Confirmed => new("Confirmée", "Confirmed"),
        RegistrationStatus.Waitlisted => new("En liste d'attente", "On the waiting list"),
        RegistrationStatus.Offered => new("Place proposée", "Seat offered"),
        RegistrationStatus.Cancelled => new("Annulée", "Cancelled"),
        RegistrationStatus.Declined => new("Refusée", "Declined"),
        _ => new("Proposition expirée", "Offer expired"),
    };

    public static IEnumerable<EventAudience> Each(this EventAudience audience) =>
        Enum.GetValues<EventAudience>().Where(a => a != EventAudience.None && audience.HasFlag(a));

    /// <summary>Where the event happens, in words: structure (and room), external venue, or online.</summary>
    public static string Place(AgendaEvent e)
    {
        var parts = new List<string?>();
        if (e.Structure is { } s) parts.AddRange([e.RoomName, s.Name, s.FullAddress]);
        else if (!string.IsNullOrWhiteSpace(e.VenueName)) parts.AddRange([e.RoomName, e.VenueName, e.VenueAddress]);
        if (!string.IsNullOrWhiteSpace(e.OnlineUrl)) parts.Add(Text.T("En ligne", "Online"));
        return string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>"mardi 8 décembre 2026, 14:00–16:00" in the event's time zone and the reader's language.</summary>
    public static string When(AgendaEvent e)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        var start = e.LocalStart;
        var end = e.LocalEnd;
        return start.Date == end.Date
            ? $"{HumanDates.Day(start, culture)}, {start:HH:mm}–{end:HH:mm}"
            : $"{HumanDates.DayAndTime(start, culture)} – {HumanDates.DayAndTime(end, culture)}";
    }
}
