using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Maillage.Entrepreneurship;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Platform.Documents;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// A person's data exported as PDF (issue 23 item 6, "JSON and PDF"), through the platform's documents: read back with
/// PdfPig, it names the person, the consent's date and each step's date; the read is audited as the JSON export's.
/// </summary>
public sealed class HolderPdfExportTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string Flat(string s) => Regex.Replace(s.Replace('\u202F', ' ').Replace('\u00A0', ' '), @"\s+", " ");

    [Fact]
    public async Task Given_a_holder_Then_her_data_is_exported_as_a_PDF_naming_her_consent_and_each_step_and_the_read_is_audited()
    {
        var coach = await app.CoachAsync();
        var id = await coach.CreateHolderAsync(Body("Amandine", "Pdfexport"));
        await coach.StepAsync(id, new { kind = "received", date = "2026-03-09", durationMinutes = 45, note = "Premier accueil" });
        await coach.StepAsync(id, new { kind = "amorcage", date = "2026-04-14", durationMinutes = 90 });
        await coach.StepAsync(id, new { kind = "referred", date = "2026-05-20", partner = "adie", answer = "takenOn", answeredOn = "2026-06-03" });
        var reads = () => app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ProjectHolder) && a.EntityId == id.ToString() && a.Action == "Read"));
        var before = await reads();

        var response = await coach.GetAsync($"/api/v1/entrepreneurship/holders/{id}/export?format=pdf");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"porteur-{id}.pdf", response.Content.Headers.ContentDisposition?.ToString());
        var text = Flat(string.Join("\n", DocumentPdfTests.PageTexts(await response.Content.ReadAsByteArrayAsync())));
        foreach (var expected in new[] { "Amandine", "Pdfexport", "2 mars 2026", "2024-01", "9 mars 2026", "14 avril 2026", "20 mai 2026", "3 juin 2026", "Premier accueil" })
            Assert.Contains(expected, text);
        Assert.Equal(before + 1, await reads());

        // The same through the Accept header; JSON stays the default; another format is 406.
        var accept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/entrepreneurship/holders/{id}/export");
        accept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        var pdf = await coach.SendAsync(accept);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Amandine", Flat(string.Join("\n", DocumentPdfTests.PageTexts(await pdf.Content.ReadAsByteArrayAsync()))));
        Assert.Equal("application/json", (await coach.GetAsync($"/api/v1/entrepreneurship/holders/{id}/export")).Content.Headers.ContentType?.MediaType);
        await ProblemAsync(await coach.GetAsync($"/api/v1/entrepreneurship/holders/{id}/export?format=docx"), HttpStatusCode.NotAcceptable);
        Assert.Equal(before + 4, await reads());

        // Another Cité's coach gets 404, as for the JSON.
        await ProblemAsync(await (await app.CoachAsync("cite:marseille-paca")).GetAsync($"/api/v1/entrepreneurship/holders/{id}/export?format=pdf"), HttpStatusCode.NotFound);
    }
}
