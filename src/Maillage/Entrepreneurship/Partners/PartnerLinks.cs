using System.Security.Cryptography;
using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Entrepreneurship.Partners;

/// <summary>What became of a referral to a partner that answers by link.</summary>
public enum PartnerLinkState
{
    /// <summary>The contact was e-mailed the referral and a link to answer.</summary>
    Sent,
    /// <summary>No e-mail: the person's consent does not cover sharing with partners.</summary>
    WithheldNoConsent,
}

/// <summary>
/// A referral step to a partner that answers by link (issue 23 item 4): one row per step, unique, saved with the e-mail
/// through <see cref="Outbox.SendOnceAsync"/> (or with the reason none was sent). Only the SHA-256 of the link's token is
/// kept. The partner's answer is written on the step itself; this row keeps what the partner added (whom to, a
/// comment), when it answered (the response delay), and the coach's confirmation. Erased with the step (and so the holder).
/// </summary>
public sealed class PartnerReferral : ITenantOwned, INotAudited
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int ProgrammeId { get; set; }
    public int HolderId { get; set; }
    public int StepId { get; set; }
    public PipelineStep? Step { get; set; }
    public int PartnerId { get; set; }
    public PartnerLinkState State { get; set; }
    public string? TokenHash { get; set; }
    /// <summary>When the e-mail was put in the outbox (or withheld).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The partner's first answer through the link: the response delay counts to it.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>The partner's latest answer, as written on the step (a coach's change since then closes the link).</summary>
    public ReferralAnswer? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? RedirectedTo { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
}

/// <summary>
/// Referral partners' view (issue 23 item 4): the e-mail to a partner's contact with a link to answer, the public answer,
/// the coach's confirmation, and each partner's response rate and delay.
/// </summary>
public sealed class PartnerLinks(MaillageDb db, TimeProvider clock, TenantContext tenant, IOptions<EmailOptions> email, IOptions<EntrepreneurshipOptions> options)
{
    public const string Kind = "entrepreneurship.referral";
    public const string LinkPath = "/citeslab/orientation/";
    public const int MaxContactName = 200, MaxRedirectedTo = 200, MaxComment = 1000;

