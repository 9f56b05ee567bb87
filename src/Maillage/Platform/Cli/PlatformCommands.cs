using Maillage.Platform.Localization;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Cli;

/// <summary><c>migrate</c>: applies the migrations, then every module's database initialisers (reference network included).</summary>
internal sealed class MigrateCommand : ICommand
{
    public async Task<int> RunAsync(CommandContext context)
    {
        await Startup.PrepareDatabaseAsync(context.Application);
        await context.Output.WriteLineAsync("Database migrated.");
        return 0;
    }
}

/// <summary><c>seed-demo</c>: the demo users of the README, one per role.</summary>
internal sealed class SeedDemoCommand(DemoUsers demo) : ICommand
{
    public async Task<int> RunAsync(CommandContext context)
    {
        await Startup.PrepareDatabaseAsync(context.Application);
        var created = await demo.EnsureAsync();
        await context.Output.WriteLineAsync($"{Plural.English(created, "{n} demo user", "{n} demo users")} created; password: {DemoUsers.Password}");
        return 0;
    }
}

/// <summary><c>create-user</c>: a staff account with one role on one scope.</summary>
internal sealed class CreateUserCommand(StaffDirectory directory) : ICommand
{
    public async Task<int> RunAsync(CommandContext context)
    {
        var options = context.Options;
        if (!Enum.TryParse<StaffRole>(options["role"], ignoreCase: true, out var role) || int.TryParse(options["role"], out _))
            throw new CommandFailure($"Unknown role '{options["role"]}'.");
        await Startup.PrepareDatabaseAsync(context.Application);
        var grant = await directory.ParseAsync(role, options["scope"]);
        var user = await directory.CreateUserAsync(options["email"], options["password"]);
        await directory.GrantAsync(user, grant);
        await context.Output.WriteLineAsync($"User {user.Email} created with role {role.ApiName()} on {options["scope"]}.");
        return 0;
    }
}

/// <summary><c>create-token</c>: an API token for a user, printed once.</summary>
internal sealed class CreateTokenCommand(MaillageDb db, UserManager<StaffUser> users, TimeProvider clock) : ICommand
{
    public async Task<int> RunAsync(CommandContext context)
    {
        var (email, name) = (context.Options["email"], context.Options["name"]);
        var scopes = context.Options["scopes"].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = context.Application.GetServices<Modules.ModuleEndpoints>().Select(m => m.Module).Append(ApiScopes.Read).ToHashSet();
        if (scopes.Length == 0 || scopes.Any(s => !known.Contains(s)))
            throw new CommandFailure($"--scopes takes one or more of {string.Join(", ", known.Order())}, separated by commas (e.g. read,agenda).");
        await Startup.PrepareDatabaseAsync(context.Application);
        var owner = await users.FindByEmailAsync(email) ?? throw new CommandFailure($"No user has the email '{email}'.");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new CommandFailure("The token name must have 1 to 100 characters.");
        var (token, secret) = ApiToken.Create(owner.Id, name, scopes, clock.GetUtcNow());
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        await context.Output.WriteLineAsync($"Token '{token.Name}' ({token.Scopes}) created for {owner.Email}. It is shown once: keep it now.");
        await context.Output.WriteLineAsync(secret);
        return 0;
    }
}
