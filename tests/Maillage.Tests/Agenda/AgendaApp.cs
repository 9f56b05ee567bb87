using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Maillage.Tests.Agenda;

/// <summary>
/// The application with e-mail going to a real SMTP sink on loopback and the outbox dispatched every
/// second by the Quartz scheduler on the test database.
/// </summary>
public class AgendaApp : MaillageApp
{
    public SmtpSink Smtp { get; } = new();

    /// <summary>
    /// Quartz reads the application's TimeProvider: the test clock starts at the real time so that the
    /// scheduler fires, and ticks; tests may still move it forward (e.g. past a claim or an offer).
    /// </summary>
    public AgendaApp()
    {
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        Clock.Run();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:DispatchIntervalSeconds", "1");
        builder.UseSetting("Email:PublicBaseUrl", "https://agenda.test");
        builder.UseSetting("Maillage:RateLimits:RegistrationsPerMinute", "100000");
        builder.UseSetting("Maillage:RateLimits:RegistrationsPerEventPerAddress", "100000");
        builder.UseSetting("Maillage:RateLimits:RegistrationsPerEmail", "100000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.Dispose();
    }
}

/// <summary>The application with a frozen clock the test moves, no scheduler (jobs are run by the test) and e-mail to files.</summary>
public class FrozenAgendaApp : MaillageApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(Path.GetTempPath(), "maillage-mail", Guid.NewGuid().ToString("N")));
        builder.UseSetting("Maillage:RateLimits:RegistrationsPerMinute", "100000");
        builder.UseSetting("Maillage:RateLimits:RegistrationsPerEventPerAddress", "100000");
        builder.UseSetting("Maillage:RateLimits:RegistrationsPerEmail", "100000");
    }
}
