using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Identity;

namespace Maillage.Platform.Identity;

/// <summary>A member of staff. The public never has an account.</summary>
[Data.TimesAsText]
public sealed class StaffUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>
    /// The language of what Maillage sends this person (alerts, notices): "en" for English; none for French, the
    /// default. Chosen on « Mon compte »; the pages follow the language chosen in the browser.
    /// </summary>
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The language of the messages sent to this person: "fr" or "en".</summary>
    public string MessageLanguage => Language == "en" ? "en" : "fr";
    public List<RoleAssignment> Assignments { get; set; } = [];
}

/// <summary>
/// A role granted on a scope: the whole platform, one Cité, one structure, or one partner.
/// Every scoped assignment names its Cité, so that tenancy is decided by one column.
/// </summary>
[Data.TimesAsText]
public sealed class RoleAssignment : Audit.IAuditPlaced
{
    int? Audit.IAuditPlaced.AuditCiteId => CiteId;
    public int Id { get; set; }
    public required string UserId { get; set; }
    public StaffRole Role { get; set; }
    public ScopeKind Scope { get; set; }
    public int? CiteId { get; set; }
    public int? StructureId { get; set; }
    public int? PartnerId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}

public enum StaffRole
{
    ReceptionAgent, Counsellor, EventOrganiser, Coordinator, Funder, EntrepreneurshipCoach, LabelOfficer, Administrator, PlatformOperator,
    /// <summary>The manager of an entrepreneurship programme (CitésLab): sees all its holders, where a coach sees those she follows.</summary>
    EntrepreneurshipManager,
}

public enum ScopeKind { Platform, Cite, Structure, Partner }

internal static class StaffRoleText
{
    public static LocalizedText Describe(this StaffRole role) => role switch
    {
        StaffRole.ReceptionAgent => new("Accueillant·e", "Reception agent"),
        StaffRole.Counsellor => new("Conseiller·ère", "Partner counsellor"),
        StaffRole.EventOrganiser => new("Animateur·rice", "Event organiser"),
        StaffRole.Coordinator => new("Coordinateur·rice", "Coordinator"),
        StaffRole.Funder => new("Financeur", "Funder"),
        StaffRole.EntrepreneurshipCoach => new("Chef·fe de projet CitésLab", "Entrepreneurship coach"),
        StaffRole.LabelOfficer => new("Chargé·e de label", "Label officer"),
        StaffRole.Administrator => new("Administrateur·rice", "Administrator"),
        StaffRole.EntrepreneurshipManager => new("Responsable du programme CitésLab", "Entrepreneurship programme manager"),
        _ => new("Exploitant·e de la plateforme", "Platform operator"),
    };

    public static LocalizedText Describe(this ScopeKind scope) => scope switch
    {
        ScopeKind.Platform => new("Plateforme", "Platform"),
        ScopeKind.Cite => new("Cité", "Cité"),
        ScopeKind.Structure => new("Structure", "Structure"),
        _ => new("Partenaire", "Partner"),
    };

    public static string ApiName(this StaffRole role) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(role.ToString());
    public static string ApiName(this ScopeKind scope) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(scope.ToString());
}
