using Maillage.Agenda.Feeds;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Microsoft.Extensions.Options;

namespace Maillage.Agenda.Registrations;

/// <summary>The e-mails of the agenda, written into the outbox of the caller's unit of work.</summary>
internal sealed class AgendaMail(IOptions<EmailOptions> options)
{
    public string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');
    public string ManageUrl(Registration r) => $"{BaseUrl}/agenda/inscription/{r.ManageToken}";

    public void Confirmed(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now, bool promoted = false) =>
        Send(db, ConfirmedMessage(e, r, promoted), now);

    public void Waitlisted(MaillageDb db, AgendaEvent e, Registration r, int position, DateTimeOffset now) =>
        Send(db, WaitlistedMessage(e, r, position), now);

    public void Pending(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now) => Send(db, PendingMessage(e, r), now);

    /// <summary>The first answer to a new registration — confirmed, on the waiting list (at <paramref name="position"/>) or request received — for a caller that writes it itself.</summary>
    public EmailMessage? Acknowledgement(AgendaEvent e, Registration r, int? position) => r.Status switch
    {
        RegistrationStatus.Confirmed => ConfirmedMessage(e, r, promoted: false),
        RegistrationStatus.Waitlisted => WaitlistedMessage(e, r, position ?? throw new ArgumentNullException(nameof(position))),
        RegistrationStatus.Offered => ConfirmRequestMessage(e, r),
        _ => PendingMessage(e, r),
    };

    private EmailMessage? ConfirmedMessage(AgendaEvent e, Registration r, bool promoted) =>
        Message(e, r, promoted ? "agenda.promoted" : "agenda.confirmation",
            promoted ? $"Une place s'est libérée : vous êtes inscrit·e à « {e.Title} »" : $"Inscription confirmée : {e.Title}",
            (promoted ? "Une place s'est libérée et votre inscription est confirmée." : "Votre inscription est confirmée.")
            + "\n\nL'invitation est jointe : ouvrez-la pour l'ajouter à votre agenda.", withCalendar: true);

    private EmailMessage? WaitlistedMessage(AgendaEvent e, Registration r, int position) =>
        Message(e, r, "agenda.waitlisted", $"Liste d'attente : {e.Title}",
            $"L'action est complète : vous êtes en position {position} sur la liste d'attente. Nous vous écrirons dès qu'une place se libère.");

    /// <summary>A seat held for a registration to confirm by e-mail (<see cref="AgendaEvent.ConfirmByEmail"/>): the link confirms it.</summary>
    private EmailMessage? ConfirmRequestMessage(AgendaEvent e, Registration r)
    {
        var until = TimeZoneInfo.ConvertTime(r.OfferExpiresAt!.Value, e.TimeZone).DateTime;
        return Message(e, r, "agenda.confirm-request", $"Confirmez votre inscription : {e.Title}",
            $"Une place vous est réservée. Pour la garder, confirmez-la par le lien ci-dessous avant le {until:dd/MM/yyyy} à {until:HH:mm} ; sans confirmation, elle sera libérée pour une autre personne.");
    }

    private EmailMessage? PendingMessage(AgendaEvent e, Registration r) =>
        Message(e, r, "agenda.pending", $"Demande d'inscription reçue : {e.Title}",
            "Votre demande est bien reçue. L'organisateur la valide et vous écrit sa réponse.");

    public const string LinkKind = "agenda.link";

    public static string SubjectOf(Registration r) => $"registration:{r.Id}";

    /// <summary>
    /// To an address that registered again to the same event: its registration, unchanged, and its link. Sent to that
    /// address only, never shown to whoever submitted the form.
    /// </summary>
    public EmailMessage? Link(AgendaEvent e, Registration r, int? position)
    {
        var state = r.Status switch
        {
            RegistrationStatus.Confirmed => "Votre inscription est confirmée.",
            RegistrationStatus.Waitlisted => $"Vous êtes en position {position} sur la liste d'attente. Nous vous écrirons dès qu'une place se libère.",
            RegistrationStatus.Offered => "Une place vous attend : confirmez-la par le lien ci-dessous.",
            RegistrationStatus.Pending => "Votre demande attend la validation de l'organisateur.",
            RegistrationStatus.Declined => "L'organisateur n'a pas pu retenir votre demande pour cette action. Consultez l'agenda pour d'autres dates.",
            _ => "Voici l'état de votre inscription.",
        };
        return Message(e, r, LinkKind, $"Votre inscription : {e.Title}",
            "Une demande d'inscription à cette action vient d'être faite avec votre adresse, qui y était déjà inscrite : rien n'a changé. "
            + state + "\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre inscription reste telle quelle.",
            withLink: r.Status != RegistrationStatus.Declined);
    }

    public void Declined(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now) =>
        Send(db, e, r, now, "agenda.declined", $"Demande d'inscription non retenue : {e.Title}",
            "L'organisateur n'a pas pu retenir votre demande pour cette action. Consultez l'agenda pour d'autres dates.", withLink: false);

    public void Offered(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now)
    {
        var until = TimeZoneInfo.ConvertTime(r.OfferExpiresAt!.Value, e.TimeZone).DateTime;
        Send(db, e, r, now, "agenda.offer", $"Une place vous attend : {e.Title}",
            $"Une place s'est libérée. Elle vous est réservée jusqu'au {until:dd/MM/yyyy} à {until:HH:mm} : confirmez-la par le lien ci-dessous, sinon elle sera proposée à la personne suivante.");
    }

