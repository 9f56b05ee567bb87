using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Maillage.Platform.Web;

/// <summary>
/// One form field of the design system: <c>&lt;field asp-for="Input.Name" label="…" hint="…" required maxlength="200" /&gt;</c>
/// writes the wrapper, the label tied to the control, the hint, the control and its error, so that every form gets
/// the same accessible markup (RGAA 11.1, 11.2, 11.10): <c>label for</c>, <c>aria-describedby</c> naming the hint and
/// the error, <c>aria-invalid</c> after a failed post, <c>required</c> with a visible marker, and error ids the error
/// summary links to. Public because Razor only discovers public tag helpers. Attributes the helper does not know (maxlength, autocomplete, inputmode, class…) go to the control.
/// <para>
/// <c>type</c>: text (default), email, tel, url, password, number, date, time, datetime-local, file, textarea, select
/// (the options as content), checkbox (the box beside its label), or group — a fieldset whose legend is the label and
/// whose content holds the radio buttons or check boxes. Without <c>asp-for</c>, <c>name</c>, <c>id</c> and <c>value</c>
/// say what to post and <c>error-key</c> which model-state entry holds the error (GET filters, dynamic questions).
/// </para>
/// </summary>
[HtmlTargetElement("field")]
public sealed class FieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression? For { get; set; }
    [HtmlAttributeName("label")] public string Label { get; set; } = "";
    [HtmlAttributeName("hint")] public string? Hint { get; set; }
    [HtmlAttributeName("type")] public string Type { get; set; } = "text";
    /// <summary>Extra classes on the wrapper (the control's own classes go in <c>class</c>).</summary>
    [HtmlAttributeName("field-class")] public string? FieldClass { get; set; }
    [HtmlAttributeName("name")] public string? Name { get; set; }
    [HtmlAttributeName("id")] public string? Id { get; set; }
    [HtmlAttributeName("value")] public string? Value { get; set; }
    [HtmlAttributeName("error-key")] public string? ErrorKey { get; set; }
    /// <summary>A check box's state when the field has no <c>asp-for</c>.</summary>
    [HtmlAttributeName("checked")] public bool Checked { get; set; }
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;
    private bool Required { get; set; }
    private IHtmlContent? afterControl;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var name = For is null ? Name ?? Id ?? "" : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = Id ?? FormErrors.Id(name);
        var error = FirstError(ErrorKey ?? name);
        var hintId = Hint is null ? null : id + "-hint";
        var errorId = id + "-error";
        var kind = Type.ToLowerInvariant();

        // What the page passed to the field (maxlength, autocomplete, aria-describedby…) belongs to the control.
        var passed = output.Attributes.ToList();
        output.Attributes.Clear();
        // Left unbound so that a page writes a plain "required", as on an input; it also draws the marker.
        Required = passed.Any(a => a.Name == "required");
        var describedBy = string.Join(' ', new[] { Attribute(passed, "aria-describedby"), hintId, error is null ? null : errorId }.Where(s => !string.IsNullOrEmpty(s)));
        passed.RemoveAll(a => a.Name == "aria-describedby");

        var content = await output.GetChildContentAsync();
        output.TagMode = TagMode.StartTagAndEndTag;

        if (kind == "group")
        {
            // A group of radio buttons or check boxes is named by its legend; the id lets the summary link to it.
            output.TagName = "fieldset";
            output.Attributes.SetAttribute("id", id);
            if (describedBy.Length > 0) output.Attributes.SetAttribute("aria-describedby", describedBy);
            if (FieldClass is not null) output.Attributes.SetAttribute("class", FieldClass);
            foreach (var a in passed) output.Attributes.Add(a);
            output.Content.AppendHtml(Tag("legend", LabelContent()));
            if (Hint is not null) output.Content.AppendHtml(Tag("p", new HtmlString(Encode(Hint)), ("class", "hint"), ("id", hintId)));
            if (error is not null) output.Content.AppendHtml(Tag("p", new HtmlString(Encode(error)), ("class", "field-error"), ("id", errorId)));
            output.Content.AppendHtml(content);
            return;
        }

        output.TagName = "div";
        output.Attributes.SetAttribute("class", string.Join(' ', new[] { "field", kind == "checkbox" ? "checkbox" : null, FieldClass }.Where(s => s is not null)));

        var control = Control(kind, name, id, content);
        foreach (var a in passed.Where(a => a.ValueStyle == HtmlAttributeValueStyle.Minimized || a.Value is not null))
            if (a.Name == "class") control.AddCssClass(AttributeText(a.Value));
            else control.MergeAttribute(a.Name, a.ValueStyle == HtmlAttributeValueStyle.Minimized ? a.Name : AttributeText(a.Value), replaceExisting: true);
        if (Required) control.MergeAttribute("required", "required", replaceExisting: true);
        if (describedBy.Length > 0) control.MergeAttribute("aria-describedby", describedBy, replaceExisting: true);
        if (error is not null) control.MergeAttribute("aria-invalid", "true", replaceExisting: true);

        var label = Tag("label", LabelContent(), ("for", id));
        var hint = Hint is null ? null : Tag("span", new HtmlString(Encode(Hint)), ("class", "hint"), ("id", hintId));
        if (kind == "checkbox")
        {
            // The box first and its label beside it (site.css .field.checkbox), then the hint and the error below.
            output.Content.AppendHtml(control).AppendHtml(label);
            if (afterControl is not null) output.Content.AppendHtml(afterControl);
            if (hint is not null) output.Content.AppendHtml(hint);
        }
        else
        {
            output.Content.AppendHtml(label);
            if (hint is not null) output.Content.AppendHtml(hint);
            output.Content.AppendHtml(control);
        }
        output.Content.AppendHtml(ErrorMessage(name, errorId, error));
    }

    private TagBuilder Control(string kind, string name, string id, TagHelperContent content)
    {
        TagBuilder control;
        if (For is not null)
        {
            // The framework's generator keeps what asp-for did before: the posted value shown back, names, validation attributes.
            control = kind switch
            {
                "textarea" => generator.GenerateTextArea(ViewContext, For.ModelExplorer, For.Name, 0, 0, null),
                "select" => generator.GenerateSelect(ViewContext, For.ModelExplorer, null, For.Name, [], false, null),
                "checkbox" => CheckBox(),
                _ => generator.GenerateTextBox(ViewContext, For.ModelExplorer, For.Name, kind == "password" || kind == "file" ? null : For.Model, Format(kind), null),
            };
            if (kind is not ("textarea" or "select" or "checkbox")) control.MergeAttribute("type", kind, replaceExisting: true);
            if (kind is "password" or "file") control.Attributes.Remove("value");
            // An explicit value wins over the model's, as it did on an input with asp-for.
            if (Value is not null && kind is not ("checkbox" or "select" or "textarea")) control.MergeAttribute("value", Value, replaceExisting: true);
        }
        else
        {
            control = new TagBuilder(kind is "textarea" or "select" ? kind : "input");
            control.MergeAttribute("name", name);
            if (kind == "checkbox")
            {
                control.MergeAttribute("type", "checkbox");
                control.MergeAttribute("value", Value ?? "true");
                if (Checked) control.MergeAttribute("checked", "checked");
            }
            else if (kind == "textarea") control.InnerHtml.Append(Value ?? "");
            else if (kind != "select")
            {
                control.MergeAttribute("type", kind);
                if (Value is not null) control.MergeAttribute("value", Value);
            }
        }
        control.MergeAttribute("id", id, replaceExisting: true);
        if (kind == "select") control.InnerHtml.AppendHtml(content);
        control.TagRenderMode = kind is "textarea" or "select" ? TagRenderMode.Normal : TagRenderMode.SelfClosing;
        return control;
    }

    /// <summary>A bound check box posts "true" when ticked; the framework's hidden "false" goes at the end of the form as before.</summary>
    private TagBuilder CheckBox()
    {
        var box = generator.GenerateCheckBox(ViewContext, For!.ModelExplorer, For.Name, null, null);
        var hidden = generator.GenerateHiddenForCheckbox(ViewContext, For.ModelExplorer, For.Name);
        if (ViewContext.FormContext.CanRenderAtEndOfForm) ViewContext.FormContext.EndOfFormContent.Add(hidden);
        else afterControl = hidden;
        return box;
    }

    private static string? Format(string kind) => kind switch
    {
        "date" => "{0:yyyy-MM-dd}",
        "datetime-local" => "{0:yyyy-MM-ddTHH:mm}",
        "time" => "{0:HH:mm}",
        _ => null,
    };

    private IHtmlContent ErrorMessage(string name, string errorId, string? error)
    {
        if (For is null)
            return error is null ? HtmlString.Empty : Tag("span", new HtmlString(Encode(error)), ("class", "field-error"), ("id", errorId));
        // An empty span is kept when the field is valid, as asp-validation-for wrote it (client scripts may fill it).
        var span = generator.GenerateValidationMessage(ViewContext, For.ModelExplorer, For.Name, null, "span", new Dictionary<string, object?> { ["class"] = "field-error" });
        span.MergeAttribute("id", errorId, replaceExisting: true);
        return span;
    }

    private IHtmlContent LabelContent()
    {
        var html = new HtmlContentBuilder().Append(Label);
        // The marker is plain text inside the label, so that it is seen and read with the name ("Titre *");
        // the control's required attribute tells assistive technologies the rest.
        if (Required) html.AppendHtml("<span class=\"required-marker\"> *</span>");
        return html;
    }

    private string? FirstError(string key) =>
        ViewContext.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private static string? Attribute(List<TagHelperAttribute> attributes, string name) =>
        attributes.FirstOrDefault(a => a.Name == name) is { } a ? AttributeText(a.Value) : null;

    /// <summary>
    /// An attribute's text as the page wrote it: Razor hands literal or mixed values over as HTML (already encoded),
    /// expressions as objects; the TagBuilder encodes once more, so HTML is decoded first.
    /// </summary>
    internal static string AttributeText(object? value)
    {
        if (value is IHtmlContent html)
        {
            using var writer = new StringWriter();
            html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
            return System.Net.WebUtility.HtmlDecode(writer.ToString());
        }
        return value?.ToString() ?? "";
    }

    private static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private static TagBuilder Tag(string name, IHtmlContent content, params (string Name, string? Value)[] attributes)
    {
        var tag = new TagBuilder(name);
        foreach (var (n, v) in attributes) if (v is not null) tag.MergeAttribute(n, v);
        tag.InnerHtml.AppendHtml(content);
        return tag;
    }
}

