using Maillage.Platform.Errors;

namespace Maillage.Tests.Rooms;

/// <summary>Issue 20, item 9: one date rule for forms and the API (DateInput) — the rooms' forms read dates through it.</summary>
public sealed class FormDateTests
{
    [Theory]
    [InlineData("2026-12-24", 2026, 12, 24)]
    [InlineData(" 24/12/2026 ", 2026, 12, 24)]
    [InlineData("2100-12-31", 2100, 12, 31)]
    public void A_form_date_is_read_as_the_date_input_sends_it_or_typed_by_hand(string text, int year, int month, int day)
    {
        Assert.True(DateInput.TryParseForm(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-02-30")]
    [InlineData("1999-12-31")]
    [InlineData("31/12/2101")]
    [InlineData("12/24/2026")]
    public void A_day_that_does_not_exist_or_a_year_outside_the_rule_is_not_a_form_date(string? text) =>
        Assert.False(DateInput.TryParseForm(text, out _));

    [Fact]
    public void The_API_and_the_forms_share_the_years() =>
        Assert.Equal(DateInput.TryParseForm("2101-01-01", out _), DateInput.Problem(2101, "date") is null);
}
