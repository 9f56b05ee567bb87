using System.Net;
using System.Text.RegularExpressions;
using Maillage.Funding;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Funding;

/// <summary>A test's own convention in the Grand Genève Cité: one action of 2022–2024, a year rate, a shared cost and a February schedule.</summary>
public static class FundingTestData
{
    public static async Task<Convention> ConventionAsync(this MaillageApp app, string? managerEmail = null, DateOnly? validUntil = null)
    {
        var citeId = await app.CiteIdAsync("grand-geneve");
        return await app.WithDbAsync(async db =>
        {
            var ccg = await db.Set<Maillage.Network.Partner>().IgnoreQueryFilters().FirstAsync(p => p.CiteId == citeId && p.Name == "Communauté de Communes du Genevois");
            var c = new Convention
            {
                CiteId = citeId, Title = $"Convention de test {Guid.NewGuid():N}", Status = ConventionStatus.InForce,
                EffectiveFrom = new DateOnly(2022, 1, 1), EffectiveTo = new DateOnly(2024, 12, 31), ValidUntil = validUntil ?? new DateOnly(2025, 2, 28), NoticeMonths = 2,
                ManagerEmail = managerEmail,
            };
            var funder = new ConventionParty { PartnerId = ccg.Id, Name = ccg.Name, Role = PartyRole.Funder };
            c.Parties.Add(funder);
            var action = new ConventionAction { Code = "1.1", Title = "Accueil" };
            foreach (var y in new[] { 2022, 2023, 2024 }) action.Days.Add(new ActionDays { Year = y, ForecastDays = 163, FinancedDays = 26.5m });
            c.Actions.Add(action);
            c.CostSharing.Add(new CostSharingRule { Label = "Cérémonie", Budget = 2000, Share = 0.5m, Cap = 1000 });
            db.Add(c);
            await db.SaveChangesAsync();
            foreach (var y in new[] { 2022, 2023, 2024 }) c.Years.Add(new ConventionYear { Year = y, DayRateExclVat = 583, VatRate = 0.2m, SignedAmount = 18539, PayerPartyId = funder.Id });
            c.PaymentRules.Add(new PaymentRule { Kind = PaymentRuleKind.YearInArrears, Month = 2, RequiresAnnualReport = true, IncludesCostSharing = true, PayerPartyId = funder.Id });
            await db.SaveChangesAsync();
            return c;
        });
    }

    /// <summary>POSTs a multipart form (an upload) with the antiforgery token of <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string url, string formPage, Dictionary<string, string> fields, string fileField, string fileName, byte[] bytes)
    {
        var page = await client.GetStringAsync(formPage);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        var content = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        content.Add(new ByteArrayContent(bytes), fileField, fileName);
        return await client.PostAsync(url, content);
    }

    /// <summary>An amount as the French pages write it: "4 547" → "4\u202F547\u00A0€" (thousands and symbol on no-break spaces).</summary>
    public static string Euros(string figure) => figure.Replace(' ', '\u202F') + "\u00A0€";

    /// <summary>The smallest file a PDF reader opens.</summary>
    public static byte[] MinimalPdf() => System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
