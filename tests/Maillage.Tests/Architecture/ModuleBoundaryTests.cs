using Mono.Cecil;

namespace Maillage.Tests.Architecture;

/// <summary>
/// The boundaries of decision 0013, checked over the compiled application: the platform knows no module but the shared
/// kernel; a module reaches another only through what that module made public; nothing process-wide is written.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly AssemblyReferences App = AssemblyReferences.Application;

    /// <summary>The shared kernel (decision 0013): the network's Cité, Structure, Territory, Partner and Pole, and the tables that hold them.</summary>
    private static readonly string[] Kernel =
    [
        "Maillage.Network.Cite", "Maillage.Network.Structure", "Maillage.Network.Territory", "Maillage.Network.Partner",
        "Maillage.Network.Pole", "Maillage.Network.NetworkData",
    ];

    [Fact]
    public void Given_the_platform_Then_it_uses_no_module_but_the_shared_kernel()
    {
        var uses = App.Types.Where(t => AssemblyReferences.ModuleOf(t) == "Platform")
            .SelectMany(t => App.Uses(t).Select(used => (From: t, Used: used))).ToList();
        // The reader sees into method bodies: the platform's scopes do use the kernel's structures.
        Assert.Contains(uses, x => x.From.FullName == "Maillage.Platform.Identity.StaffAccess" && x.Used.FullName == "Maillage.Network.Structure");
        var offences = uses
            .Where(x => AssemblyReferences.ModuleOf(x.Used) is { } m && m != "Platform" && !Kernel.Contains(AssemblyReferences.Outermost(x.Used).FullName))
            .Select(x => $"{AssemblyReferences.Outermost(x.From).FullName} uses {x.Used.FullName}")
            .Distinct().Order().ToList();
        Assert.True(offences.Count == 0, "The platform must not know modules (decision 0013):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Given_a_module_Then_it_reaches_another_module_only_through_its_public_types()
    {
        var offences = App.Types.Where(t => AssemblyReferences.ModuleOf(t) is not null)
            .SelectMany(t => App.Uses(t).Select(used => (From: t, Used: used)))
            .Where(x => AssemblyReferences.ModuleOf(x.Used) is { } used && used != AssemblyReferences.ModuleOf(x.From)
                        && !AssemblyReferences.IsVisibleOutside(x.Used) && !IsCompilerGenerated(x.Used))
            .Select(x => $"{AssemblyReferences.Outermost(x.From).FullName} uses {x.Used.FullName}, internal to {AssemblyReferences.ModuleOf(x.Used)}")
            .Distinct().Order().ToList();
        Assert.True(offences.Count == 0, "A module reads another only through its public surface (decision 0013):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Given_the_modules_Then_each_lives_in_its_folder_with_its_module_file()
    {
        var modules = App.Types.Select(AssemblyReferences.ModuleOf).OfType<string>().Distinct().ToList();
        Assert.Contains("Platform", modules);
        foreach (var module in modules)
            Assert.Contains(App.Types, t => t.FullName == $"Maillage.{module}.{module}Module");
    }

    /// <summary>
    /// Caches of the process as a whole, each keyed so that two hosts never share what they hold: pure results of their
    /// inputs (a statement per EF model, a calendar text per event's fields) or the native SQLite library's own settings.
    /// Nothing a module registers lives in a static.
    /// </summary>
    private static readonly string[] ProcessWide =
    [
        "Maillage.Platform.Data.PlainInsert::Statements", "Maillage.Platform.Data.PlainInsert::Pairs", "Maillage.Platform.Data.SqlitePragmas::Prepared",
        "Maillage.Platform.Data.SqliteLibrary::_configured", "Maillage.Platform.Data.SqliteLibrary::<Applied>k__BackingField",
        "Maillage.Agenda.Feeds.EventCalendar::Single",
        // PDFsharp's font resolver is process-wide (GlobalFontSettings, settable once): ours is installed once and only
        // reads the fonts embedded in the assembly, the same for every host.
        "Maillage.Platform.Documents.DocumentFonts::Installed",
    ];

    [Fact]
    public void Given_the_application_Then_no_static_holds_state_that_hosts_could_share()
    {
        var statics = App.Types.SelectMany(t => t.Fields.Where(f => f.IsStatic).Select(f => $"{t.FullName}::{f.Name}")).ToHashSet();
        Assert.All(ProcessWide, name => Assert.Contains(name, statics));
        var mutable = App.Types.Where(t => AssemblyReferences.ModuleOf(t) is not null)
            .SelectMany(t => t.Fields.Where(f => f.IsStatic && !f.IsLiteral).Select(f => (Type: t, Field: f)))
            .Where(x => !IsCompilerGenerated(x.Type) && !x.Type.Name.Contains('<'))
            .Where(x => !x.Field.IsInitOnly || IsCache(x.Field.FieldType))
            .Select(x => $"{x.Type.FullName}::{x.Field.Name}")
            .Where(name => !ProcessWide.Contains(name))
            .Order().ToList();
        Assert.True(mutable.Count == 0, "Process-wide state: make it a service of the host (or say why it is process-wide):\n" + string.Join("\n", mutable));
    }

    private static bool IsCache(TypeReference type) =>
        type.Namespace == "System.Collections.Concurrent" || type.Name.StartsWith("ConditionalWeakTable", StringComparison.Ordinal);

    private static bool IsCompilerGenerated(TypeDefinition type) =>
        type.CustomAttributes.Any(a => a.AttributeType.Name == "CompilerGeneratedAttribute") || (type.DeclaringType is { } d && IsCompilerGenerated(d));
}
