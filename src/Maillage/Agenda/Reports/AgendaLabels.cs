using Maillage.Platform.Localization;

namespace Maillage.Agenda.Reports;

/// <summary>The names of the agenda's lists as the operations pages, exports and import show and read them.</summary>
public static class AgendaLabels
{
    public static LocalizedText Label(this EventType type) => type switch
    {
        EventType.Workshop => new("Atelier", "Workshop"),
        EventType.TradeZoom => new("Zoom métier", "Trade zoom"),
        EventType.CompanyVisit => new("Visite d'entreprise", "Company visit"),
        EventType.InformationDay => new("Journée d'information", "Information day"),
        EventType.Forum => new("Forum, salon", "Forum, fair"),
        EventType.Conference => new("Conférence, colloque", "Conference"),
        EventType.Club => new("Club", "Club"),
        EventType.AwarenessMeeting => new("Réunion de sensibilisation CitésLab", "CitésLab awareness meeting"),
        EventType.ParcoursAvenir => new("Action Parcours Avenir", "Parcours Avenir action"),
        EventType.ParentsAfterwork => new("Afterwork Paroles de Parents", "Parents' afterwork"),
        EventType.TeacherImmersion => new("Journée d'immersion enseignants", "Teacher immersion day"),
        _ => new("Webinaire", "Webinar"),
    };

    public static LocalizedText Label(this EventTheme theme) => theme switch
    {
        EventTheme.Orientation => new("Orientation et découverte des métiers", "Orientation and discovery of trades"),
        EventTheme.JobPreparation => new("Préparation à l'emploi", "Job preparation"),
        EventTheme.Training => new("Formation, reconversion", "Training, career change"),
        EventTheme.BusinessCreation => new("Création d'activité", "Business creation"),
        _ => new("Stages et alternance", "Internships and apprenticeship"),
    };

    public static LocalizedText Label(this PublicStatus status) => status switch
    {
        PublicStatus.Pupil => new("Collégien·ne, lycéen·ne", "Pupil"),
        PublicStatus.Student => new("Étudiant·e", "Student"),
        PublicStatus.Apprentice => new("Apprenti·e", "Apprentice"),
        PublicStatus.JobSeeker => new("Demandeur·se d'emploi", "Job seeker"),
        PublicStatus.Employee => new("Salarié·e", "Employee"),
        PublicStatus.SelfEmployed => new("Indépendant·e, créateur·rice", "Self-employed"),
        PublicStatus.Senior => new("Senior", "Senior"),
        PublicStatus.Parent => new("Parent", "Parent"),
        PublicStatus.Professional => new("Professionnel·le", "Professional"),
        _ => new("Autre", "Other"),
    };

    public static LocalizedText Label(this RegistrationStatus status) => status switch
    {
        RegistrationStatus.Pending => new("En attente de validation", "Awaiting approval"),
        RegistrationStatus.Confirmed => new("Confirmé·e", "Confirmed"),
        RegistrationStatus.Waitlisted => new("Liste d'attente", "Waiting list"),
        RegistrationStatus.Offered => new("Place proposée", "Seat offered"),
        RegistrationStatus.Cancelled => new("Annulé·e", "Cancelled"),
        RegistrationStatus.Declined => new("Refusé·e", "Declined"),
        _ => new("Offre expirée", "Offer expired"),
    };

    public static LocalizedText Label(this AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => new("Présent·e", "Present"),
        AttendanceStatus.Absent => new("Absent·e", "Absent"),
        AttendanceStatus.Excused => new("Excusé·e", "Excused"),
        _ => new("Non pointé·e", "Not ticked"),
    };

    /// <summary>The camelCase name the API and the import use (e.g. "tradeZoom").</summary>
    public static string ApiName<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
