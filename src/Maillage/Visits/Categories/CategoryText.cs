using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Maillage.Network;
using Maillage.Platform.Localization;

namespace Maillage.Visits.Categories;

/// <summary>API names (as JSON spells them) and labels in both languages of every category.</summary>
internal static class CategoryText
{
    public static string ApiName<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString()) is { } member ? ApiName(member) : JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The API names of an enumeration's members, in their order (a flags enumeration without its None).</summary>
    public static IEnumerable<string> ApiNames(Type enumType)
    {
        var flags = enumType.IsDefined(typeof(FlagsAttribute), false);
        return enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => !flags || Convert.ToInt64(f.GetValue(null)) != 0)
            .Select(ApiName);
    }

    /// <summary>A member as JSON spells it: its <see cref="JsonStringEnumMemberNameAttribute"/>, else its name in camelCase.</summary>
    private static string ApiName(FieldInfo member) =>
        member.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    public static bool TryParse<T>(string? apiName, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(ApiName(candidate), apiName, StringComparison.Ordinal)) { value = candidate; return true; }
        }
        value = default;
        return false;
    }

    /// <summary>The single flags of a bit mask, without None.</summary>
    public static IEnumerable<T> Each<T>() where T : struct, Enum => Enum.GetValues<T>().Where(v => Convert.ToInt32(v) != 0);

    public static LocalizedText Label(this Channel c) => c switch
    {
        Channel.WalkIn => new("Sur place", "Walk-in"),
        Channel.Phone => new("Téléphone", "Phone"),
        Channel.Email => new("E-mail", "Email"),
        _ => new("Hors les murs", "Outreach"),
    };

    public static LocalizedText Label(this PublicStatus s) => s switch
    {
        PublicStatus.Pupil => new("Collégien·ne, lycéen·ne", "Pupil"),
        PublicStatus.Student => new("Étudiant·e", "Student"),
        PublicStatus.Apprentice => new("Apprenti·e", "Apprentice"),
        PublicStatus.JobSeeker => new("Demandeur·se d'emploi", "Job seeker"),
        PublicStatus.Employee => new("Salarié·e", "Employee"),
        PublicStatus.SelfEmployed => new("Indépendant·e", "Self-employed"),
        PublicStatus.Senior => new("Retraité·e, senior", "Senior, retired"),
        PublicStatus.Parent => new("Parent", "Parent"),
        PublicStatus.Professional => new("Professionnel·le", "Professional"),
        _ => new("Autre", "Other"),
    };

    public static LocalizedText Label(this AgeBracket a) => a switch
    {
        AgeBracket.Under16 => new("Moins de 16 ans", "Under 16"),
        AgeBracket.From16To25 => new("16 – 25 ans", "16 – 25"),
        AgeBracket.From26To44 => new("26 – 44 ans", "26 – 44"),
        AgeBracket.From45To54 => new("45 – 54 ans", "45 – 54"),
        _ => new("55 ans et plus", "55 and over"),
    };

    public static LocalizedText Label(this Gender g) => g switch
    {
        Gender.Female => new("Femme", "Woman"),
        Gender.Male => new("Homme", "Man"),
        Gender.Other => new("Autre", "Other"),
        _ => new("Non précisé", "Not said"),
    };

    public static LocalizedText Label(this DiplomaLevel d) => d switch
    {
        DiplomaLevel.NoDiploma => new("Sans diplôme", "No diploma"),
        DiplomaLevel.Cap => new("CAP, BEP", "Vocational certificate (CAP, BEP)"),
        DiplomaLevel.Bac => new("Baccalauréat", "Baccalaureate"),
        DiplomaLevel.BacPlus2 => new("Bac + 2", "Two years of higher education"),
        DiplomaLevel.BacPlus3 => new("Bac + 3 (licence)", "Bachelor's degree"),
        DiplomaLevel.BacPlus5 => new("Bac + 5 (master)", "Master's degree"),
        DiplomaLevel.Doctorate => new("Doctorat", "Doctorate"),
        _ => new("Non précisé", "Not said"),
    };

    public static LocalizedText Label(this DurationBracket d) => d switch
    {
        DurationBracket.Under15 => new("Moins de 15 min", "Under 15 min"),
        DurationBracket.From15To30 => new("15 – 30 min", "15 – 30 min"),
        DurationBracket.From30To60 => new("30 min – 1 h", "30 min – 1 h"),
        DurationBracket.Over60 => new("Plus d'une heure", "Over an hour"),
        _ => new("Non précisée", "Not given"),
    };

    public static LocalizedText Label(this Needs n) => n switch
    {
        Needs.Orientation => new("S'orienter, choisir sa formation", "Find one's way, choose a training"),
        Needs.JobSearch => new("Trouver un emploi", "Find a job"),
        Needs.TrainingCareerChange => new("Se former, évoluer, se reconvertir", "Training and career change"),
        Needs.BusinessCreation => new("Créer son activité", "Start a business"),
        Needs.InternshipApprenticeship => new("Stage, apprentissage", "Internship, apprenticeship"),
        _ => new("Autre besoin", "Other need"),
    };

    public static LocalizedText Label(this Services s) => s switch
    {
        Services.AdviceInterview => new("Entretien-conseil", "Advice interview"),
        Services.Documentation => new("Documentation", "Documentation"),
        Services.MultimediaKiosk => new("Espace multimédia", "Multimedia kiosk"),
        Services.Workshop => new("Atelier", "Workshop"),
        _ => new("Simple information", "Information only"),
    };

    public static LocalizedText Label(this Satisfaction s) => s switch
    {
        Satisfaction.Happy => new("Satisfait·e", "Happy"),
        Satisfaction.Neutral => new("Mitigé·e", "So-so"),
        _ => new("Pas satisfait·e", "Unhappy"),
    };

    public static LocalizedText ResidenceLabel(int code) => code switch
    {
        Residence.OutsideFrance => new("Ailleurs en France", "Elsewhere in France"),
        Residence.OutsideSwitzerland => new("Ailleurs en Suisse", "Elsewhere in Switzerland"),
        Residence.Abroad => new("À l'étranger", "Abroad"),
        _ => new("Non précisé", "Not said"),
    };

    /// <summary>
    /// The theme a counselling pole stands for, read from its name (poles are named as users phrase their
    /// concern, e.g. « Créer son activité »). A pole no keyword matches counts as "other".
    /// </summary>
    public static Needs ThemeOf(Pole pole)
    {
        var name = pole.Name.ToLowerInvariant();
        if (name.Contains("stage") && name.Contains("apprentissage")) return Needs.InternshipApprenticeship;
        if (name.Contains("créer") || name.Contains("entrepren") || name.Contains("activité")) return Needs.BusinessCreation;
        if (name.Contains("orient")) return Needs.Orientation;
        if (name.Contains("évoluer") || name.Contains("reconver") || name.Contains("vie professionnelle")) return Needs.TrainingCareerChange;
        if (name.Contains("emploi")) return Needs.JobSearch;
        if (name.Contains("formation")) return Needs.TrainingCareerChange;
        return Needs.Other;
    }
}
