using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform.Web;

/// <summary>The design system's field, rendered on its own: the markup every form now relies on for RGAA 11.</summary>
public sealed class FieldTagHelperTests
{
    public sealed class SampleInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public bool Consent { get; set; }
    }

    public sealed class SampleForm
    {
        public SampleInput Input { get; set; } = new() { Name = "Léa" };
    }

    // The framework's own services (generator, metadata), without the application: the helper needs nothing else.
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSingleton(new System.Diagnostics.DiagnosticListener("tests")).AddSingleton<System.Diagnostics.DiagnosticSource>(p => p.GetRequiredService<System.Diagnostics.DiagnosticListener>())
        .AddLogging().AddRazorPages().Services.BuildServiceProvider();

    [Fact]
    public async Task Given_a_valid_required_field_Then_its_label_names_the_input_and_shows_the_marker()
    {
        var field = await RenderAsync("Input.Name", new() { ["label"] = "Nom", ["hint"] = "Tel qu'écrit sur vos papiers", ["maxlength"] = "200", ["required"] = null, ["autocomplete"] = "family-name" });
        var input = field.QuerySelector("input")!;
        Assert.Equal("field", field.ClassName);
        Assert.Equal("Input_Name", input.Id);
        Assert.Equal("Input.Name", input.GetAttribute("name"));
        Assert.Equal("Léa", input.GetAttribute("value"));
        Assert.Equal("text", input.GetAttribute("type"));
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("200", input.GetAttribute("maxlength"));
        Assert.Equal("family-name", input.GetAttribute("autocomplete"));
        var label = field.QuerySelector("label")!;
        Assert.Equal("Input_Name", label.GetAttribute("for"));
        Assert.Equal("Nom *", label.TextContent);
        Assert.NotNull(label.QuerySelector(".required-marker"));
        Assert.Equal("Input_Name-hint", input.GetAttribute("aria-describedby"));
        Assert.Equal("Tel qu'écrit sur vos papiers", field.QuerySelector("#Input_Name-hint")!.TextContent);
        Assert.Null(input.GetAttribute("aria-invalid"));
        Assert.Equal("", field.QuerySelector("#Input_Name-error")!.TextContent);
    }

    [Fact]
    public async Task Given_a_field_in_error_Then_the_input_is_invalid_and_described_by_its_hint_and_its_error()
    {
        var field = await RenderAsync("Input.Name", new() { ["label"] = "Nom", ["hint"] = "Aide", ["aria-describedby"] = "form-hint" }, ("Input.Name", "Indiquez votre nom."));
        var input = field.QuerySelector("input")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("form-hint Input_Name-hint Input_Name-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Indiquez votre nom.", field.QuerySelector("#Input_Name-error")!.TextContent);
        Assert.Contains("field-error", field.QuerySelector("#Input_Name-error")!.ClassList);
        Assert.Null(field.QuerySelector(".required-marker"));
    }

    [Fact]
    public async Task Given_a_check_box_Then_the_box_comes_before_its_label_and_posts_true()
    {
        var field = await RenderAsync("Input.Consent", new() { ["label"] = "J'accepte", ["type"] = "checkbox" }, ("Input.Consent", "Cochez la case."));
        Assert.Equal("field checkbox", field.ClassName);
        var children = field.Children.Select(c => c.TagName.ToLowerInvariant()).ToList();
        Assert.True(children.IndexOf("input") < children.IndexOf("label"));
        var box = field.QuerySelector("input[type=checkbox]")!;
        Assert.Equal("Input_Consent", box.Id);
        Assert.Equal("true", box.GetAttribute("value"));
        Assert.Equal("true", box.GetAttribute("aria-invalid"));
        Assert.Equal("Input_Consent-error", box.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Given_a_select_Then_its_options_are_the_content_and_a_group_is_a_fieldset_named_by_its_legend()
    {
        var select = await RenderAsync("Input.Kind", new() { ["label"] = "Type", ["type"] = "select" }, content: "<option value=\"a\">A</option>");
        Assert.Equal("Input_Kind", select.QuerySelector("select")!.Id);
        Assert.Equal("A", select.QuerySelector("select > option")!.TextContent);
        Assert.Equal("Input_Kind", select.QuerySelector("label")!.GetAttribute("for"));

        var group = await RenderAsync("Input.Kind", new() { ["label"] = "Rôles", ["type"] = "group" }, ("Input.Kind", "Choisissez un rôle."), "<div class=\"checkbox\"></div>");
        Assert.Equal("FIELDSET", group.TagName);
        Assert.Equal("Input_Kind", group.Id);
        Assert.Equal("Rôles", group.QuerySelector("legend")!.TextContent);
        Assert.Equal("Input_Kind-error", group.GetAttribute("aria-describedby"));
        Assert.Equal("Choisissez un rôle.", group.QuerySelector("#Input_Kind-error")!.TextContent);
    }

    [Fact]
    public async Task Given_a_field_without_a_model_Then_name_id_value_and_error_key_say_what_to_post()
    {
        var field = await RenderAsync(null, new() { ["label"] = "Du", ["type"] = "date", ["name"] = "from", ["id"] = "From", ["value"] = "2026-01-31", ["error-key"] = "From" }, ("From", "Date invalide."));
        var input = field.QuerySelector("input")!;
        Assert.Equal("from", input.GetAttribute("name"));
        Assert.Equal("date", input.GetAttribute("type"));
        Assert.Equal("2026-01-31", input.GetAttribute("value"));
        Assert.Equal("From-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Date invalide.", field.QuerySelector("#From-error")!.TextContent);
    }

    [Fact]
    public void Given_an_attribute_Razor_hands_over_as_HTML_Then_it_reaches_the_control_encoded_once()
    {
        Assert.Equal("a&b", FieldTagHelper.AttributeText(new Microsoft.AspNetCore.Html.HtmlString("a&amp;b")));
        Assert.Equal("a&b", FieldTagHelper.AttributeText("a&b"));
        Assert.Equal("", FieldTagHelper.AttributeText(null));
    }

    private static async Task<IElement> RenderAsync(string? expression, Dictionary<string, string?> attributes,
        (string Key, string Message)? error = null, string content = "")
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        var metadata = Services.GetRequiredService<IModelMetadataProvider>();
        var viewData = new ViewDataDictionary<SampleForm>(metadata, new ModelStateDictionary()) { Model = new SampleForm() };
        if (error is { } e) viewData.ModelState.AddModelError(e.Key, e.Message);
        var viewContext = new ViewContext(new ActionContext(http, new RouteData(), new ActionDescriptor(), viewData.ModelState), new FakeView(), viewData,
            new TempDataDictionary(http, new FakeTempData()), TextWriter.Null, new HtmlHelperOptions());
        var helper = new FieldTagHelper(Services.GetRequiredService<IHtmlGenerator>()) { ViewContext = viewContext };
        var output = new TagHelperAttributeList();
        foreach (var (name, value) in attributes)
            switch (name)
            {
                case "label": helper.Label = value!; break;
                case "hint": helper.Hint = value; break;
                case "type": helper.Type = value!; break;
                case "name": helper.Name = value; break;
                case "id": helper.Id = value; break;
                case "value": helper.Value = value; break;
                case "error-key": helper.ErrorKey = value; break;
                default: output.Add(value is null ? new TagHelperAttribute(name) : new TagHelperAttribute(name, value)); break;
            }
        if (expression is not null)
            helper.For = Services.GetRequiredService<ModelExpressionProvider>().CreateModelExpression(viewData, expression);
        var context = new TagHelperContext(new TagHelperAttributeList(), new Dictionary<object, object>(), "field");
        var tag = new TagHelperOutput("field", output, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().AppendHtml(content)));
        await helper.ProcessAsync(context, tag);
        var writer = new StringWriter();
        tag.WriteTo(writer, HtmlEncoder.Default);
        var document = await new HtmlParser().ParseDocumentAsync($"<body>{writer}</body>");
        return document.Body!.FirstElementChild!;
    }

    private sealed class FakeView : IView
    {
        public string Path => "";
        public Task RenderAsync(ViewContext context) => Task.CompletedTask;
    }

    private sealed class FakeTempData : ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => new Dictionary<string, object>();
        public void SaveTempData(HttpContext context, IDictionary<string, object> values) { }
    }
}
