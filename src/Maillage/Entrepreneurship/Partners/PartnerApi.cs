using System.Globalization;
using Maillage.Platform.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Entrepreneurship.Partners;

/// <summary><c>GET /api/v1/entrepreneurship/partners</c>: the referral partners of your programmes, their contact and their response rate and delay.</summary>
internal static class PartnerApi
{
    public sealed record PartnerDto(int Programme, string Key, string Name, string Kind, string? ContactName, string? ContactEmail, bool AnswersByLink,
        int SentByLink, int Answered, double? ResponseRate, double? MedianDaysToAnswer, double? MeanDaysToAnswer, int NoAnswer, int NoAnswerAfterDays);

    public static RouteGroupBuilder MapPartnerApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/entrepreneurship").WithTags("Entrepreneurship").RequireAuthorization(EntrepreneurshipModule.StaffPolicy)
            .MapGet("/partners", ListAsync).WithName("CitesLabReferralPartners")
            .WithSummary("The referral partners of your programmes with their named contact, whether they answer by link, and their response figures: referrals sent by link, answered through it, the rate, the median and mean days to answer, and those without an answer after noAnswerDays days (default Entrepreneurship:PartnerNoAnswerDays, 30).");
        return api;
    }

    private static async Task<IResult> ListAsync([FromQuery] string? noAnswerDays, ProgrammeAccess access, PartnerLinks links, CancellationToken ct)
    {
        int? days = null;
        if (!string.IsNullOrWhiteSpace(noAnswerDays))
        {
            if (int.TryParse(noAnswerDays, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 365) days = d;
            else throw new RuleViolation("noAnswerDays", new("Le nombre de jours va de 1 à 365.", "The number of days is from 1 to 365."), StatusCodes.Status400BadRequest);
        }
        var figures = await links.FiguresAsync(await access.ProgrammeIdsAsync(ct), days, ct);
        return TypedResults.Ok(figures.Select(f => new PartnerDto(f.ProgrammeId, f.Partner.Key, f.Partner.Name, f.Partner.Kind.ApiName(), f.Partner.ContactName, f.Partner.ContactEmail,
            f.Partner.AnswersByLink, f.SentByLink, f.Answered, f.SentByLink == 0 ? null : Math.Round((double)f.Answered / f.SentByLink, 3),
            f.MedianDays, f.MeanDays, f.NoAnswer, f.NoAnswerDays)).ToList());
    }
}
