using Maillage.Platform.Modules;
using Microsoft.AspNetCore.Identity;

namespace Maillage.Platform.Identity;

/// <summary>The demo accounts listed in the README, one per role (Development, and the <c>seed-demo</c> command).</summary>
internal sealed class DemoUsers(UserManager<StaffUser> users, StaffDirectory directory) : IDevelopmentSeeder
{
    public const string Password = "demo-maillage-2026";

    public static readonly (string Email, string Name, StaffRole Role, string Scope)[] All =
    [
        ("exploitation@demo.maillage.test", "Exploitation de la plateforme", StaffRole.PlatformOperator, "platform"),
        ("admin.geneve@demo.maillage.test", "Administration Grand Genève", StaffRole.Administrator, "cite:grand-geneve"),
        ("coordination.annemasse@demo.maillage.test", "Coordination Annemasse", StaffRole.Coordinator, "structure:grand-geneve/annemasse"),
        ("coordination.marseille@demo.maillage.test", "Coordination Marseille", StaffRole.Coordinator, "cite:marseille-paca"),
        ("accueil.saint-julien@demo.maillage.test", "Accueil Saint-Julien", StaffRole.ReceptionAgent, "structure:grand-geneve/saint-julien-en-genevois"),
        ("conseil.annemasse@demo.maillage.test", "Conseil France Travail", StaffRole.Counsellor, "structure:grand-geneve/annemasse"),
        ("animation.geneve@demo.maillage.test", "Animation Grand Genève", StaffRole.EventOrganiser, "cite:grand-geneve"),
        // A funder's staff member: reads the conventions the CCG funds (seeds 000 and 001), their reports, the figures of their territory.
        ("financeur.ccg@demo.maillage.test", "Financeur CCG", StaffRole.Funder, "partner:grand-geneve/Communauté de Communes du Genevois"),
        ("citeslab@demo.maillage.test", "Cheffe de projet CitésLab", StaffRole.EntrepreneurshipCoach, "structure:grand-geneve/citeslab-saint-georges"),
        // The CitésLab's manager at its operating partner (issue 23): sees all the programme's holders.
        ("citeslab.responsable@demo.maillage.test", "Responsable CitésLab", StaffRole.EntrepreneurshipManager, "partner:grand-geneve/Maison de l'Economie Développement"),
        ("label@demo.maillage.test", "Chargée de label", StaffRole.LabelOfficer, "cite:grand-geneve"),
        // A partner's staff member: asks for the Marseille rooms the Académie's convention lends (seed 003).
        ("academie.marseille@demo.maillage.test", "Personnel de l'Académie", StaffRole.Counsellor, "partner:marseille-paca/Académie d'Aix-Marseille"),
    ];

    /// <summary>
    /// Second roles of some demo accounts (issue 20): the France Travail counsellor lent to Annemasse records visits there
    /// (the structure role above) and is one of France Travail's people, so the duties that name them keep to the rule
    /// "the counsellor belongs to the slot's partner".
    /// </summary>
    public static readonly (string Email, StaffRole Role, string Scope)[] MoreRoles =
    [
        ("conseil.annemasse@demo.maillage.test", StaffRole.Counsellor, "partner:grand-geneve/France Travail"),
    ];

    public Task SeedAsync(CancellationToken ct) => EnsureAsync();

    /// <summary>Creates the demo accounts that do not exist yet; returns how many.</summary>
    public async Task<int> EnsureAsync()
    {
        var created = 0;
        string? hash = null; // one hash for the one shared password, made only if a demo user is missing
        foreach (var (email, name, role, scope) in All)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            hash ??= users.PasswordHasher.HashPassword(new StaffUser(), Password);
            var user = await directory.CreateUserWithHashAsync(email, hash, name);
            await directory.GrantAsync(user, await directory.ParseAsync(role, scope));
            created++;
        }
        // Also granted to demo accounts made before these roles were added: a demo database stays consistent.
        foreach (var (email, role, scope) in MoreRoles)
        {
            if (await users.FindByEmailAsync(email) is not { } user) continue;
            var grant = await directory.ParseAsync(role, scope);
            if (!await directory.HoldsAsync(user, grant)) await directory.GrantAsync(user, grant);
        }
        return created;
    }
}
