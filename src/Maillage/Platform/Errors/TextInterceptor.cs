using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Maillage.Platform.Errors;

/// <summary>
/// <see cref="TextInput"/> at the model boundary: every text property of an entity being added, and every modified
/// one, is checked before the save, whatever page, endpoint, import or job set it; the refusal names the property
/// (camelCase, as forms and JSON bodies name it) in a 422. <see cref="Data.PlainInsert"/> checks its rows the same way.
/// </summary>
internal sealed class TextInterceptor : SaveChangesInterceptor
{
    public static readonly TextInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Check(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Check(db);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext db)
    {
        List<RuleViolation>? problems = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || (entry.State == EntityState.Modified && !property.IsModified)) continue;
                if (Problem(property.Metadata, property.CurrentValue as string) is { } rule) (problems ??= []).Add(rule);
            }
        }
        if (problems is not null) throw RuleViolation.Of(problems);
    }

    /// <summary>The rule a stored text property's value breaks, named after the property; null if none.</summary>
    public static RuleViolation? Problem(IReadOnlyProperty property, string? value) =>
        value is null ? null : TextInput.Problem(FieldName(property.Name), value, multiLine: !TextInput.IsSingleLine(property.Name));

    private static string FieldName(string property) => char.ToLowerInvariant(property[0]) + property[1..];
}
