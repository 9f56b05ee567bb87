using System.Text.RegularExpressions;
using Maillage.Platform.Configuration;
using Maillage.Platform.Cli;
using Maillage.Tests.Architecture;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Mono.Cecil.Cil;

namespace Maillage.Tests.Platform;

/// <summary>Settings are options classes validated at start, every key of which the README's configuration table lists.</summary>
public sealed class SettingsTests
{
    private sealed class MisconfiguredApp(string key, string value) : MaillageApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("Agenda:ReminderHours", "-3")]
    [InlineData("Maillage:Visits:DisclosureThreshold", "0")]
    [InlineData("Entrepreneurship:DisclosureThreshold", "0")]
    [InlineData("Email:DispatchIntervalSeconds", "0")]
    [InlineData("Maillage:PublicCache:Seconds", "-1")]
    public async Task Given_a_wrong_setting_When_the_application_starts_Then_it_stops_with_a_message_naming_the_key(string key, string value)
    {
        await using var app = new MisconfiguredApp(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains(key, failure.ToString());
        Assert.Contains($"(found {value})", failure.ToString());
    }

    [Fact]
    public async Task Given_a_wrong_setting_When_running_a_command_Then_it_stops_naming_the_key()
    {
        var errors = new StringWriter();
        var code = await CommandLine.RunAsync(["purge-retention", "--Agenda:Retention:Months=0", "--Jobs:Enabled=false"], MaillageModules.AddModules, new StringWriter(), errors);
        Assert.NotEqual(0, code);
        Assert.Contains("Agenda:Retention:Months", errors.ToString());
    }

    [Fact]
    public async Task Given_every_settings_class_When_reading_the_README_Then_its_configuration_table_lists_every_key()
    {
        await using var app = new MaillageApp();
        var keys = app.Services.GetServices<SettingsSection>().SelectMany(Settings.Keys).Distinct().ToList();
        Assert.Contains("Maillage:RateLimits:RegistrationsPerMinute", keys);
        Assert.Contains("Email:Smtp:Host", keys);
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        var table = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        // A row names its keys in backquotes; `Email:Smtp:Host`, `Port`... name several of one section.
        var listed = new HashSet<string>();
        foreach (Match row in Regex.Matches(table, @"^\| ([^|]+) \|", RegexOptions.Multiline))
        {
            var names = Regex.Matches(row.Groups[1].Value, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList();
            var section = names.FirstOrDefault()?.Contains(':') == true ? names[0][..names[0].LastIndexOf(':')] : "";
            foreach (var name in names) listed.Add(name.Contains(':') ? name : $"{section}:{name}");
        }
        var missing = keys.Where(k => !listed.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, "README's configuration table lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void Given_the_application_Then_no_code_reads_a_setting_past_its_options_class()
    {
        var raw = AssemblyReferences.Application.Types.SelectMany(t => t.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions
                .Where(i => i.OpCode.Code is Code.Call or Code.Callvirt && i.Operand is Mono.Cecil.MethodReference called
                            && (called.DeclaringType.FullName == "Microsoft.Extensions.Configuration.ConfigurationBinder" && called.Name == "GetValue"
                                || called.DeclaringType.FullName == "Microsoft.Extensions.Configuration.IConfiguration" && called.Name == "get_Item"))
                .Select(_ => $"{AssemblyReferences.Outermost(t).FullName}.{m.Name}")))
            .Distinct().Order().ToList();
        Assert.True(raw.Count == 0, "Settings are read through options classes (Platform/Configuration/Settings.cs):\n" + string.Join("\n", raw));
    }
}
