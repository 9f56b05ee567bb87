using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Maillage.Tests.Architecture;

/// <summary>
/// The application's compiled types, and which of its own types each one uses: in signatures, fields, attributes, base
/// types and method bodies (read from the IL with Mono.Cecil; reflection alone does not see inside method bodies).
/// Compiler-generated types (closures, state machines) count as part of the type that declares them; Razor's generated
/// pages (<c>AspNetCoreGeneratedDocument.Agenda_Events_Index</c>) belong to the module of their folder.
/// </summary>
internal sealed class AssemblyReferences
{
    public static readonly AssemblyReferences Application = new(typeof(Maillage.Platform.PlatformModule).Assembly.Location);

    private readonly ModuleDefinition _module;
    public IReadOnlyList<TypeDefinition> Types { get; }

    private AssemblyReferences(string path)
    {
        // Attribute arguments of framework types are resolved from the application's folder and the shared frameworks it runs on.
        var resolver = new DefaultAssemblyResolver();
        foreach (var dir in new[] { Path.GetDirectoryName(path)!, Path.GetDirectoryName(typeof(object).Assembly.Location)!,
                     Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)! }.Distinct())
            resolver.AddSearchDirectory(dir);
        _module = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver });
        Types = _module.Types.SelectMany(Flatten).ToList();
    }

    private static IEnumerable<TypeDefinition> Flatten(TypeDefinition type) => type.NestedTypes.SelectMany(Flatten).Prepend(type);

    /// <summary>The outermost declaring type: what a nested or compiler-generated type belongs to.</summary>
    public static TypeDefinition Outermost(TypeDefinition type) => type.DeclaringType is { } d ? Outermost(d) : type;

    /// <summary>The module a type belongs to ("Platform", "Network", "Agenda"...), or null for the composition root and generated glue.</summary>
    public static string? ModuleOf(TypeDefinition type)
    {
        var outer = Outermost(type);
        if (outer.Namespace == "AspNetCoreGeneratedDocument")
            return outer.Name.Split('_')[0] is var folder && folder.Length > 0 && char.IsUpper(folder[0]) && folder != "Views" ? folder : null;
        var parts = outer.Namespace.Split('.');
        return parts is ["Maillage", var module, ..] ? module : null;
    }

    /// <summary>The application's own types this one uses (its nested types' uses included by the caller's flattening).</summary>
    public IEnumerable<TypeDefinition> Uses(TypeDefinition type)
    {
        var seen = new HashSet<TypeDefinition>();
        foreach (var reference in References(type))
        {
            foreach (var own in Own(reference))
                if (seen.Add(own)) yield return own;
        }
    }

    private IEnumerable<TypeDefinition> Own(TypeReference? reference)
    {
        switch (reference)
        {
            case null: yield break;
            case GenericInstanceType generic:
                foreach (var t in Own(generic.ElementType)) yield return t;
                foreach (var argument in generic.GenericArguments)
                    foreach (var t in Own(argument)) yield return t;
                yield break;
            case TypeSpecification spec:
                foreach (var t in Own(spec.ElementType)) yield return t;
                yield break;
            case GenericParameter:
                yield break;
        }
        if (reference.Scope is ModuleDefinition)
        {
            if (reference.Resolve() is { } definition && definition.Module == _module) yield return definition;
        }
    }

    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var a in type.CustomAttributes) foreach (var t in AttributeTypes(a)) yield return t;
        foreach (var f in type.Fields)
        {
            yield return f.FieldType;
            foreach (var a in f.CustomAttributes) foreach (var t in AttributeTypes(a)) yield return t;
        }
        foreach (var p in type.Properties)
        {
            yield return p.PropertyType;
            foreach (var a in p.CustomAttributes) foreach (var t in AttributeTypes(a)) yield return t;
        }
        foreach (var m in type.Methods)
        {
            yield return m.ReturnType;
            foreach (var p in m.Parameters) yield return p.ParameterType;
            foreach (var a in m.CustomAttributes) foreach (var t in AttributeTypes(a)) yield return t;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) yield return v.VariableType;
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: yield return t; break;
                    case MethodReference method:
                        yield return method.DeclaringType;
                        yield return method.ReturnType;
                        if (method is GenericInstanceMethod g) foreach (var a in g.GenericArguments) yield return a;
                        break;
                    case FieldReference field:
                        yield return field.DeclaringType;
                        yield return field.FieldType;
                        break;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> AttributeTypes(CustomAttribute attribute)
    {
        yield return attribute.AttributeType;
        foreach (var argument in attribute.ConstructorArguments)
            if (argument.Value is TypeReference t) yield return t;
    }

    /// <summary>Whether a type can be seen from outside its module: public, and every type that declares it too.</summary>
    public static bool IsVisibleOutside(TypeDefinition type) =>
        type.DeclaringType is { } d ? type.IsNestedPublic && IsVisibleOutside(d) : type.IsPublic;
}
