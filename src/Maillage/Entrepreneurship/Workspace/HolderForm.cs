using Maillage.Entrepreneurship.Holders;
using Maillage.Platform.Errors;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>A page showing the holder's fields (<c>_HolderFields.cshtml</c>): the new-holder page and the edit page.</summary>
internal interface IHolderFormPage
{
    HolderForm Input { get; }
    IReadOnlyList<(int Id, string Name)> Communes { get; }
    IReadOnlyList<(int Id, string Name)> Qpvs { get; }
}

/// <summary>
/// A holder's fields as a form posts them — identity, contact, consent, residence, publics, prescriber, project — read
/// into the <see cref="HolderInput"/> that <see cref="HolderRegister"/> checks: one set of rules for a new record and an edit.
/// </summary>
internal sealed class HolderForm
{
    public int? Programme { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool ConsentGiven { get; set; }
    public string? ConsentDate { get; set; }
    public string? ConsentTextVersion { get; set; } = ConsentText.Version;
    public List<ConsentScope> Covers { get; set; } = [ConsentScope.Coaching];
    public int? CommuneId { get; set; }
    public int? QpvId { get; set; }
    public List<Fragility> Fragility { get; set; } = [];
    public Prescriber? Prescriber { get; set; }
    public string? PrescriberDetail { get; set; }
    public string? Activity { get; set; }
    public string? Sector { get; set; }
    public string? IntendedLegalForm { get; set; }
    /// <summary>"yes", "no" or empty (not known yet).</summary>
    public string? IntendedInQpv { get; set; }

    /// <summary>What the form itself must have before the rules are asked (how the person came).</summary>
    public List<RuleViolation> Check()
    {
        var problems = new List<RuleViolation>();
        if (Prescriber is null) problems.Add(new("prescriber", new("Indiquez comment la personne est venue.", "Say how the person came.")));
        return problems;
    }

    public HolderInput ToInput(DateOnly? consentDate) => new(FirstName, LastName, Email, Phone,
        ConsentGiven, consentDate, ConsentTextVersion, Covers.Aggregate(ConsentScope.None, (a, c) => a | c),
        CommuneId, QpvId, Fragility.Aggregate(Entrepreneurship.Fragility.None, (a, f) => a | f), Prescriber ?? Entrepreneurship.Prescriber.Other, PrescriberDetail,
        Activity, Sector, IntendedLegalForm, IntendedInQpv switch { "yes" => true, "no" => false, _ => null });

    /// <summary>The form filled with the record as it is.</summary>
    public static HolderForm Of(ProjectHolder h) => new()
    {
        Programme = h.ProgrammeId, FirstName = h.FirstName, LastName = h.LastName, Email = h.Email, Phone = h.Phone,
        ConsentGiven = true, ConsentDate = WorkspaceForms.Iso(h.Consent.GivenOn), ConsentTextVersion = h.Consent.TextVersion, Covers = [.. h.Consent.Covers.Set()],
        CommuneId = h.CommuneId, QpvId = h.QpvId, Fragility = [.. h.Fragility.Set()], Prescriber = h.Prescriber, PrescriberDetail = h.PrescriberDetail,
        Activity = h.Activity, Sector = h.Sector, IntendedLegalForm = h.IntendedLegalForm, IntendedInQpv = h.IntendedInQpv switch { true => "yes", false => "no", null => null },
    };

    /// <summary>The rules' field names (the API's) and the form's.</summary>
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["consent.given"] = nameof(ConsentGiven), ["consent.date"] = nameof(ConsentDate),
        ["consent.textVersion"] = nameof(ConsentTextVersion), ["consent.covers"] = nameof(Covers),
        ["qpv"] = nameof(QpvId), ["commune"] = nameof(CommuneId),
    };

    /// <summary>Each problem beside its field of the form (prefix <c>Input.</c>).</summary>
    public static void AddErrors(ModelStateDictionary state, RuleViolation rule)
    {
        foreach (var p in rule.Problems)
            state.AddModelError($"Input.{(Fields.TryGetValue(p.Field, out var f) ? f : char.ToUpperInvariant(p.Field[0]) + p.Field[1..])}", p.Text);
    }
}