    public void Cancelled(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now) =>
        Send(db, e, r, now, "agenda.cancelled", $"Inscription annulée : {e.Title}",
            "Votre inscription est annulée. Merci de nous avoir prévenus : la place est proposée à une autre personne."
            + CancellationNote, withLink: false, cancelsCalendar: true);

    public void Removed(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now) =>
        Send(db, e, r, now, "agenda.removed", $"Inscription annulée par l'organisateur : {e.Title}",
            "L'organisateur a annulé votre inscription à cette action. Pour toute question, répondez à ce message ou contactez la structure. Consultez l'agenda pour d'autres dates."
            + CancellationNote, withLink: false, cancelsCalendar: true);

    /// <summary>The organiser moved the person from <paramref name="from"/> to <paramref name="to"/>: a seat or a waiting place there.</summary>
    public void Moved(MaillageDb db, AgendaEvent from, AgendaEvent to, Registration r, int? position, DateTimeOffset now)
    {
        var was = $"Votre inscription à « {from.Title} » ({AgendaText.When(from)}) est déplacée vers l'action ci-dessous.";
        if (r.Status == RegistrationStatus.Confirmed)
            Send(db, to, r, now, "agenda.moved", $"Inscription déplacée : {to.Title}",
                was + " Votre place y est confirmée.\n\nL'invitation est jointe : ouvrez-la pour l'ajouter à votre agenda.", withCalendar: true);
        else
            Send(db, to, r, now, "agenda.moved", $"Inscription déplacée : {to.Title}",
                was + $" Elle est complète : vous êtes en position {position} sur la liste d'attente. Nous vous écrirons dès qu'une place se libère.");
    }

    public void EventCancelled(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now) =>
        Send(db, e, r, now, "agenda.event-cancelled", $"Action annulée : {e.Title}",
            "Nous sommes désolés : cette action est annulée." + (string.IsNullOrWhiteSpace(e.CancellationReason) ? "" : $"\n\nMotif : {e.CancellationReason}")
            + CancellationNote, withLink: false, cancelsCalendar: true);

    public void Reminder(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now) =>
        Send(db, e, r, now, "agenda.reminder", $"Rappel : {e.Title}",
            "Nous vous attendons bientôt. Si vous ne pouvez pas venir, annulez par le lien ci-dessous : la place ira à une autre personne.", withCalendar: true);

    /// <summary>The organiser moved the event (date, time or place): the registration stands, the new details follow.</summary>
    public void Changed(MaillageDb db, AgendaEvent e, Registration r, string before, DateTimeOffset now) =>
        Send(db, e, r, now, "agenda.changed", $"Changement : {e.Title}",
            $"L'organisateur a modifié cette action ; votre inscription est conservée.\n\nAvant : {before}\nDésormais : ci-dessous. L'invitation jointe remplace la précédente.",
            withCalendar: r.Status == RegistrationStatus.Confirmed);

    /// <summary>The attachment of the messages that end a registration: opening it removes the invitation from the calendar.</summary>
    private const string CancellationNote = "\n\nL'annulation est jointe : ouvrez-la pour retirer l'action de votre agenda.";

    private void Send(MaillageDb db, AgendaEvent e, Registration r, DateTimeOffset now, string kind, string title, string message, bool withCalendar = false, bool withLink = true, bool cancelsCalendar = false) =>
        Send(db, Message(e, r, kind, title, message, withCalendar, withLink, cancelsCalendar), now);

    private static void Send(MaillageDb db, EmailMessage? message, DateTimeOffset now)
    {
        if (message is not null) Outbox.Enqueue(db, message, now);
    }

    /// <summary>The message to the registrant; none when the registration has no address (anonymised or added without one).</summary>
    private EmailMessage? Message(AgendaEvent e, Registration r, string kind, string title, string message, bool withCalendar = false, bool withLink = true, bool cancelsCalendar = false)
    {
        if (string.IsNullOrWhiteSpace(r.Person.Email)) return null;
        var body = $"Bonjour {r.Person.FirstName},\n\n{message}\n\n{e.Title}\n{AgendaText.When(e)}\n{AgendaText.Place(e)}\n"
                   + (string.IsNullOrWhiteSpace(e.OnlineUrl) ? "" : $"{e.OnlineUrl}\n")
                   + (withLink ? $"\nVoir ou annuler votre inscription : {ManageUrl(r)}\n" : "")
                   + $"\nPage de l'action : {BaseUrl}/agenda/{e.Id}\n\n-- \nAgenda des actions collectives · Cités des métiers";
        var attachment = withCalendar
            ? new EmailAttachment("invitation.ics", "text/calendar; method=PUBLISH; charset=utf-8", EventCalendar.Serialize([e], BaseUrl, e.Title, "PUBLISH"))
            : cancelsCalendar
                ? new EmailAttachment("annulation.ics", "text/calendar; method=CANCEL; charset=utf-8", EventCalendar.Cancellation(e, BaseUrl, options.Value.From, r.Person.Email, r.Person.FullName))
                : null;
        return new EmailMessage(kind, r.Person.Email, r.Person.FullName, title, body, Attachment: attachment, CiteId: e.CiteId, About: SubjectOf(r));
    }
}
