using Maillage.Platform.Localization;

namespace Maillage.Platform.Errors;

/// <summary>
/// A business rule refused a change. <see cref="Field"/> names the input at fault so that forms can
/// show the message beside it and the API can name it in its problem details. When one input breaks
/// several rules at once, <see cref="Of"/> throws them together: the first is the exception, and
/// <see cref="Problems"/> lists every one, so that a person corrects them all in one go.
/// </summary>
public sealed class RuleViolation(string field, LocalizedText message, int status = StatusCodes.Status422UnprocessableEntity)
    : Exception(message.Fr)
{
    public string Field { get; } = field;
    public LocalizedText Text { get; } = message;
    public int Status { get; } = status;

    private IReadOnlyList<RuleViolation>? _all;

    /// <summary>Every rule the input broke, this one first (this one alone unless thrown by <see cref="Of"/>).</summary>
    public IReadOnlyList<RuleViolation> Problems => _all ?? [this];

    /// <summary>One exception carrying several broken rules (at least one).</summary>
    public static RuleViolation Of(IReadOnlyList<RuleViolation> problems)
    {
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        var first = problems[0];
        // Flattened: a problem that already carries several gives each of them.
        return new RuleViolation(first.Field, first.Text, first.Status) { _all = [.. problems.SelectMany(p => p.Problems)] };
    }

    /// <summary>Throws the rules broken, if any.</summary>
    public static void ThrowIfAny(IReadOnlyList<RuleViolation> problems)
    {
        if (problems.Count > 0) throw Of(problems);
    }
}

public sealed class NotFoundProblem(LocalizedText message) : Exception(message.Fr)
{
    public LocalizedText Text { get; } = message;
}
