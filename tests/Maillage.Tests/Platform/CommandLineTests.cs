using System.Net;
using System.Net.Http.Headers;
using Maillage.Platform.Cli;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Maillage.Tests.Platform;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _connection = TestDatabase.CreateEmpty();

    private string[] Db => [$"--Database:Provider={TestDatabase.ProviderName}", $"--ConnectionStrings:Maillage={_connection}"];

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CommandLine.RunAsync(args.Concat(args[0] == "help" ? [] : Db).ToArray(), MaillageModules.AddModules, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Help_prints_the_usage_and_a_wrong_argument_exits_non_zero_with_it()
    {
        var help = await CommandLine.RunAsync(["help"], MaillageModules.AddModules, new StringWriter(), new StringWriter());
        Assert.Equal(0, help);
        var (code, _, err) = await Run("frobnicate");
        Assert.NotEqual(0, code);
        Assert.Contains("Unknown command 'frobnicate'", err);
        Assert.Contains("create-user --email E", err);
        var (missing, _, missingErr) = await Run("create-user", "--email", "a@b.c");
        Assert.NotEqual(0, missing);
        Assert.Contains("needs --password", missingErr);
        var (unknownOption, _, unknownErr) = await Run("backup", "--to", "x.db");
        Assert.NotEqual(0, unknownOption);
        Assert.Contains("Unknown option '--to'", unknownErr);
    }

    [Fact]
    public async Task Migrate_then_create_a_user_with_a_role_then_a_token_that_authenticates_the_API()
    {
        Assert.Equal(0, (await Run("migrate")).Code);
        var (code, output, err) = await Run("create-user", "--email", "coord@test.maillage", "--password", "une phrase de passe longue", "--role", "coordinator", "--scope", "cite:marseille-paca");
        Assert.True(code == 0, err);
        Assert.Contains("coordinator on cite:marseille-paca", output);

        var (badRole, _, badRoleErr) = await Run("create-user", "--email", "x@test.maillage", "--password", "une phrase de passe longue", "--role", "king", "--scope", "platform");
        Assert.NotEqual(0, badRole);
        Assert.Contains("Unknown role 'king'", badRoleErr);
        var (badScope, _, badScopeErr) = await Run("create-user", "--email", "y@test.maillage", "--password", "une phrase de passe longue", "--role", "coordinator", "--scope", "cite:atlantis");
        Assert.NotEqual(0, badScope);
        Assert.Contains("atlantis", badScopeErr);

        var (tokenCode, tokenOut, _) = await Run("create-token", "--email", "coord@test.maillage", "--name", "intégration", "--scopes", "read,agenda");
        Assert.Equal(0, tokenCode);
        var token = tokenOut.TrimEnd().Split('\n').Last().Trim();
        var (badScopes, _, badScopesErr) = await Run("create-token", "--email", "coord@test.maillage", "--name", "x", "--scopes", "everything");
        Assert.NotEqual(0, badScopes);
        Assert.Contains("--scopes takes one or more of", badScopesErr);
        Assert.StartsWith("mlg_", token);

        using var app = new CliApp(_connection);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("coord@test.maillage", await me.Content.ReadAsStringAsync());
    }

    [SqliteFact]
    public async Task Backup_copies_the_SQLite_database_online()
    {
        Assert.Equal(0, (await Run("migrate")).Code);
        var target = Path.Combine(Path.GetTempPath(), $"maillage-backup-{Guid.NewGuid():N}.db");
        var (code, output, err) = await Run("backup", "--out", target);
        Assert.True(code == 0, err);
        Assert.Contains(target, output);
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Structures WHERE Name = 'Cité des métiers de Marseille'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        File.Delete(target);
        var (again, _, againErr) = await Run("backup", "--out", "/proc/forbidden/x.db");
        Assert.NotEqual(0, again);
        Assert.NotEmpty(againErr);
    }

    public void Dispose() => TestDatabase.Drop(_connection);

    /// <summary>The web application on the database the command line prepared.</summary>
    private sealed class CliApp(string connection) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", TestDatabase.ProviderName);
            builder.UseSetting("ConnectionStrings:Maillage", connection);
        }
    }
}
