using Maillage.Platform.Localization;

namespace Maillage.Platform.Errors;

/// <summary>
/// A business rule refused a change. <see cref="Field"/> names the input at fault so that forms can
/// show the message beside it and the API can name it in its problem details.
/// </summary>
public sealed class RuleViolation(string field, LocalizedText message, int status = StatusCodes.Status422UnprocessableEntity)
    : Exception(message.Fr)
{
    public string Field { get; } = field;
    public LocalizedText Text { get; } = message;
    public int Status { get; } = status;
}

public sealed class NotFoundProblem(LocalizedText message) : Exception(message.Fr)
{
    public LocalizedText Text { get; } = message;
}
