using Maillage.Network;
using System.Globalization;
using System.Text;
using Maillage.Agenda.Reports;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Import;

/// <summary>One column of the import file: its French heading (the template's), the English one also accepted.</summary>
internal sealed record ImportColumn(string Key, string Heading, string EnglishHeading, bool Required, LocalizedText Meaning, string Example);

internal sealed record ImportError(int Row, string Column, string Message);

internal sealed record ImportRow(int Row, AgendaEvent? Event, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Event is not null;
}

internal sealed record ImportPreview(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> FileErrors)
{
    public IEnumerable<ImportRow> Valid => Rows.Where(r => r.IsValid);
    public IEnumerable<ImportError> Errors => FileErrors.Concat(Rows.SelectMany(r => r.Errors));
    public bool CanSave => FileErrors.Count == 0 && Rows.Any(r => r.IsValid);
}

/// <summary>
/// Reads an existing agenda from a CSV, XLSX or ODS file (through the shared spreadsheet component),
/// checks every row with the event's own rules, and lists each row's errors (row number, column,
/// message) before anything is saved. Saving writes every valid row in one transaction, or nothing.
/// </summary>
internal sealed class AgendaImporter(MaillageDb db, TimeProvider clock)
{
    public const int MaxRows = 5000;
    public const long MaxFileBytes = 2 * 1024 * 1024;
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        new("title", "titre", "title", true, new("Titre de l'action (200 caractères au plus).", "Title of the event (at most 200 characters)."), "Zoom métier : les métiers du BTP"),
        new("type", "type", "type", true, new("atelier, zoom métier, visite d'entreprise, journée d'information, forum, conférence, club, réunion de sensibilisation, parcours avenir, paroles de parents, immersion enseignants, webinaire (ou les noms de l'API : workshop, tradeZoom...).", "workshop, tradeZoom, companyVisit, informationDay, forum, conference, club, awarenessMeeting, parcoursAvenir, parentsAfterwork, teacherImmersion, webinar (or the French names)."), "zoom métier"),
        new("theme", "thème", "theme", false, new("Pour un atelier : orientation, préparation à l'emploi, formation, création d'activité, stages et alternance.", "For a workshop: orientation, jobPreparation, training, businessCreation, internshipApprenticeship."), ""),
        new("start", "début", "start", true, new("Date et heure de début, heure de Paris : 2026-12-03 14:00 ou 03/12/2026 14:00.", "Start date and time, Paris time: 2026-12-03 14:00 or 03/12/2026 14:00."), "2026-12-03 14:00"),
        new("end", "fin", "end", true, new("Date et heure de fin (ou seulement l'heure, le même jour).", "End date and time (or the time only, on the same day)."), "2026-12-03 16:30"),
        new("structure", "structure", "structure", false, new("Nom ou identifiant (slug) d'une structure du réseau de la Cité.", "Name or slug of a structure of the Cité's network."), "annemasse"),
        new("venue", "lieu", "venue", false, new("Lieu extérieur, si l'action n'a pas lieu dans une structure.", "External venue, when not held at a structure."), ""),
        new("address", "adresse", "address", false, new("Adresse du lieu extérieur.", "Address of the external venue."), ""),
        new("territory", "territoire", "territory", false, new("Commune ou intercommunalité du lieu extérieur (nom ou code INSEE / SIREN).", "Municipality or EPCI of the external venue (name or code)."), ""),
        new("online", "lien en ligne", "online link", false, new("Lien d'une action en ligne (https://...).", "Link of an online event (https://...)."), ""),
        new("capacity", "capacité", "capacity", false, new("Nombre de places ; obligatoire si les inscriptions sont ouvertes.", "Number of seats; required when registration is open."), "20"),
        new("registration", "inscription", "registration", false, new("aucune, ouverte, liste d'attente ou sur validation (none, open, waitlist, approval). Par défaut : ouverte si une capacité est donnée, aucune sinon.", "none, open, waitlist or approval. Default: open when a capacity is given, none otherwise."), "liste d'attente"),
        new("audience", "public", "audience", false, new("Publics visés, séparés par des virgules : élèves, étudiants, apprentis, demandeurs d'emploi, salariés, indépendants, seniors, parents, professionnels, enseignants, tout public.", "Publics, comma separated: pupils, students, apprentices, jobSeekers, employees, selfEmployed, seniors, parents, professionals, teachers, everyone."), "demandeurs d'emploi, étudiants"),
        new("language", "langue", "language", false, new("Code de la langue à deux lettres (fr par défaut).", "Two-letter language code (fr by default)."), "fr"),
        new("organisers", "organisateurs", "organisers", false, new("Partenaires organisateurs, séparés par des points-virgules, tels qu'enregistrés dans la Cité.", "Organising partners, separated by semicolons, as registered in the Cité."), "Mission locale du Genevois"),
        new("tags", "étiquettes", "tags", false, new("Métiers et secteurs, séparés par des virgules.", "Trades and sectors, comma separated."), "BTP, électricité"),
        new("accessibility", "accessibilité", "accessibility", false, new("Informations d'accessibilité.", "Accessibility notes."), "Salle de plain-pied"),
        new("description", "description", "description", false, new("Présentation de l'action.", "Description of the event."), ""),
        new("status", "statut", "status", false, new("publiée (par défaut) ou brouillon.", "published (default) or draft."), "publiée"),
    ];

    /// <summary>The template: headings and one example row.</summary>
    public static Sheet Template() => new("agenda", Columns.Select(c => c.Heading).ToList(), [Columns.Select(c => (object?)c.Example).ToList()]);

    public async Task<ImportPreview> PreviewAsync(Stream file, SpreadsheetFormat format, int citeId, CancellationToken ct = default)
    {
        IReadOnlyList<IReadOnlyList<string>> rows;
        try
        {
            rows = SpreadsheetFile.ReadRows(file, format);
        }
        catch (RuleViolation rule)
        {
            return new ImportPreview([], [new ImportError(0, "", rule.Text)]);
        }
        if (rows.Count == 0)
            return new ImportPreview([], [new ImportError(0, "", Text.T("Le fichier est vide.", "The file is empty."))]);
        if (rows.Count - 1 > MaxRows)
            return new ImportPreview([], [new ImportError(0, "", Text.T($"Le fichier compte plus de {MaxRows} lignes : découpez-le.", $"The file has more than {MaxRows} rows: split it."))]);

        var fileErrors = new List<ImportError>();
        var positions = new Dictionary<string, int>();
        for (var i = 0; i < rows[0].Count; i++)
        {
            var heading = Normalise(rows[0][i]);
            if (heading.Length == 0) continue;
            var column = Columns.FirstOrDefault(c => Normalise(c.Heading) == heading || Normalise(c.EnglishHeading) == heading || Normalise(c.Key) == heading);
            if (column is null)
                fileErrors.Add(new ImportError(1, rows[0][i], Text.T($"Colonne inconnue « {rows[0][i]} » : voir le modèle.", $"Unknown column \"{rows[0][i]}\": see the template.")));
            else if (!positions.TryAdd(column.Key, i))
                fileErrors.Add(new ImportError(1, rows[0][i], Text.T($"La colonne « {column.Heading} » apparaît deux fois.", $"The column \"{column.Heading}\" appears twice.")));
        }
        foreach (var missing in Columns.Where(c => c.Required && !positions.ContainsKey(c.Key)))
            fileErrors.Add(new ImportError(1, missing.Heading, Text.T($"Colonne obligatoire manquante : « {missing.Heading} ».", $"Required column missing: \"{missing.Heading}\".")));
        if (fileErrors.Count > 0) return new ImportPreview([], fileErrors);

        var lookups = await Lookups.LoadAsync(db, citeId, ct);
        var seen = new HashSet<(string, DateTimeOffset)>();
        var result = new List<ImportRow>();
        for (var r = 1; r < rows.Count; r++)
        {
            var cells = rows[r];
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            string Cell(string key) => positions.TryGetValue(key, out var i) && i < cells.Count ? cells[i].Trim() : "";
            var row = new RowReader(r + 1, Cell);
            var agendaEvent = row.Read(citeId, lookups, clock.GetUtcNow());
            if (agendaEvent is not null)
            {
                var key = (agendaEvent.Title.ToLowerInvariant(), agendaEvent.StartsAt);
                if (!seen.Add(key))
                    row.Fail("title", Text.T("Cette action apparaît deux fois dans le fichier (même titre, même début).", "This event appears twice in the file (same title and start)."));
                else if (lookups.Existing.Contains(key))
                    row.Fail("title", Text.T("Cette action est déjà dans l'agenda (même titre, même début).", "This event is already in the agenda (same title and start)."));
            }
            result.Add(new ImportRow(r + 1, row.Errors.Count == 0 ? agendaEvent : null, row.Errors));
        }
        if (result.Count == 0) fileErrors.Add(new ImportError(0, "", Text.T("Le fichier ne contient aucune action.", "The file holds no event.")));
        return new ImportPreview(result, fileErrors);
    }

    /// <summary>Saves every valid row of the preview in one transaction; returns how many events were created.</summary>
    public async Task<int> SaveAsync(ImportPreview preview, CancellationToken ct = default)
    {
        if (!preview.CanSave) return 0;
        var events = preview.Valid.Select(r => r.Event!).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Events.AddRange(events);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return events.Count;
    }

    public static string Normalise(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(ch is '’' ? '\'' : ch is '_' or '-' ? ' ' : ch);
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The Cité's structures, territories and partners by every name a file may use, and its events already there.</summary>
    private sealed class Lookups
    {
        public Dictionary<string, (int Id, string TimeZoneId)> Structures { get; } = [];
        public Dictionary<string, int> Territories { get; } = [];
        public Dictionary<string, int> Partners { get; } = [];
        public HashSet<(string, DateTimeOffset)> Existing { get; } = [];

        public static async Task<Lookups> LoadAsync(MaillageDb db, int citeId, CancellationToken ct)
        {
            var l = new Lookups();
            foreach (var s in await db.Structures.AsNoTracking().Where(s => s.CiteId == citeId).Select(s => new { s.Id, s.Name, s.Slug, s.TimeZoneId }).ToListAsync(ct))
            {
                l.Structures.TryAdd(Normalise(s.Slug), (s.Id, s.TimeZoneId));
                l.Structures.TryAdd(Normalise(s.Name), (s.Id, s.TimeZoneId));
            }
            foreach (var t in await db.Territories.AsNoTracking().Where(t => t.CiteId == citeId).Select(t => new { t.Id, t.Name, t.Code }).ToListAsync(ct))
            {
                l.Territories.TryAdd(Normalise(t.Name), t.Id);
                if (t.Code is { Length: > 0 } code) l.Territories.TryAdd(Normalise(code), t.Id);
            }
            foreach (var p in await db.Partners.AsNoTracking().Where(p => p.CiteId == citeId).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
                l.Partners.TryAdd(Normalise(p.Name), p.Id);
            foreach (var e in await db.Events.AsNoTracking().Where(e => e.CiteId == citeId && e.Status != EventStatus.Cancelled).Select(e => new { e.Title, e.StartsAt }).ToListAsync(ct))
                l.Existing.Add((e.Title.ToLowerInvariant(), e.StartsAt));
            return l;
        }
    }

    /// <summary>Turns one row into an event, collecting every error of the row rather than stopping at the first.</summary>
    private sealed class RowReader(int row, Func<string, string> cell)
    {
        public List<ImportError> Errors { get; } = [];

        public void Fail(string key, string message) =>
            Errors.Add(new ImportError(row, Columns.First(c => c.Key == key).Heading, message));

        public AgendaEvent? Read(int citeId, Lookups lookups, DateTimeOffset now)
        {
            var title = cell("title");
            var type = Choose(cell("type"), "type", TypeNames, required: true, Text.T("Type inconnu : voir la liste des types dans la documentation.", "Unknown type: see the list of types in the documentation."));
            var theme = Choose(cell("theme"), "theme", ThemeNames, required: false, Text.T("Thème inconnu.", "Unknown theme."));
            var start = When(cell("start"), "start", null);
            var end = When(cell("end"), "end", start);

            int? structureId = null;
            var timeZone = "Europe/Paris";
            if (cell("structure") is { Length: > 0 } structureName)
            {
                if (lookups.Structures.TryGetValue(Normalise(structureName), out var structure)) (structureId, timeZone) = structure;
                else Fail("structure", Text.T($"Aucune structure « {structureName} » dans cette Cité.", $"No structure \"{structureName}\" in this Cité."));
            }
            int? territoryId = null;
            if (cell("territory") is { Length: > 0 } territoryName)
            {
                if (lookups.Territories.TryGetValue(Normalise(territoryName), out var t)) territoryId = t;
                else Fail("territory", Text.T($"Aucun territoire « {territoryName} » dans cette Cité.", $"No territory \"{territoryName}\" in this Cité."));
            }
            int? capacity = null;
            if (cell("capacity") is { Length: > 0 } capacityText)
            {
                if (decimal.TryParse(capacityText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var c)
                    && c == decimal.Truncate(c) && Math.Abs(c) <= int.MaxValue)
                    capacity = (int)c;
                else Fail("capacity", Text.T("La capacité est un nombre entier de places.", "The capacity is a whole number of seats."));
            }
            var mode = Choose(cell("registration"), "registration", ModeNames, required: false, Text.T("Mode d'inscription inconnu : aucune, ouverte, liste d'attente ou sur validation.", "Unknown registration mode: none, open, waitlist or approval."))
                       ?? (capacity is null ? RegistrationMode.None : RegistrationMode.Open);
            var audience = Audience(cell("audience"));
            var organisers = new List<int>();
            foreach (var name in cell("organisers").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (lookups.Partners.TryGetValue(Normalise(name), out var p)) { if (!organisers.Contains(p)) organisers.Add(p); }
                else Fail("organisers", Text.T($"Aucun partenaire « {name} » dans cette Cité.", $"No partner \"{name}\" in this Cité."));
            }
            var status = Normalise(cell("status")) switch
            {
                "" or "publiee" or "publie" or "published" => EventStatus.Published,
                "brouillon" or "draft" => EventStatus.Draft,
                _ => (EventStatus?)null,
            };
            if (status is null) Fail("status", Text.T("Statut inconnu : publiée ou brouillon.", "Unknown status: published or draft."));
            var language = cell("language") is { Length: > 0 } lang ? lang.ToLowerInvariant() : "fr";
            Check("description", cell("description"), 8000);
            Check("accessibility", cell("accessibility"), 2000);
            Check("tags", cell("tags"), 400);
            Check("venue", cell("venue"), 400);
            Check("address", cell("address"), 400);
            Check("online", cell("online"), 400);

            if (Errors.Count > 0 || type is null || start is null || end is null) return null;
            var agendaEvent = new AgendaEvent
            {
                CiteId = citeId, Title = title, Type = type.Value, Theme = theme, Status = status!.Value,
                Description = Empty(cell("description")), StartsAt = start.Value, EndsAt = end.Value, TimeZoneId = timeZone,
                StructureId = structureId, VenueName = Empty(cell("venue")), VenueAddress = Empty(cell("address")), VenueTerritoryId = territoryId,
                OnlineUrl = Empty(cell("online")), Audience = audience, Tags = Empty(cell("tags")), Language = language,
                AccessibilityNotes = Empty(cell("accessibility")), RegistrationMode = mode, Capacity = capacity,
                CreatedAt = now, PublishedAt = status == EventStatus.Published ? now : null,
                Organisers = organisers.Select(p => new EventOrganiser { CiteId = citeId, PartnerId = p }).ToList(),
            };
            try
            {
                agendaEvent.Validate();
            }
            catch (RuleViolation rule)
            {
                foreach (var p in rule.Problems) Fail(ColumnOf(p.Field), p.Text);
                return null;
            }
            return agendaEvent;
        }

        private static string? Empty(string text) => text.Length == 0 ? null : text;

        private void Check(string key, string value, int max)
        {
            if (value.Length > max) Fail(key, Text.T($"{max} caractères au plus.", $"At most {max} characters."));
        }

        private static string ColumnOf(string field) => field switch
        {
            "title" => "title", "type" => "type", "theme" => "theme", "endsAt" => "end", "startsAt" => "start",
            "capacity" => "capacity", "structureId" => "structure", "venueTerritoryId" => "territory", "onlineUrl" => "online",
            "language" => "language", "registrationMode" => "registration",
            _ => "title",
        };

        private T? Choose<T>(string text, string key, IReadOnlyDictionary<string, T> names, bool required, string unknown) where T : struct
        {
            if (text.Length == 0)
            {
                if (required) Fail(key, Text.T("Valeur obligatoire.", "Required value."));
                return null;
            }
            if (names.TryGetValue(Normalise(text), out var value)) return value;
            Fail(key, unknown);
            return null;
        }

        private static readonly string[] DateFormats =
            ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm", "dd/MM/yyyy HH:mm:ss"];

        private DateTimeOffset? When(string text, string key, DateTimeOffset? sameDayAs)
        {
            if (text.Length == 0)
            {
                Fail(key, Text.T("Date et heure obligatoires.", "Date and time required."));
                return null;
            }
            var normalised = text.Replace('h', ':').Replace('H', ':');
            DateTime local;
            if (DateTime.TryParseExact(normalised, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var full))
                local = full;
            else if (sameDayAs is { } day && TimeOnly.TryParseExact(normalised, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(day, Zone).DateTime).ToDateTime(time);
            else
            {
                Fail(key, Text.T($"« {text} » n'est pas une date et heure lisible (2026-12-03 14:00 ou 03/12/2026 14:00).", $"\"{text}\" is not a readable date and time (2026-12-03 14:00)."));
                return null;
            }
            if (local.Year is < 2000 or > 2100)
            {
                Fail(key, Text.T("L'année doit être comprise entre 2000 et 2100.", "The year must be between 2000 and 2100."));
                return null;
            }
            if (Zone.IsInvalidTime(local))
            {
                Fail(key, Text.T("Cette heure n'existe pas ce jour-là (changement d'heure).", "This time does not exist that day (clock change)."));
                return null;
            }
            return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
        }

        private EventAudience Audience(string text)
        {
            var audience = EventAudience.None;
            foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (AudienceNames.TryGetValue(Normalise(part), out var a)) audience |= a;
                else Fail("audience", Text.T($"Public inconnu : « {part} ».", $"Unknown public: \"{part}\"."));
            }
            return audience;
        }
    }

    private static Dictionary<string, T> Names<T>(params (string Name, T Value)[] french) where T : struct, Enum
    {
        var names = new Dictionary<string, T>();
        foreach (var value in Enum.GetValues<T>())
        {
            names[Normalise(value.ToString())] = value;
            names[Normalise(value.ApiName())] = value;
        }
        foreach (var (name, value) in french) names[Normalise(name)] = value;
        return names;
    }

    private static readonly Dictionary<string, EventType> TypeNames = Names(
        ("atelier", EventType.Workshop), ("zoom métier", EventType.TradeZoom), ("zoom metier", EventType.TradeZoom),
        ("visite d'entreprise", EventType.CompanyVisit), ("com' les pros", EventType.CompanyVisit), ("journée d'information", EventType.InformationDay),
        ("forum", EventType.Forum), ("salon", EventType.Forum), ("conférence", EventType.Conference), ("colloque", EventType.Conference),
        ("club", EventType.Club), ("réunion de sensibilisation", EventType.AwarenessMeeting), ("réunion de sensibilisation citéslab", EventType.AwarenessMeeting),
        ("parcours avenir", EventType.ParcoursAvenir), ("paroles de parents", EventType.ParentsAfterwork), ("afterwork paroles de parents", EventType.ParentsAfterwork),
        ("immersion enseignants", EventType.TeacherImmersion), ("journée d'immersion enseignants", EventType.TeacherImmersion), ("webinaire", EventType.Webinar));

    private static readonly Dictionary<string, EventTheme> ThemeNames = Names(
        ("orientation", EventTheme.Orientation), ("orientation et découverte des métiers", EventTheme.Orientation),
        ("préparation à l'emploi", EventTheme.JobPreparation), ("formation", EventTheme.Training), ("formation, reconversion", EventTheme.Training),
        ("reconversion", EventTheme.Training), ("création d'activité", EventTheme.BusinessCreation), ("création d'entreprise", EventTheme.BusinessCreation),
        ("stages et alternance", EventTheme.InternshipApprenticeship), ("alternance", EventTheme.InternshipApprenticeship));

    private static readonly Dictionary<string, RegistrationMode> ModeNames = Names(
        ("aucune", RegistrationMode.None), ("sans inscription", RegistrationMode.None), ("ouverte", RegistrationMode.Open), ("ouvertes", RegistrationMode.Open),
        ("liste d'attente", RegistrationMode.Waitlist), ("avec liste d'attente", RegistrationMode.Waitlist),
        ("sur validation", RegistrationMode.Approval), ("validation", RegistrationMode.Approval));

    private static readonly Dictionary<string, EventAudience> AudienceNames = Names(
        ("élèves", EventAudience.Pupils), ("collégiens", EventAudience.Pupils), ("lycéens", EventAudience.Pupils), ("étudiants", EventAudience.Students),
        ("apprentis", EventAudience.Apprentices), ("demandeurs d'emploi", EventAudience.JobSeekers), ("salariés", EventAudience.Employees),
        ("indépendants", EventAudience.SelfEmployed), ("créateurs", EventAudience.SelfEmployed), ("seniors", EventAudience.Seniors), ("parents", EventAudience.Parents),
        ("professionnels", EventAudience.Professionals), ("enseignants", EventAudience.Teachers), ("tout public", EventAudience.Everyone), ("tous publics", EventAudience.Everyone));
}
