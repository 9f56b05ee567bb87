using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform.Documents;

/// <summary>Frozen versions of documents (<see cref="DocumentArchive"/>), on SQLite and on PostgreSQL.</summary>
public sealed class DocumentArchiveTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string NewKey() => $"test/report/{Guid.NewGuid():N}";

    private Task<T> WithArchiveAsync<T>(Func<DocumentArchive, Task<T>> action) =>
        app.WithScopeAsync2(sp => action(sp.GetRequiredService<DocumentArchive>()));

    [Fact]
    public async Task Given_a_frozen_document_When_read_back_Then_it_renders_the_same_content_as_what_was_frozen()
    {
        var cite = await app.CiteIdAsync("grand-geneve");
        var key = NewKey();
        var document = DocumentSample.Build(rows: 12);

        var frozen = await WithArchiveAsync(a => a.FreezeAsync(cite, key, document));
        var read = await WithArchiveAsync(a => a.GetAsync(key, 1));

        Assert.Equal(1, frozen.Version);
        Assert.NotNull(read);
        Assert.Equal(cite, read.CiteId);
        Assert.Equal(app.Clock.GetUtcNow(), read.FrozenAt);
        Assert.Equal(DocumentJson.Write(document), DocumentJson.Write(read.Document));
        var renderer = new DocumentRenderer();
        Assert.Equal(DocumentPdfTests.PageLetters(renderer.Pdf(document)), DocumentPdfTests.PageLetters(renderer.Pdf(read.Document)));
        // Every block kind comes back as what it was: a number in a cell stays a number, the no-break spaces stay.
        var table = read.Document.Blocks.OfType<Table>().First();
        Assert.Equal(15370m, table.Totals![4].Number);
        Assert.Equal(ColumnAlign.End, table.Columns[4].Align);
        Assert.Contains(read.Document.Blocks, b => b is PageBreak);
        Assert.Contains("\"kind\":\"page-break\"", read.Content);
        Assert.Contains("Détail des actions", read.Content);
    }

    [Fact]
    public async Task Given_a_key_frozen_twice_When_listed_Then_its_versions_are_numbered_in_order_and_data_changes_leave_them_alone()
    {
        var cite = await app.CiteIdAsync("grand-geneve");
        var key = NewKey();
        await WithArchiveAsync(a => a.FreezeAsync(cite, key, DocumentSample.Build(rows: 2)));
        await WithArchiveAsync(a => a.FreezeAsync(cite, key, DocumentSample.Build(rows: 3)));

        var versions = await WithArchiveAsync(a => a.ListAsync(key));

        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(2, (await WithArchiveAsync(a => a.GetAsync(key, 1)))!.Document.Blocks.OfType<Table>().Last().Rows.Count);
        Assert.Equal(3, (await WithArchiveAsync(a => a.GetAsync(key, 2)))!.Document.Blocks.OfType<Table>().Last().Rows.Count);
        Assert.Null(await WithArchiveAsync(a => a.GetAsync(key, 3)));
        Assert.Empty(await WithArchiveAsync(a => a.ListAsync(NewKey())));
    }

    [Fact]
    public async Task Given_many_freezes_of_one_key_at_once_When_they_are_saved_Then_no_two_share_a_number()
    {
        var cite = await app.CiteIdAsync("grand-geneve");
        var key = NewKey();
        const int freezes = 12;
        var start = new TaskCompletionSource();

        var tasks = Enumerable.Range(0, freezes).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await WithArchiveAsync(a => a.FreezeAsync(cite, key, new Document($"Version de {i}", "Cité", "fr", [new Paragraph(i.ToString())])));
        })).ToList();
        start.SetResult();
        var frozen = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(1, freezes), frozen.Select(v => v.Version).Order());
        var stored = await WithArchiveAsync(a => a.ListAsync(key));
        Assert.Equal(Enumerable.Range(1, freezes), stored.Select(v => v.Version));
        // Each number holds the document of the freeze that got it, and one audit entry each.
        foreach (var version in frozen)
            Assert.Equal(version.Content, (await WithArchiveAsync(a => a.GetAsync(key, version.Version)))!.Content);
        var ids = frozen.Select(v => v.Id.ToString()).ToList();
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(DocumentVersion) && ids.Contains(e.EntityId)).CountAsync());
        Assert.Equal(freezes, audited);
    }

    [Fact]
    public async Task Given_a_freeze_When_saved_Then_the_audit_trail_records_it_for_the_Cite()
    {
        var cite = await app.CiteIdAsync("grand-geneve");
        var frozen = await WithArchiveAsync(a => a.FreezeAsync(cite, NewKey(), DocumentSample.Build(rows: 1)));

        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.EntityType == nameof(DocumentVersion) && e.EntityId == frozen.Id.ToString()));

        Assert.Equal("Added", entry.Action);
        Assert.Equal(cite, entry.CiteId);
    }

    [Fact]
    public async Task Given_a_key_too_long_When_frozen_Then_it_is_refused_before_anything_is_saved()
    {
        var key = new string('k', 201);

        await Assert.ThrowsAsync<ArgumentException>(() => WithArchiveAsync(a => a.FreezeAsync(1, key, DocumentSample.Build(rows: 1))));
        Assert.False(await app.WithDbAsync(db => db.Set<DocumentVersion>().IgnoreQueryFilters().AnyAsync(v => v.Key == key)));
    }
}
