using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maillage.Platform.Data;

/// <summary>
/// SQLite stores a DateTimeOffset as text, and EF Core refuses to compare or sort such columns in SQL. So on SQLite
/// every DateTimeOffset of every entity is stored as UTC ticks, which compare and sort in the database, whatever
/// module declares it: a new module filters by time on both databases without doing anything. PostgreSQL keeps
/// timestamptz. The only exceptions are the entities of earlier migrations marked <see cref="TimesAsTextAttribute"/>.
/// </summary>
internal static class SortableTimes
{
    private static readonly ValueConverter<DateTimeOffset, long> Ticks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    private static readonly ValueConverter<DateTimeOffset?, long?> NullableTicks =
        new(v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);

    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(t => !KeepsText(t.ClrType)))
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(Ticks);
                else if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(NullableTicks);
            }
        }
    }

    /// <summary>Whether this entity keeps the text form of earlier migrations.</summary>
    public static bool KeepsText(Type type) =>
        type.GetCustomAttributes(typeof(TimesAsTextAttribute), inherit: true).Length > 0;
}

/// <summary>
/// This entity's times were created as text on SQLite by a migration written before times were sortable by default,
/// and stay so (they are never compared or sorted in SQL). Kept for existing databases only: a new entity never takes
/// it (an architecture test holds the list).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class TimesAsTextAttribute : Attribute;