    /// <summary>SHA-256 of a link's token, hex; null for anything not shaped like one (43 base64url characters).</summary>
    public static string? Hash(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))) : null;

    private static string NewToken() => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Saves a step just added to <paramref name="holder"/>. A referral (still without an answer) to a partner that answers
    /// by link is saved with its <see cref="PartnerReferral"/> row and, when the consent covers sharing with partners, the
    /// e-mail to the partner's contact — all in one SaveChanges (<see cref="Outbox.SendOnceAsync"/>): sent once, never lost.
    /// </summary>
    public async Task SaveStepAsync(ProjectHolder holder, PipelineStep step, string? coachName, CancellationToken ct = default)
    {
        var partner = step.Kind == StepKind.Referred && step.Answer is null or ReferralAnswer.Pending && step.ReferralPartnerId is { } pid
            ? await db.Set<ReferralPartner>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.AnswersByLink && p.ContactEmail != null, ct)
            : null;
        if (partner is null)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var now = clock.GetUtcNow();
        var row = new PartnerReferral
        {
            CiteId = holder.CiteId, ProgrammeId = holder.ProgrammeId, HolderId = holder.Id, Step = step, PartnerId = partner.Id, CreatedAt = now,
            State = holder.Consent.Covers.HasFlag(ConsentScope.SharingWithPartners) ? PartnerLinkState.Sent : PartnerLinkState.WithheldNoConsent,
        };
        var messages = new List<EmailMessage>();
        if (row.State == PartnerLinkState.Sent)
        {
            var token = NewToken();
            row.TokenHash = Hash(token);
            var programme = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.Id == holder.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
            var (title, body) = Message(holder, partner, programme, coachName, $"{email.Value.PublicBaseUrl.TrimEnd('/')}{LinkPath}{token}", options.Value.PartnerLinkDays);
            messages.Add(new EmailMessage(Kind, partner.ContactEmail!, partner.ContactName, title, body, CiteId: holder.CiteId, About: $"referral:{holder.Id}:{partner.Id}"));
        }
        await Outbox.SendOnceAsync(db, row, messages, now, ct);
    }

    /// <summary>The minimum the partner needs: the person's name and contact, the project's activity, the coach; and the link.</summary>
    internal static (string Title, string Body) Message(ProjectHolder h, ReferralPartner partner, string programme, string? coach, string link, int days)
    {
        var contact = string.Join(" · ", new[] { h.Email, h.Phone }.Where(c => !string.IsNullOrWhiteSpace(c)));
        var title = $"CitésLab : {h.FirstName} {h.LastName} vous est orienté·e";
        var body = $"""
            Bonjour{(partner.ContactName is { } n ? " " + n : "")},

            Le programme « {programme} » oriente vers {partner.Name} :
            {h.FirstName} {h.LastName}
            Contact : {(contact.Length > 0 ? contact : "non communiqué")}
            Projet : {h.Activity ?? "non précisé"}
            Chef·fe de projet CitésLab : {coach ?? "—"}

            Dites-nous si vous la prenez en charge, si vous ne pouvez pas, ou vers qui vous la réorientez, par ce lien (sans compte, valable {days} jours) :
            {link}

            La personne a accepté que ces informations vous soient transmises. Ce lien vous est personnel : ne le transférez pas.
            """;
        return (title, body);
    }

    /// <summary>What the answer page shows: no more than the e-mail did.</summary>
    public sealed record Opened(PartnerReferral Row, PipelineStep Step, ProjectHolder Holder, ReferralPartner Partner, string Programme, string? Coach, bool MayAnswer);

    /// <summary>The referral a link opens; null for an unknown token, an expired link, or a step that no longer exists.</summary>
    public async Task<Opened?> OpenAsync(string? token, CancellationToken ct = default)
    {
        var hash = Hash(token);
        if (hash is null) return null;
        var row = await db.Set<PartnerReferral>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.TokenHash == hash && r.State == PartnerLinkState.Sent, ct);
        if (row is null || row.CreatedAt.AddDays(options.Value.PartnerLinkDays) < clock.GetUtcNow()) return null;
        var holder = await db.Set<ProjectHolder>().IgnoreQueryFilters().Include(h => h.Steps).FirstOrDefaultAsync(h => h.Id == row.HolderId, ct);
        var step = holder?.Steps.FirstOrDefault(s => s.Id == row.StepId);
        if (holder is null || step is null) return null;
        var partner = await db.Set<ReferralPartner>().AsNoTracking().SingleAsync(p => p.Id == row.PartnerId, ct);
        var programme = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.Id == holder.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        return new(row, step, holder, partner, programme, holder.CoachName, MayAnswer(row, step));
    }

    /// <summary>
    /// Decision: the partner may answer, and answer again, while the step's answer is still pending or still the one it
    /// gave; once the coach has confirmed it or changed the step's answer, the link only shows the answer.
    /// </summary>
    public static bool MayAnswer(PartnerReferral row, PipelineStep step) =>
        row.ConfirmedAt is null && (step.Answer is null or ReferralAnswer.Pending || (step.Answer == row.Answer && step.AnsweredOn == row.AnsweredOn));

    /// <summary>
    /// The partner's answer (taken on, refused, redirected — to whom), written on the referral step as the coach's own
    /// answer fields, audited as the partner; a comment optional. Each problem names its field; nothing saved on a refusal.
    /// </summary>
    public async Task AnswerAsync(Opened opened, ReferralAnswer? answer, string? redirectedTo, string? comment, CancellationToken ct = default)
    {
        var problems = new List<RuleViolation>();
        redirectedTo = string.IsNullOrWhiteSpace(redirectedTo) ? null : redirectedTo.Trim();
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (!opened.MayAnswer)
            throw new RuleViolation("answer", new("La chargée de mission a déjà confirmé ou modifié la réponse : contactez-la pour la changer.",
                "The coach has already confirmed or changed the answer: contact them to change it."), StatusCodes.Status409Conflict);
        if (answer is not (ReferralAnswer.TakenOn or ReferralAnswer.Refused or ReferralAnswer.Redirected))
            problems.Add(new("answer", new("Choisissez une réponse : prise en charge, refus ou réorientation.", "Choose an answer: taken on, refused or redirected.")));
        if (answer == ReferralAnswer.Redirected && redirectedTo is null)
            problems.Add(new("redirectedTo", new("Indiquez vers qui vous réorientez la personne.", "Say whom you redirect the person to.")));
        if (redirectedTo?.Length > MaxRedirectedTo)
            problems.Add(new("redirectedTo", new($"Au plus {MaxRedirectedTo} caractères.", $"At most {MaxRedirectedTo} characters.")));
        if (comment?.Length > MaxComment)
            problems.Add(new("comment", new($"Le commentaire a au plus {MaxComment} caractères.", $"The comment has at most {MaxComment} characters.")));
        RuleViolation.ThrowIfAny(problems);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var on = today < opened.Step.Date ? opened.Step.Date : today;
        // The step's change is written to the audit trail in the partner's name.
        db.For(tenant, new PartnerActor($"Partenaire {opened.Partner.Name}{(opened.Partner.ContactName is { } n ? $" ({n})" : "")}"), clock);
        opened.Step.Correct(opened.Holder, s => (s.Answer, s.AnsweredOn) = (answer, on), today);
        var row = opened.Row;
        row.AnsweredAt ??= now;
        (row.Answer, row.AnsweredOn, row.RedirectedTo, row.Comment) = (answer, on, answer == ReferralAnswer.Redirected ? redirectedTo : null, comment);
        await db.SaveChangesAsync(ct);
    }

    private sealed class PartnerActor(string name) : IAuditActor
    {
        public string? UserId => null;
        public string? UserName => name;
    }

    /// <summary>The coach confirms the partner's answer: the link then only shows it.</summary>
    public async Task<bool> ConfirmAsync(ProjectHolder holder, int stepId, string? by, CancellationToken ct = default)
    {
        var row = await db.Set<PartnerReferral>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.HolderId == holder.Id && r.StepId == stepId && r.AnsweredAt != null, ct);
        if (row is null) return false;
        (row.ConfirmedAt, row.ConfirmedBy) = (clock.GetUtcNow(), by);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The links of a holder's referral steps, by step: what the timeline shows.</summary>
    public Task<Dictionary<int, PartnerReferral>> OfHolderAsync(int holderId, CancellationToken ct = default) =>
        db.Set<PartnerReferral>().IgnoreQueryFilters().AsNoTracking().Where(r => r.HolderId == holderId).ToDictionaryAsync(r => r.StepId, ct);

    /// <summary>A partner with its figures over the referrals sent by link (the records still held).</summary>
    public sealed record Figures(int ProgrammeId, ReferralPartner Partner, int SentByLink, int Answered, double? MedianDays, double? MeanDays, int NoAnswer, int NoAnswerDays);

    /// <summary>
    /// Each partner of <paramref name="programmeIds"/> with its response rate and delay: referrals sent by link, answered
    /// through it, the median and mean days from the e-mail to the first answer, and those without an answer after
    /// <paramref name="noAnswerDays"/> days (default <see cref="EntrepreneurshipOptions.PartnerNoAnswerDays"/>).
    /// </summary>
    public async Task<IReadOnlyList<Figures>> FiguresAsync(IReadOnlyCollection<int> programmeIds, int? noAnswerDays = null, CancellationToken ct = default)
    {
        var days = noAnswerDays ?? options.Value.PartnerNoAnswerDays;
        var ids = programmeIds.ToArray();
        var partners = await db.Set<ReferralPartner>().AsNoTracking().Where(p => ids.Contains(p.ProgrammeId)).OrderBy(p => p.ProgrammeId).ThenBy(p => p.Name).ToListAsync(ct);
        var rows = await db.Set<PartnerReferral>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => ids.Contains(r.ProgrammeId) && r.State == PartnerLinkState.Sent).Select(r => new { r.PartnerId, r.CreatedAt, r.AnsweredAt }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. partners.Select(p =>
        {
            var mine = rows.Where(r => r.PartnerId == p.Id).ToList();
            var delays = mine.Where(r => r.AnsweredAt != null).Select(r => (r.AnsweredAt!.Value - r.CreatedAt).TotalDays).Order().ToList();
            var noAnswer = mine.Count(r => r.AnsweredAt == null && r.CreatedAt.AddDays(days) <= now);
            return new Figures(p.ProgrammeId, p, mine.Count, delays.Count, Median(delays), delays.Count == 0 ? null : Math.Round(delays.Average(), 1), noAnswer, days);
        })];
    }

    private static double? Median(List<double> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => Math.Round(sorted[n / 2], 1),
        var n => Math.Round((sorted[n / 2 - 1] + sorted[n / 2]) / 2, 1),
    };

    /// <summary>
    /// The programme's manager sets a partner's contact and whether it answers by link (audited): a link needs the
    /// contact's name and a valid e-mail. Each problem names its field.
    /// </summary>
    public async Task UpdateContactAsync(ReferralPartner partner, string? name, string? address, bool answersByLink, CancellationToken ct = default)
    {
        var problems = new List<RuleViolation>();
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        if (name?.Length > MaxContactName) problems.Add(new("contactName", new($"Le nom a au plus {MaxContactName} caractères.", $"The name has at most {MaxContactName} characters.")));
        if (address is not null && (address.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(address, out _)))
            problems.Add(new("contactEmail", new("Cette adresse e-mail n'est pas valide.", "This e-mail address is not valid.")));
        if (answersByLink && name is null) problems.Add(new("contactName", new("Pour répondre par lien, indiquez le nom du contact.", "To answer by link, give the contact's name.")));
        if (answersByLink && address is null) problems.Add(new("contactEmail", new("Pour répondre par lien, indiquez l'e-mail du contact.", "To answer by link, give the contact's e-mail.")));
        RuleViolation.ThrowIfAny(problems);
        (partner.ContactName, partner.ContactEmail, partner.AnswersByLink) = (name, address, answersByLink);
        await db.SaveChangesAsync(ct);
    }
}
