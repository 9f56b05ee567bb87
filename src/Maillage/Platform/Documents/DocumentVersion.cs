using System.Text.Json;
using System.Text.Json.Serialization;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Platform.Documents;

/// <summary>
/// A document as it was sent (a report, a call for funds): its JSON, numbered per key (1, 2, …), with when and by whom it
/// was frozen. Rendering it again gives the same content whatever changed since. Written by <see cref="DocumentArchive"/>;
/// audited like every platform write.
/// </summary>
public sealed class DocumentVersion : ITenantOwned
{
    public long Id { get; set; }
    public int CiteId { get; set; }
    /// <summary>What the document is, chosen by its module: "funding/convention/12/report/2022".</summary>
    public required string Key { get; set; }
    public int Version { get; set; }
    public DateTimeOffset FrozenAt { get; set; }
    public string? FrozenById { get; set; }
    public string? FrozenBy { get; set; }
    /// <summary>The <see cref="Document"/> as JSON (<see cref="DocumentJson"/>).</summary>
    public required string Content { get; set; }

    public Document Document => DocumentJson.Read(Content);
}

/// <summary>The JSON of a frozen document: the block kinds by their declared names, enums by name, every character as is.</summary>
public static class DocumentJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(Document document) => JsonSerializer.Serialize(document, Options);

    public static Document Read(string json) =>
        JsonSerializer.Deserialize<Document>(json, Options) ?? throw new JsonException("A frozen document is null.");
}

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> b)
    {
        b.ToTable("document_versions");
        // Two freezes at once never share a number: the second meets this index and takes the next (DocumentArchive).
        b.HasIndex(v => new { v.Key, v.Version }).IsUnique();
        b.HasIndex(v => v.CiteId);
        b.Property(v => v.Key).HasMaxLength(200);
        b.Property(v => v.FrozenById).HasMaxLength(100);
        b.Property(v => v.FrozenBy).HasMaxLength(256);
        b.Property(v => v.Content).Metadata.SetMaxLength(null);
        b.Ignore(v => v.Document);
    }
}
