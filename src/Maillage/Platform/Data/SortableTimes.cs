using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maillage.Platform.Data;

/// <summary>
/// SQLite stores a DateTimeOffset as text, and EF Core refuses to compare or sort such columns in SQL.
/// Modules whose queries filter by time (the agenda by date, the outbox by due time) store them on
/// SQLite as UTC ticks instead, which compare and sort in the database. PostgreSQL keeps timestamptz.
/// Opt-in per namespace so that columns of earlier migrations keep their type.
/// </summary>
internal static class SortableTimes
{
    public static readonly string[] Namespaces = ["Maillage.Agenda", "Maillage.Platform.Email"];

    private static readonly ValueConverter<DateTimeOffset, long> Ticks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    private static readonly ValueConverter<DateTimeOffset?, long?> NullableTicks =
        new(v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);

    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(t => Namespaces.Any(n => t.ClrType.Namespace?.StartsWith(n, StringComparison.Ordinal) == true)))
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(Ticks);
                else if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(NullableTicks);
            }
        }
    }
}
