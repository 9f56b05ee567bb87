using Maillage.Platform.Localization;

namespace Maillage.Agenda.Reports;

/// <summary>Names the operations pages add to <see cref="AgendaText"/>: attendance states, and the camelCase names of the API and the import.</summary>
internal static class AgendaLabels
{
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