/// <summary>
/// One radio button or check box inside a <c>&lt;field type="group"&gt;</c>:
/// <c>&lt;choice type="radio" name="Input.Scope" id="scope-all" value="All" checked="@…" label="…" /&gt;</c> writes the
/// box and its label side by side (site.css .checkbox), in a <c>div</c>, or an <c>li</c> with <c>in-list</c> inside a
/// <c>ul.checkbox-group</c>. The group's fieldset carries the name, the hint and the error for all its choices.
/// </summary>
[HtmlTargetElement("choice", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChoiceTagHelper : TagHelper
{
    [HtmlAttributeName("type")] public string Type { get; set; } = "checkbox";
    [HtmlAttributeName("name")] public string Name { get; set; } = "";
    [HtmlAttributeName("id")] public string Id { get; set; } = "";
    [HtmlAttributeName("value")] public string Value { get; set; } = "true";
    [HtmlAttributeName("checked")] public bool Checked { get; set; }
    [HtmlAttributeName("label")] public string Label { get; set; } = "";
    [HtmlAttributeName("in-list")] public bool InList { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var passed = output.Attributes.ToList();
        output.Attributes.Clear();
        output.TagName = InList ? "li" : "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "checkbox");
        var box = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        box.MergeAttribute("type", Type);
        box.MergeAttribute("id", Id);
        box.MergeAttribute("name", Name);
        box.MergeAttribute("value", Value);
        if (Checked) box.MergeAttribute("checked", "checked");
        foreach (var a in passed.Where(a => a.ValueStyle == HtmlAttributeValueStyle.Minimized || a.Value is not null))
            box.MergeAttribute(a.Name, a.ValueStyle == HtmlAttributeValueStyle.Minimized ? a.Name : FieldTagHelper.AttributeText(a.Value), replaceExisting: true);
        var label = new TagBuilder("label");
        label.MergeAttribute("for", Id);
        label.InnerHtml.Append(Label);
        output.Content.AppendHtml(box).AppendHtml(label);
    }
}
