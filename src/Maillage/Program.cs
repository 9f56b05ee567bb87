using Maillage.Agenda;
using Maillage.Network;
using Maillage.Platform;
using Maillage.Platform.Cli;
using Maillage.Platform.Audit;
using Maillage.Platform.Identity;

if (args.Length > 0 && !args[0].StartsWith('-'))
    return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.AddNetwork();
builder.AddAgenda();
builder.AddAgendaOperations();

var app = builder.Build();
app.UsePlatform();

var api = app.MapGroup("/api/v1");
api.MapMeApi();
api.MapAuditApi();
api.MapNetwork();
api.MapAgenda();
api.MapAgendaOperations();
Maillage.Agenda.Feeds.FeedEndpoints.MapAgendaFeeds(app);

await Startup.PrepareDatabaseAsync(app.Services);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
