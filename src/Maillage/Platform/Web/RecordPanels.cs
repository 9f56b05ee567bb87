using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Platform.Web;

/// <summary>
/// A record shown on one module's page, on which other modules show what they hold about it: a place's staff page
/// lists the deliberations that decide about it, a Cité's public section links to its bodies' public pages. The page's
/// module names the record (<see cref="Kind"/> and id); the modules that know about it register an
/// <see cref="IRecordPanelSource"/> (in their <c>XModule.cs</c>). Neither module depends on the other: both know only
/// the platform (decision 0013).
/// </summary>
public sealed record RecordKey(string Kind, int Id)
{
    /// <summary>A structure of the network (its staff page <c>/gestion/structures/{id}</c>).</summary>
    public const string Structure = "structure";
    /// <summary>A Cité (its section of the public home page).</summary>
    public const string Cite = "cite";
    /// <summary>A convention of the funding module (<c>/gestion/conventions/{id}</c>).</summary>
    public const string Convention = "convention";
}

/// <summary>Who reads the page: a signed-in staff member (the source checks what they may see) or anyone.</summary>
public enum PanelAudience { Staff, Public }

/// <summary>One line of a panel: a text, an optional detail after it, an optional link.</summary>
public sealed record RecordPanelLine(string Text, string? Detail = null, string? Href = null, string? LinkText = null);

/// <summary>What one module shows on another's record: a heading and its lines.</summary>
public sealed record RecordPanel(LocalizedText Title, IReadOnlyList<RecordPanelLine> Lines);

/// <summary>
/// A module's contribution to other modules' record pages. Returns null (nothing shown) when it holds nothing about the
/// record, or nothing the reader may see.
/// </summary>
public interface IRecordPanelSource
{
    Task<RecordPanel?> PanelAsync(RecordKey record, PanelAudience audience, CancellationToken ct);
}

/// <summary>
/// Renders the panels every module contributes to a record, in module order:
/// <c>@await Component.InvokeAsync("RecordPanels", new { record = new RecordKey(RecordKey.Structure, id), audience = PanelAudience.Staff, headingLevel = 2 })</c>.
/// </summary>
public sealed class RecordPanelsViewComponent(IEnumerable<IRecordPanelSource> sources) : ViewComponent
{
    public sealed record Model(IReadOnlyList<RecordPanel> Panels, RecordKey Record, int HeadingLevel);

    public async Task<IViewComponentResult> InvokeAsync(RecordKey record, PanelAudience audience, int headingLevel = 2)
    {
        var panels = new List<RecordPanel>();
        foreach (var source in sources)
            if (await source.PanelAsync(record, audience, HttpContext.RequestAborted) is { Lines.Count: > 0 } panel) panels.Add(panel);
        return View("/Platform/Web/_RecordPanels.cshtml", new Model(panels, record, Math.Clamp(headingLevel, 2, 6)));
    }
}
