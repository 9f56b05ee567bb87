using System.Text.Json.Serialization;

namespace Maillage.Visits.Categories;

// The categories a visit record may hold (SPEC §4). Values are stored as small integers: never reorder or
// renumber a member, only append. The API spells them in camelCase (JsonStringEnumMemberName where the
// C# name cannot be the API name). Labels in both languages are in CategoryText.

internal enum VisitKind : short { Visit = 0, Interview = 1 }

internal enum Channel : short { WalkIn = 0, Phone = 1, Email = 2, Outreach = 3 }

public enum PublicStatus : short
{
    Pupil = 0, Student = 1, Apprentice = 2, JobSeeker = 3, Employee = 4, SelfEmployed = 5, Senior = 6, Parent = 7, Professional = 8, Other = 9,
}

internal enum AgeBracket : short
{
    [JsonStringEnumMemberName("under16")] Under16 = 0,
    [JsonStringEnumMemberName("16-25")] From16To25 = 1,
    [JsonStringEnumMemberName("26-44")] From26To44 = 2,
    [JsonStringEnumMemberName("45-54")] From45To54 = 3,
    [JsonStringEnumMemberName("55plus")] From55 = 4,
}

internal enum Gender : short { Female = 0, Male = 1, Other = 2, NotSaid = 3 }

/// <summary>Highest diploma (French levels of the national qualifications framework); optional.</summary>
internal enum DiplomaLevel : short
{
    NotSaid = 0, NoDiploma = 1, Cap = 2, Bac = 3, BacPlus2 = 4, BacPlus3 = 5, BacPlus5 = 6, Doctorate = 7,
}

internal enum DurationBracket : short
{
    None = 0,
    [JsonStringEnumMemberName("under15")] Under15 = 1,
    [JsonStringEnumMemberName("15-30")] From15To30 = 2,
    [JsonStringEnumMemberName("30-60")] From30To60 = 3,
    [JsonStringEnumMemberName("60plus")] Over60 = 4,
}

/// <summary>Who entered the visit: kept so that kiosk self-declarations can be told from staff entries.</summary>
internal enum EntrySource : short { Reception = 0, Counsellor = 1, Kiosk = 2, Api = 3 }

/// <summary>The needs a visitor comes with (none, one or several): the themes the counselling poles are named after. A bit mask.</summary>
[Flags]
public enum Needs : short
{
    None = 0,
    Orientation = 1,
    JobSearch = 2,
    TrainingCareerChange = 4,
    BusinessCreation = 8,
    InternshipApprenticeship = 16,
    Other = 32,
}

/// <summary>The services used during the visit (none, one or several). A bit mask.</summary>
[Flags]
internal enum Services : short
{
    None = 0,
    AdviceInterview = 1,
    Documentation = 2,
    MultimediaKiosk = 4,
    Workshop = 8,
    InformationOnly = 16,
}

/// <summary>One smiley at the kiosk's exit screen.</summary>
internal enum Satisfaction : short { Unhappy = 1, Neutral = 2, Happy = 3 }
