using Maillage.Network;
using Maillage.Platform.Localization;
using Maillage.Visits.Categories;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Maillage.Visits.Reception;

/// <summary>
/// The fields of the reception, counsellor and kiosk forms. Their names and values are the API's
/// (publicStatus = "jobSeeker"), so that the offline script turns a form into an API record as it is.
/// </summary>
internal sealed class VisitForm
{
    public Guid ClientId { get; set; }
    public string? Channel { get; set; }
    public string? PublicStatus { get; set; }
    public string? AgeBracket { get; set; }
    public string? Gender { get; set; }
    public string? Residence { get; set; }
    /// <summary>"true", "false" or empty.</summary>
    public string? FirstVisit { get; set; }
    public List<string> Needs { get; set; } = [];
    public List<string> Services { get; set; } = [];
    public int? PartnerId { get; set; }
    public string? DurationBracket { get; set; }
    public string? Referral { get; set; }
    public string? DiplomaLevel { get; set; }

    public const string Prefix = "Input";

    /// <summary>The entry, or null with a message beside each unreadable field.</summary>
    public VisitEntry? ToEntry(int structureId, VisitKind kind, EntrySource source, ModelStateDictionary state, Channel defaultChannel = Categories.Channel.WalkIn)
    {
        T Required<T>(string? value, string field, LocalizedText missing) where T : struct, Enum
        {
            if (CategoryText.TryParse<T>(value, out var parsed)) return parsed;
            state.AddModelError($"{Prefix}.{field}", missing);
            return default;
        }
        T? Optional<T>(string? value, string field) where T : struct, Enum
        {
            if (string.IsNullOrEmpty(value)) return null;
            if (CategoryText.TryParse<T>(value, out var parsed)) return parsed;
            state.AddModelError($"{Prefix}.{field}", Text.T("Cette valeur n'est pas valide.", "This value is not valid."));
            return null;
        }
        var status = Required<PublicStatus>(PublicStatus, nameof(PublicStatus), new("Choisissez le public.", "Choose the public status."));
        var age = Required<AgeBracket>(AgeBracket, nameof(AgeBracket), new("Choisissez la tranche d'âge.", "Choose the age bracket."));
        var gender = string.IsNullOrEmpty(Gender) ? Categories.Gender.NotSaid : Required<Gender>(Gender, nameof(Gender), new("Choisissez le genre.", "Choose the gender."));
        var channel = Optional<Channel>(Channel, nameof(Channel)) ?? defaultChannel;
        var needs = Categories.Needs.None;
        foreach (var n in Needs) needs |= Optional<Needs>(n, nameof(Needs)) ?? Categories.Needs.None;
        var services = Categories.Services.None;
        foreach (var s in Services) services |= Optional<Services>(s, nameof(Services)) ?? Categories.Services.None;
        var duration = Optional<DurationBracket>(DurationBracket, nameof(DurationBracket));
        var referral = Optional<PartnerType>(Referral, nameof(Referral));
        var diploma = Optional<DiplomaLevel>(DiplomaLevel, nameof(DiplomaLevel));
        bool? first = FirstVisit switch { "true" => true, "false" => false, _ => null };
        if (ClientId == Guid.Empty) ClientId = Guid.NewGuid();
        if (!state.IsValid) return null;
        return new VisitEntry(ClientId, structureId, null, kind, channel, status, age, gender, needs, services, source,
            string.IsNullOrEmpty(Residence) ? null : Residence, first, PartnerId is > 0 ? PartnerId : null, duration, referral, diploma);
    }
}
