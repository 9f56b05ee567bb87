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
/// people; the second stops the confirmation e-mails from being turned on one mailbox. Both count requests whether or
/// not the address is already registered, so the answer tells nothing about who is. Counted in memory, per instance.
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

    /// <summary>Takes one permit of each limit, or refuses with a 429 naming the one that is spent (the event's before the address's).</summary>
    public void Acquire(IPAddress? client, int eventId, string? email)
    {
        using var forEvent = _perEvent.AttemptAcquire($"{client}|{eventId}");
        if (!forEvent.IsAcquired)
            throw new RuleViolation("event", new(
                "Trop d'inscriptions à cette action depuis cette connexion en une heure. Pour inscrire un groupe, contactez l'organisateur.",
                "Too many registrations to this event from this connection within an hour. To register a group, contact the organiser."), StatusCodes.Status429TooManyRequests);
        if (string.IsNullOrWhiteSpace(email)) return;
        using var forEmail = _perEmail.AttemptAcquire(Registration.NormaliseEmail(email));
        if (!forEmail.IsAcquired)
            throw new RuleViolation("email", new(
                "Trop de demandes avec cette adresse e-mail en une heure. Réessayez plus tard.",
                "Too many requests with this e-mail address within an hour. Try again later."), StatusCodes.Status429TooManyRequests);
    }

    public void Dispose()
    {
        _perEvent.Dispose();
        _perEmail.Dispose();
    }
}
