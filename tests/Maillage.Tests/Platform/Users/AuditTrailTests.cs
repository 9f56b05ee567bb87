using System.Net;
using Maillage.Platform.Audit;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Platform.Users;

public sealed class AuditTrailTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_a_structure_edited_through_the_back_office_When_an_administrator_reads_the_journal_Then_the_entry_shows_who_and_before_after()
    {
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var client = await app.SignedInAsync(coordinator);
        var structure = await app.NewStructureAsync("grand-geneve", name: $"Avant audit {Guid.NewGuid():N}"[..24]);
        var renamed = $"Après audit {Guid.NewGuid():N}"[..24];

        var edit = await client.PostFormAsync($"/gestion/structures/{structure.Id}", NetworkTestData.StructureFields(renamed, structure.CiteId));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Structure" && e.EntityId == structure.Id.ToString() && e.Action == "Modified").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(coordinator.Email, entry.UserName);
        Assert.Equal(structure.CiteId, entry.CiteId);
        // The snapshots are JSON (non-ASCII escaped): read them back as the page does.
        var changes = IndexModel.Changes(entry.Before, entry.After);
        Assert.Contains(changes, c => c.Field == "Name" && c.Before == structure.Name && c.After == renamed);

        var admin = await app.SignedInAsAsync(StaffRole.Administrator, "cite:grand-geneve");
        var journal = await admin.PageTextAsync("/gestion/journal?type=Structure");
        Assert.Contains($"id=\"entree-{entry.Id}\"", journal);
        Assert.Contains($"<del>{structure.Name}</del>", journal);
        Assert.Contains($"<ins>{renamed}</ins>", journal);
        Assert.Contains(coordinator.Email!, journal);
    }

    [Fact]
    public async Task Given_a_change_in_Grand_Geneve_When_an_administrator_of_Marseille_reads_the_journal_Then_it_is_not_shown()
    {
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var structure = await app.NewStructureAsync("grand-geneve");
        var renamed = $"Secret genevois {Guid.NewGuid():N}"[..26];
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/gestion/structures/{structure.Id}", NetworkTestData.StructureFields(renamed, structure.CiteId))).StatusCode);

        var marseille = await app.SignedInAsAsync(StaffRole.Administrator, "cite:marseille-paca");
        var journal = await marseille.PageTextAsync("/gestion/journal");
        Assert.DoesNotContain(renamed, journal);

        var operatorClient = await app.SignedInAsAsync(StaffRole.PlatformOperator, "platform");
        Assert.Contains(renamed, await operatorClient.PageTextAsync("/gestion/journal?type=Structure"));
    }

    [Fact]
    public async Task Given_more_than_fifty_entries_When_reading_the_journal_Then_it_is_paged_with_plain_links()
    {
        var admin = await app.SignedInAsAsync(StaffRole.PlatformOperator, "platform");
        var first = await admin.PageTextAsync("/gestion/journal");
        Assert.Contains("href=\"/gestion/journal?p=2\"", first);
        var second = await admin.PageTextAsync("/gestion/journal?p=2");
        Assert.Contains("Page 2 sur", second);
        Assert.Contains("rel=\"prev\"", second);
    }
}
