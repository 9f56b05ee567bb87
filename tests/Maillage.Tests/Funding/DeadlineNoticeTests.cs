using Maillage.Funding.Deadlines;
using Maillage.Platform.Email;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Funding;

/// <summary>The application without its scheduler (the test runs the deadline check), on a database it may share with a second instance (the restart).</summary>
public sealed class DeadlineNoticeApp(string? database) : MaillageApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Funding:DeadlineNoticeDays", "30");
    }
}

/// <summary>Issue 21 item 7: a deadline's e-mail goes to the convention's manager once, N days ahead, even after a restart.</summary>
public sealed class DeadlineNoticeTests
{
    private static Task<int> CheckAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<DeadlineNotices>().SendAsync());

    [Fact]
    public async Task Given_a_convention_ending_in_20_days_Then_its_manager_gets_the_end_of_validity_email_once_even_after_a_restart()
    {
        var database = TestDatabase.CreateFromTemplate();
        try
        {
            var email = $"responsable-{Guid.NewGuid():N}@example.org";
            // The test clock is 23 November 2026: validity ends 13 December 2026 (in 20 days), notice 2 months → 13 October 2026, already past.
            var first = new DeadlineNoticeApp(database);
            try
            {
                var c = await first.ConventionAsync(email, new DateOnly(2026, 12, 13));
                Assert.Equal(1, await CheckAsync(first));
                Assert.Equal(0, await CheckAsync(first));
            }
            finally { await first.DisposeAsync(); }
            var second = new DeadlineNoticeApp(database);
            try
            {
                Assert.Equal(0, await CheckAsync(second));
                var messages = await second.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.To == email).ToListAsync());
                var message = Assert.Single(messages);
                Assert.Equal("funding.deadline", message.Kind);
                Assert.Contains("Fin de validité", message.Title);
                Assert.Contains("13 décembre 2026", message.Title);
            }
            finally { await second.DisposeAsync(); }
        }
        finally { TestDatabase.Drop(database); }
    }
}
