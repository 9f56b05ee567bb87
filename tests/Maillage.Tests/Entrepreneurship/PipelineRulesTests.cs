using Maillage.Entrepreneurship;
using Maillage.Platform.Errors;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>The pipeline's rules (issue 23 items 1 and 2), pure: SIRET key, order of steps, consent, counting once per stage and year.</summary>
public sealed class PipelineRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    internal static ProjectHolder Holder() => new()
    {
        FirstName = "Awa", LastName = "Test", Consent = new Consent { GivenOn = Today.AddDays(-100), TextVersion = "v1", Covers = ConsentScope.Coaching },
        LastContactOn = Today.AddDays(-100),
    };

    private static RuleViolation Refused(Action action) => Assert.Throws<RuleViolation>(action);

    [Theory]
    [InlineData("73282932000074", true)]   // INSEE's example
    [InlineData("732 829 320 00074", true)]
    [InlineData("73282932000075", false)]  // wrong key
    [InlineData("7328293200007", false)]   // 13 digits
    [InlineData("7328293200007A", false)]
    [InlineData("35600000000010", true)]    // La Poste: digits sum to a multiple of 5
    [InlineData("35600000000011", false)]
    public void Given_a_SIRET_Then_its_Luhn_key_decides(string siret, bool valid) => Assert.Equal(valid, Siret.IsValid(siret));

    [Fact]
    public void Given_a_creation_with_a_wrong_SIRET_key_or_no_legal_form_Then_each_field_is_named_and_nothing_is_added()
    {
        var h = Holder();
        h.AddStep(new PipelineStep { Kind = StepKind.Received, Date = Today.AddDays(-50) }, Today);
        var e = Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Created, Date = Today.AddDays(-5), Siret = "73282932000075" }, Today));
        Assert.Equal(["legalForm", "siret"], e.Problems.Select(p => p.Field).Order());
        Assert.Single(h.Steps);
        h.AddStep(new PipelineStep { Kind = StepKind.Created, Date = Today.AddDays(-5), Siret = "732 829 320 00074", LegalForm = "SAS" }, Today);
        Assert.Equal("73282932000074", h.Steps[^1].Siret);
        Assert.Equal(StepKind.Created, h.Stage);
    }

    [Fact]
    public void Given_a_step_in_the_future_or_before_the_previous_one_Then_the_date_is_refused()
    {
        var h = Holder();
        h.AddStep(new PipelineStep { Kind = StepKind.Received, Date = Today.AddDays(-10) }, Today);
        Assert.Equal("date", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Today.AddDays(1) }, Today)).Field);
        Assert.Equal("date", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Today.AddDays(-11) }, Today)).Field);
        Assert.Equal("date", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Created, LegalForm = "SAS", Siret = "73282932000074" }, Today)).Field);
        h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Today.AddDays(-10) }, Today); // the same day is fine
        Assert.Equal(Today.AddDays(-10), h.LastContactOn);
    }

    [Fact]
    public void Given_the_path_so_far_Then_a_stage_cannot_go_back_but_amorcage_goes_on_during_a_referral_and_an_outcome_closes_it()
    {
        var h = Holder();
        h.AddStep(new PipelineStep { Kind = StepKind.Sensitised, Date = Today.AddDays(-60) }, Today);
        Assert.Equal("kind", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.FollowUp, Date = Today.AddDays(-59) }, Today)).Field);
        h.AddStep(new PipelineStep { Kind = StepKind.Received, Date = Today.AddDays(-50) }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Today.AddDays(-40) }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Referred, Date = Today.AddDays(-30), ReferralPartnerId = 1 }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Today.AddDays(-25) }, Today);
        Assert.Equal("kind", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Received, Date = Today.AddDays(-20) }, Today)).Field);
        h.AddStep(new PipelineStep { Kind = StepKind.OtherOutcome, Date = Today.AddDays(-20), Outcome = OtherOutcome.Employment }, Today);
        Assert.Equal("kind", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Today.AddDays(-10) }, Today)).Field);
    }

    [Fact]
    public void Given_a_referral_Then_it_needs_a_partner_and_an_answer_needs_its_date_not_before_the_referral()
    {
        var h = Holder();
        Assert.Equal("partner", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Referred, Date = Today.AddDays(-5) }, Today)).Field);
        Assert.Equal("answeredOn", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Referred, Date = Today.AddDays(-5), ReferralPartnerId = 1, Answer = ReferralAnswer.TakenOn }, Today)).Field);
        Assert.Equal("answeredOn", Refused(() => h.AddStep(new PipelineStep { Kind = StepKind.Referred, Date = Today.AddDays(-5), ReferralPartnerId = 1, Answer = ReferralAnswer.TakenOn, AnsweredOn = Today.AddDays(-6) }, Today)).Field);
    }

    [Fact]
    public void Given_a_consent_Then_it_must_be_given_dated_not_in_the_future_with_its_text_version_and_cover_the_coaching()
    {
        Assert.Equal("consent.given", Assert.Single(Consent.Check(false, Today, "v1", ConsentScope.Coaching, Today)).Field);
        Assert.Equal("consent.given", Assert.Single(Consent.Check(null, Today, "v1", ConsentScope.Coaching, Today)).Field);
        Assert.Equal(["consent.covers", "consent.date", "consent.textVersion"],
            Consent.Check(true, Today.AddDays(1), " ", ConsentScope.SharingWithPartners, Today).Select(p => p.Field).Order());
        Assert.Empty(Consent.Check(true, Today, "v1", ConsentScope.Coaching | ConsentScope.FollowUpContact, Today));
    }

    [Fact]
    public void Given_several_steps_of_a_stage_in_a_year_Then_the_person_counts_once_per_stage_and_year_and_as_one_holder_a_year()
    {
        var h = Holder();
        h.AddStep(new PipelineStep { Kind = StepKind.Received, Date = new DateOnly(2025, 11, 2) }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = new DateOnly(2025, 12, 1) }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = new DateOnly(2025, 12, 15) }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = new DateOnly(2026, 1, 10) }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = new DateOnly(2026, 2, 10) }, Today);
        Assert.Equal([(2025, StepKind.Received), (2025, StepKind.Amorcage), (2026, StepKind.Amorcage)], h.Counted().ToList());
        var c = HolderErasure.Contributions(h).ToList();
        Assert.Contains((StepKind.Amorcage, new DateOnly(2025, 12, 1), (int?)null), c);
        Assert.Contains((StepKind.Amorcage, new DateOnly(2026, 1, 1), (int?)null), c);
        Assert.Equal(2, c.Count(x => x.Kind is null)); // a holder in 2025 and in 2026
        Assert.Equal(5, c.Count);
    }

    [Fact]
    public void Given_a_created_business_Then_the_follow_up_is_due_every_2_months_the_first_year_then_every_4_and_ends_after_3_years()
    {
        var h = Holder();
        h.Steps.Add(new PipelineStep { Kind = StepKind.Created, Date = new DateOnly(2026, 1, 10) });
        Assert.Equal(new DateOnly(2026, 3, 10), Maillage.Entrepreneurship.Holders.FollowUp.DueOn(h));
        h.Steps.Add(new PipelineStep { Kind = StepKind.FollowUp, Date = new DateOnly(2027, 2, 1) });
        Assert.Equal(new DateOnly(2027, 6, 1), Maillage.Entrepreneurship.Holders.FollowUp.DueOn(h));
        h.Steps.Add(new PipelineStep { Kind = StepKind.FollowUp, Date = new DateOnly(2028, 12, 1) });
        Assert.Null(Maillage.Entrepreneurship.Holders.FollowUp.DueOn(h));
    }

    [Fact]
    public void Given_a_step_corrected_Then_its_new_date_still_lies_between_its_neighbours()
    {
        var h = Holder();
        h.AddStep(new PipelineStep { Kind = StepKind.Received, Date = Today.AddDays(-30) }, Today);
        var amorcage = h.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Today.AddDays(-20) }, Today);
        h.AddStep(new PipelineStep { Kind = StepKind.Referred, Date = Today.AddDays(-10), ReferralPartnerId = 1 }, Today);
        Assert.Equal("date", Refused(() => amorcage.Correct(h, s => s.Date = Today.AddDays(-31), Today)).Field);
        Assert.Equal("date", Refused(() => amorcage.Correct(h, s => s.Date = Today.AddDays(-9), Today)).Field);
        amorcage.Correct(h, s => s.Date = Today.AddDays(-25), Today);
        Assert.Equal(Today.AddDays(-25), amorcage.Date);
    }
}
