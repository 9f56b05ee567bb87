using System.Net;
using System.Threading.RateLimiting;
using Maillage.Platform.Errors;
using Microsoft.Extensions.Options;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// Limits on public registration beyond the per-minute budget of a client address (the "registration" rate-limit
/// policy): how many people one client address may register to one event, and how many requests may name one e-mail
/// address, per hour (<c>Maillage:RateLimits:RegistrationsPerEventPerAddress</c>,
/// <c>Maillage:RateLimits:RegistrationsPerEmail</c>). The first stops one machine from filling an event with invented
/// people (taken by the page or endpoint, before anything else); the second stops the confirmation e-mails from being
/// turned on one mailbox (taken by <see cref="RegistrationDesk"/> once the request is valid and the event takes it, so
/// that junk naming someone's address — an unknown event, a missing field — cannot spend that person's budget). Both
/// count requests whether or not the address is already registered, so the answer tells nothing about who is. Counted
/// in memory, per instance.
/// </summary>
internal sealed class RegistrationLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly PartitionedRateLimiter<string> _perEvent;
    private readonly PartitionedRateLimiter<string> _perEmail;

    public RegistrationLimits(IOptions<RegistrationRateLimitOptions> options)
    {
        _perEvent = Limiter(options.Value.RegistrationsPerEventPerAddress);
        _perEmail = Limiter(options.Value.RegistrationsPerEmail);
    }

    private static PartitionedRateLimiter<string> Limiter(int perHour) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = Window, QueueLimit = 0 }));

    /// <summary>Takes one permit of the client address's budget for this event, or refuses with a 429 naming the event.</summary>
    public void AcquireForClient(IPAddress? client, int eventId)
    {
        using var forEvent = _perEvent.AttemptAcquire($"{client}|{eventId}");
        if (!forEvent.IsAcquired)
            throw new RuleViolation("event", new(
                "Trop d'inscriptions à cette action depuis cette connexion en une heure. Pour inscrire un groupe, contactez l'organisateur.",
                "Too many registrations to this event from this connection within an hour. To register a group, contact the organiser."), StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Takes one permit of the email address's budget (its normalised key), or refuses with a 429 naming the field.</summary>
    public void AcquireForEmail(string emailKey)
    {
        using var forEmail = _perEmail.AttemptAcquire(emailKey);
        if (!forEmail.IsAcquired)
            throw new RuleViolation("email", new(
                "Trop de demandes avec cette adresse e-mail en une heure. Réessayez plus tard.",
                "Too many requests with this email address within an hour. Try again later."), StatusCodes.Status429TooManyRequests);
    }

    public void Dispose()
    {
        _perEvent.Dispose();
        _perEmail.Dispose();
    }
}
