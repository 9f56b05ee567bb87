using Maillage.Platform.Documents;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Network.Logos;

/// <summary>
/// A Cité's logo, heading its documents (docs/documents.md, "The Cité's logo"): a PNG or JPEG of at most 1 MB, checked
/// by its content. One per Cité, kept apart from <see cref="Cite"/> so that reading a Cité never loads the image.
/// Audited (the trail records its type, size and version; the bytes themselves are not copied into it).
/// </summary>
public sealed class CiteLogo : ITenantOwned
{
    public int CiteId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>The first 16 hexadecimal digits of the image's SHA-256: its URL carries it, so that it is cached until it changes.</summary>
    public required string Version { get; set; }

    public enum Refusal { Missing, TooLarge, NotAnImage }

    /// <summary>The logo of these bytes, or why they cannot be one (nothing is kept then).</summary>
    public static (CiteLogo? Logo, Refusal? Refusal) From(int citeId, byte[] content)
    {
        if (content.Length == 0) return (null, Refusal.Missing);
        if (content.Length > LogoImage.MaxBytes) return (null, Refusal.TooLarge);
        if (LogoImage.Inspect(content) is not { } image) return (null, Refusal.NotAnImage);
        return (new CiteLogo { CiteId = citeId, ContentType = image.ContentType, Content = content, Width = image.Width, Height = image.Height, Version = LogoImage.Version(content) }, null);
    }

    /// <summary>Replaces this logo by another's image.</summary>
    public void ReplaceWith(CiteLogo other)
    {
        ContentType = other.ContentType;
        Content = other.Content;
        Width = other.Width;
        Height = other.Height;
        Version = other.Version;
    }
}

internal sealed class CiteLogoConfiguration : IEntityTypeConfiguration<CiteLogo>
{
    public void Configure(EntityTypeBuilder<CiteLogo> b)
    {
        b.ToTable("CiteLogos");
        b.HasKey(l => l.CiteId);
        b.Property(l => l.CiteId).ValueGeneratedNever();
        b.HasOne<Cite>().WithOne().HasForeignKey<CiteLogo>(l => l.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.Property(l => l.ContentType).HasMaxLength(20);
        b.Property(l => l.Version).HasMaxLength(16);
    }
}

/// <summary>
/// Network's answer to the documents' <see cref="ILetterheadSource"/>: the logo of a Cité, for anyone (a logo heads
/// public documents too, such as a register extract), so across the reader's tenant filter.
/// </summary>
internal sealed class CiteLetterheads(Platform.Data.MaillageDb db) : ILetterheadSource
{
    public async Task<DocumentLogo?> FindLogoAsync(int citeId, bool withContent, CancellationToken ct)
    {
        var logos = db.Set<CiteLogo>().IgnoreQueryFilters().AsNoTracking().Where(l => l.CiteId == citeId);
        var names = db.Cites.IgnoreQueryFilters();
        return withContent
            ? await logos.Join(names, l => l.CiteId, c => c.Id, (l, c) => new DocumentLogo(l.CiteId, c.Name, l.ContentType, l.Width, l.Height, l.Version, l.Content)).FirstOrDefaultAsync(ct)
            : await logos.Join(names, l => l.CiteId, c => c.Id, (l, c) => new DocumentLogo(l.CiteId, c.Name, l.ContentType, l.Width, l.Height, l.Version, null)).FirstOrDefaultAsync(ct);
    }
}
