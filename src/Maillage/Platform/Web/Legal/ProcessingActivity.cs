using Maillage.Platform.Localization;

namespace Maillage.Platform.Web.Legal;

/// <summary>
/// One line of the register of processing activities (SPEC §14, GDPR art. 30) shown on the privacy page: registered by
/// the module that processes the data (<c>ModuleBuilder.Processing</c>), so that the platform names no module.
/// </summary>
public sealed record ProcessingActivity(LocalizedText Name, LocalizedText Purpose, LocalizedText LegalBasis, LocalizedText Data,
    LocalizedText Retention, LocalizedText Recipients);
