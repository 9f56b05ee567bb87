using System.Globalization;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Maillage.Platform.Web;

/// <summary>Helpers that keep back-office forms' error messages bilingual and next to their field.</summary>
public static class FormErrors
{
    /// <summary>
    /// Shows each rule the input broke beside the input it names ("email" → "Input.Email", "answers[3]" →
    /// "Input.Answers[3]": the key also makes the summary's link to the field's id), and those about the
    /// whole form (<paramref name="formLevel"/>) in the summary only.
    /// </summary>
    public static void AddRule(this ModelStateDictionary state, RuleViolation rule, string prefix = "Input", params string[] formLevel)
    {
        foreach (var p in rule.Problems)
            state.AddModelError(p.Field.Length == 0 || formLevel.Contains(p.Field) ? "" : prefix.Length == 0 ? p.Field : $"{prefix}.{char.ToUpperInvariant(p.Field[0])}{p.Field[1..]}", p.Text);
    }

    /// <summary>
    /// Inputs are nullable strings or values chosen from lists, so the only errors left by model binding
    /// are values a browser would not send (a crafted "abc" for a number): rewrite them in both languages.
    /// </summary>
    public static void LocalizeBindingErrors(this ModelStateDictionary state)
    {
        foreach (var entry in state.Values.Where(e => e.Errors.Count > 0).ToList())
        {
            entry.Errors.Clear();
            entry.Errors.Add(Text.T("Cette valeur n'est pas valide.", "This value is not valid."));
        }
    }

    /// <summary>Reads a decimal number written either way ("46,2" in French, "46.2" in English).</summary>
    public static bool TryParseNumber(string? text, out double value) =>
        double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Reads a time as sent by an &lt;input type="time"&gt; (or typed by hand: 9:00, 09:00, 9h00).</summary>
    public static bool TryParseTime(string? text, out TimeOnly value)
    {
        var t = text?.Trim().Replace('h', ':').Replace('H', ':') ?? "";
        if (t.EndsWith(':')) t += "00";
        return TimeOnly.TryParseExact(t, ["H:mm", "HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string Id(string name) => TagBuilder.CreateSanitizedId(name, "_");

    /// <summary>
    /// The form's errors in the order its model declares the fields (forms list their fields in that order), errors
    /// about the whole form first: the summary then reads like the form (RGAA 11.10, GOV.UK's error summary).
    /// </summary>
    public static IReadOnlyList<(string Key, string Message)> InFormOrder(ModelStateDictionary state, object? model) =>
        state.Where(e => e.Value?.Errors.Count > 0)
            .SelectMany(e => e.Value!.Errors.Select(error => (Key: e.Key, Message: error.ErrorMessage)))
            .OrderBy(e => Rank(model?.GetType(), e.Key), RankOrder.Instance)
            .ToList();

    /// <summary>The position of each segment of a key ("Input.Answers[3]": Input's, then Answers' in its type); unknown names last.</summary>
    private static int[] Rank(Type? type, string key)
    {
        if (key.Length == 0) return [-1];
        var segments = key.Split('.');
        var rank = new int[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var name = segments[i].Split('[')[0];
            var properties = type?.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                .OrderBy(p => p.DeclaringType == type ? 0 : 1).ThenBy(p => p.MetadataToken).ToList();
            var index = properties?.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) ?? -1;
            rank[i] = index < 0 ? int.MaxValue : index;
            type = index < 0 ? null : properties![index].PropertyType;
        }
        return rank;
    }

    private sealed class RankOrder : IComparer<int[]>
    {
        public static readonly RankOrder Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
                if (x[i] != y[i]) return x[i].CompareTo(y[i]);
            return x.Length.CompareTo(y.Length);
        }
    }
}

/// <summary>
/// Links a field to its error message: the message span gets an id, and the input gets
/// aria-invalid and aria-describedby pointing at it (RGAA 11.10), keeping any hint it already names.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AccessibleFieldTagHelper : TagHelper
{
    public override int Order => 100;
    [HtmlAttributeName("asp-for")] public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            var id = output.Attributes.TryGetAttribute("id", out var idAttr) ? idAttr.Value?.ToString() : FormErrors.Id(name);
            var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value?.ToString() + " " : "";
            output.Attributes.SetAttribute("aria-describedby", described + id + "-error");
            output.Attributes.SetAttribute("aria-invalid", "true");
        }
    }
}

[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class AccessibleErrorTagHelper : TagHelper
{
    public override int Order => 100;
    [HtmlAttributeName("asp-validation-for")] public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id"))
            output.Attributes.SetAttribute("id", FormErrors.Id(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)) + "-error");
    }
}
