using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Configuration;

/// <summary>
/// Settings are options classes, one per thing they configure, each bound to its configuration section and validated
/// when the application starts (and before a command runs): a wrong value stops the start with a message naming the
/// key, e.g. <c>Agenda:ReminderHours: must be between 1 and 720 (found -3)</c>. Every key of every registered class is
/// listed in the README's configuration table (a test compares them).
/// </summary>
public static class Settings
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/>, validates it at start, and returns its value for the
    /// few uses at registration time (rate limits, job intervals). Elsewhere, inject <c>IOptions&lt;T&gt;</c>.
    /// </summary>
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class, new()
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new AnnotatedSettings<T>(section));
        services.AddSingleton(new SettingsSection(section, typeof(T)));
        return configuration.GetSection(section).Get<T>() ?? new T();
    }

    /// <summary>Validates every registered settings class now (the web host also does when it starts); throws naming the keys at fault.</summary>
    public static void Validate(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>The keys a settings class reads under its section ("Email:Smtp:Host"...), nested classes included.</summary>
    public static IEnumerable<string> Keys(SettingsSection settings) => KeysOf(settings.Section, settings.Type);

    private static IEnumerable<string> KeysOf(string prefix, Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).SelectMany(p =>
            IsNested(p.PropertyType) ? KeysOf($"{prefix}:{p.Name}", p.PropertyType) : [$"{prefix}:{p.Name}"]);

    internal static bool IsNested(Type type) => type.IsClass && type != typeof(string) && !type.IsArray;
}

/// <summary>A settings class and the section it is bound to.</summary>
public sealed record SettingsSection(string Section, Type Type);

/// <summary>Data annotations of a settings class and of its nested classes, each failure named by its full key.</summary>
internal sealed class AnnotatedSettings<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        Check(section, options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string prefix, object value, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? "";
            var found = value.GetType().GetProperty(member)?.GetValue(value);
            failures.Add($"{prefix}:{member}: {result.ErrorMessage} (found {found ?? "nothing"})");
        }
        foreach (var property in value.GetType().GetProperties().Where(p => Settings.IsNested(p.PropertyType)))
        {
            if (property.GetValue(value) is { } nested) Check($"{prefix}:{property.Name}", nested, failures);
        }
    }
}
