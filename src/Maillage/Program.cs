using Maillage.Agenda;
using Maillage.Entrepreneurship;
using Maillage.Funding;
using Maillage.Governance;
using Maillage.Network;
using Maillage.Platform;
using Maillage.Platform.Cli;
using Maillage.Rooms;
using Maillage.Roster;
using Maillage.Visits;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args, MaillageModules.AddModules);

// The application's own folder holds its settings, whatever the working directory (Startup.ContentRoot).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Startup.ContentRoot(args) });
builder.AddModules();
var app = builder.Build();
app.UsePlatform(); // the middleware, then every module's pages and endpoints
await app.Services.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

/// <summary>
/// The application's modules, one line each, in the order their endpoints, initialisers, seeders and menu entries come:
/// the web host, the command line and the benchmarks compose the same (docs/adding-a-module.md).
/// </summary>
public static class MaillageModules
{
    public static WebApplicationBuilder AddModules(this WebApplicationBuilder builder) => builder
        .AddPlatform()
        .AddNetwork()
        .AddVisits()
        .AddAgenda()
        .AddRoster()
        .AddRooms()
        .AddFunding()
        .AddGovernance()
        .AddEntrepreneurship();
}
