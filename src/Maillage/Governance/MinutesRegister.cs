using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>An action item as entered (form or API).</summary>
public sealed record ActionInput(string? Title, int? OwnerMemberId, string? OwnerName, DateOnly? DueOn, ActionStatus Status, int? SessionId);

/// <summary>
/// Writes the minutes of a session and its action items (issue 22 item 6), with their rules checked in one place for
/// the form and the API: minutes approved at a following session are locked; an action item has an owner and a due date.
/// </summary>
public sealed class MinutesRegister(MaillageDb db, SqliteWriteGate gate, Platform.Audit.IAuditActor actor, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Task<Minutes?> MinutesAsync(int sessionId, CancellationToken ct) =>
        db.Set<Minutes>().FirstOrDefaultAsync(m => m.SessionId == sessionId, ct);

    /// <summary>The sessions of the same body held after <paramref name="session"/> and already begun: where its minutes may be approved.</summary>
    public async Task<List<Session>> LaterSessionsAsync(Session session, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var list = await db.Set<Session>().Where(s => s.BodyId == session.BodyId && s.Id != session.Id).ToListAsync(ct);
        // Compared in memory: SQLite cannot order DateTimeOffset columns.
        return [.. list.Where(s => s.StartsAt > session.StartsAt && s.StartsAt <= now).OrderBy(s => s.StartsAt)];
    }

    private static RuleViolation LockedRule(Minutes m) => new("text", new(
        $"Le compte rendu a été approuvé lors de la séance du {m.ApprovedOn:dd/MM/yyyy} : il est verrouillé et ne peut plus être modifié.",
        $"The minutes were approved at the session of {m.ApprovedOn:yyyy-MM-dd}: they are locked and can no longer be changed."), StatusCodes.Status409Conflict);

    /// <summary>Writes (or rewrites) the minutes of a session; refused once they are approved.</summary>
    public async Task<Minutes> WriteAsync(Session session, MinutesKind kind, string? text, CancellationToken ct)
    {
        var minutes = await MinutesAsync(session.Id, ct);
        if (minutes is { Locked: true }) throw LockedRule(minutes);
        var body = text?.Replace("\r\n", "\n").Trim() ?? "";
        if (body.Length == 0)
            throw new RuleViolation("text", new("Le texte du compte rendu est obligatoire.", "The minutes need a text."));
        if (body.Length > Minutes.MaxText)
            throw new RuleViolation("text", new($"Le compte rendu tient en {Minutes.MaxText} caractères.", $"The minutes fit in {Minutes.MaxText} characters."));
        if (!Enum.IsDefined(kind))
            throw new RuleViolation("kind", new("Choisissez compte rendu ou relevé de conclusions.", "Choose minutes or summary of conclusions."));
        if (minutes is null)
            db.Add(minutes = new Minutes { CiteId = session.CiteId, BodyId = session.BodyId, SessionId = session.Id, Text = body });
        (minutes.Kind, minutes.Text, minutes.WrittenBy, minutes.UpdatedAt) = (kind, body, actor.UserName, clock.GetUtcNow());
        using (await gate.TurnAsync(db, ct)) await db.SaveChangesAsync(ct);
        return minutes;
    }

    /// <summary>Records the approval of a session's minutes at a following session of the same body, already held: they are then locked.</summary>
    public async Task<Minutes> ApproveAsync(Session session, int? approvingSessionId, CancellationToken ct)
    {
        var minutes = await MinutesAsync(session.Id, ct)
            ?? throw new RuleViolation("approvedAtSessionId", new("Il n'y a pas encore de compte rendu à approuver : rédigez-le d'abord.", "There are no minutes to approve yet: write them first."), StatusCodes.Status409Conflict);
        if (minutes.Locked) throw LockedRule(minutes);
        var later = await LaterSessionsAsync(session, ct);
        var approving = later.FirstOrDefault(s => s.Id == approvingSessionId)
            ?? throw new RuleViolation("approvedAtSessionId", new(
                "Choisissez une séance suivante de la même instance, déjà tenue : c'est elle qui approuve le compte rendu.",
                "Choose a following session of the same body, already held: it is the one that approves the minutes."));
        (minutes.ApprovedAtSessionId, minutes.ApprovedOn) = (approving.Id, approving.Day);
        using (await gate.TurnAsync(db, ct)) await db.SaveChangesAsync(ct);
        return minutes;
    }

    /// <summary>The body's action items, open ones first by due date (done ones only when asked).</summary>
    public async Task<List<ActionItem>> ActionsAsync(int bodyId, bool withDone, CancellationToken ct)
    {
        var list = await db.Set<ActionItem>().Where(a => a.BodyId == bodyId && (withDone || a.Status != ActionStatus.Done)).ToListAsync(ct);
        return [.. list.OrderBy(a => a.Status == ActionStatus.Done).ThenBy(a => a.DueOn).ThenBy(a => a.Id)];
    }

    /// <summary>Adds (no id) or changes an action item of the body, all its rules checked together (nothing saved when one is broken).</summary>
    public async Task<ActionItem> SaveActionAsync(Body body, int? actionId, ActionInput input, CancellationToken ct)
    {
        ActionItem? item = null;
        if (actionId is { } id)
            item = await db.Set<ActionItem>().FirstOrDefaultAsync(a => a.Id == id && a.BodyId == body.Id, ct)
                ?? throw new NotFoundProblem(new($"Aucune action n'a le numéro {id} dans cette instance.", $"No action item has the id {id} in this body."));
        var problems = new List<RuleViolation>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) problems.Add(new("title", new("Dites ce qu'il faut faire.", "Say what is to be done.")));
        else if (title.Length > ActionItem.MaxTitle) problems.Add(new("title", new($"L'action tient en {ActionItem.MaxTitle} caractères.", $"The action item fits in {ActionItem.MaxTitle} characters.")));
        var ownerName = string.IsNullOrWhiteSpace(input.OwnerName) ? null : input.OwnerName.Trim();
        if (input.OwnerMemberId is { } owner && !body.Members.Any(m => m.Id == owner))
            problems.Add(new("ownerMemberId", new("Choisissez un membre de l'instance, ou écrivez le nom du responsable.", "Choose a member of the body, or write the owner's name.")));
        else if (input.OwnerMemberId is null && ownerName is null)
            problems.Add(new("ownerMemberId", new("Qui s'en charge ? Choisissez un membre ou écrivez un nom.", "Who is in charge? Choose a member or write a name.")));
        if (ownerName?.Length > 200) problems.Add(new("ownerName", new("Le nom du responsable tient en 200 caractères.", "The owner's name fits in 200 characters.")));
        if (input.DueOn is null) problems.Add(new("dueOn", new("L'échéance est obligatoire.", "The due date is required.")));
        else if (input.DueOn.Value.Year is < 2000 or > 2100) problems.Add(new("dueOn", new("L'échéance est entre 2000 et 2100.", "The due date lies between 2000 and 2100.")));
        if (!Enum.IsDefined(input.Status)) problems.Add(new("status", new("Choisissez où en est l'action.", "Choose where the action item stands.")));
        if (input.SessionId is { } sid && !await db.Set<Session>().AnyAsync(s => s.Id == sid && s.BodyId == body.Id, ct))
            problems.Add(new("sessionId", new("Choisissez une séance de cette instance.", "Choose a session of this body.")));
        RuleViolation.ThrowIfAny(problems);
        if (item is null) db.Add(item = new ActionItem { CiteId = body.CiteId, BodyId = body.Id, Title = title });
        (item.Title, item.OwnerMemberId, item.OwnerName, item.DueOn, item.SessionId) =
            (title, input.OwnerMemberId, input.OwnerMemberId is null ? ownerName : null, input.DueOn!.Value, input.SessionId);
        if (input.Status == ActionStatus.Done && item.Status != ActionStatus.Done) item.DoneOn = Today;
        else if (input.Status != ActionStatus.Done) item.DoneOn = null;
        item.Status = input.Status;
        using (await gate.TurnAsync(db, ct)) await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>Who is in charge: the member's name, or the name written.</summary>
    public static string Owner(ActionItem a, Body body) =>
        a.OwnerMemberId is { } m ? body.Members.FirstOrDefault(x => x.Id == m)?.DisplayName ?? "" : a.OwnerName ?? "";
}
