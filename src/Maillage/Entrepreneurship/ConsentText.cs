using Maillage.Platform.Localization;

namespace Maillage.Entrepreneurship;

/// <summary>
/// The consent text read to a person before their record is made (issue 23 item 1). Its version is recorded with the
/// consent: a new wording gets a new version, so that each record says which text the person agreed to.
/// </summary>
public static class ConsentText
{
    public const string Version = "2024-01";

    public static readonly LocalizedText Current = new(
        "Le CitésLab enregistre votre identité, vos coordonnées, votre commune et votre quartier de résidence, votre projet et les étapes de votre accompagnement, pour vous accompagner dans votre projet de création d'entreprise. Seuls les chef·fes de projet du programme les lisent ; les partenaires vers qui vous êtes orienté·e les reçoivent si vous l'acceptez. Elles sont effacées deux ans après le dernier contact. Vous pouvez en obtenir une copie ou les faire effacer à tout moment.",
        "The CitésLab records your identity, contact details, commune and neighbourhood of residence, your project and the steps of your coaching, to support your business-creation project. Only the programme's coaches read them; the partners you are referred to receive them if you agree. They are erased two years after the last contact. You may get a copy or have them erased at any time.");
}
