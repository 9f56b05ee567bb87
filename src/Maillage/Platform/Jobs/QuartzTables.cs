using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Platform.Jobs;

/// <summary>
/// The tables of Quartz.NET's ADO job store (its tables_postgres.sql / tables_sqlite.sql), declared as
/// EF Core entities so that our migrations create them on both providers and a regenerated migration
/// keeps them. Lower-case names: PostgreSQL folds Quartz's unquoted QRTZ_ identifiers to lower case,
/// and SQLite ignores case. Only Quartz reads and writes these rows.
/// </summary>
internal static class QuartzTables
{
    public static void Map(ModelBuilder b)
    {
        Table<QrtzJobDetail>(b, "qrtz_job_details", e => { e.HasKey(x => new { x.sched_name, x.job_name, x.job_group }); e.HasIndex(x => new { x.sched_name, x.requests_recovery }); e.HasIndex(x => new { x.sched_name, x.job_group, x.job_name }); });
        Table<QrtzTrigger>(b, "qrtz_triggers", e =>
        {
            e.HasKey(x => new { x.sched_name, x.trigger_name, x.trigger_group });
            e.HasOne<QrtzJobDetail>().WithMany().HasForeignKey(x => new { x.sched_name, x.job_name, x.job_group }).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.preferred_node_auto).HasDefaultValue(false);
            e.HasIndex(x => new { x.sched_name, x.next_fire_time });
            e.HasIndex(x => new { x.sched_name, x.trigger_state });
            e.HasIndex(x => new { x.sched_name, x.trigger_state, x.next_fire_time });
            e.HasIndex(x => new { x.sched_name, x.trigger_group, x.trigger_name });
        });
        TriggerChild<QrtzSimpleTrigger>(b, "qrtz_simple_triggers");
        TriggerChild<QrtzSimpropTrigger>(b, "qrtz_simprop_triggers");
        TriggerChild<QrtzCronTrigger>(b, "qrtz_cron_triggers");
        TriggerChild<QrtzBlobTrigger>(b, "qrtz_blob_triggers");
        Table<QrtzCalendar>(b, "qrtz_calendars", e => e.HasKey(x => new { x.sched_name, x.calendar_name }));
        Table<QrtzPausedTriggerGroup>(b, "qrtz_paused_trigger_grps", e => e.HasKey(x => new { x.sched_name, x.trigger_group }));
        Table<QrtzFiredTrigger>(b, "qrtz_fired_triggers", e =>
        {
            e.HasKey(x => new { x.sched_name, x.entry_id });
            e.HasIndex(x => new { x.sched_name, x.trigger_name, x.trigger_group });
            e.HasIndex(x => new { x.sched_name, x.instance_name });
            e.HasIndex(x => x.job_name);
            e.HasIndex(x => x.job_group);
            e.HasIndex(x => x.requests_recovery);
        });
        Table<QrtzSchedulerState>(b, "qrtz_scheduler_state", e => e.HasKey(x => new { x.sched_name, x.instance_name }));
        Table<QrtzLock>(b, "qrtz_locks", e => e.HasKey(x => new { x.sched_name, x.lock_name }));
    }

    private static void Table<T>(ModelBuilder b, string name, Action<EntityTypeBuilder<T>> configure) where T : class
    {
        var e = b.Entity<T>();
        e.ToTable(name);
        foreach (var p in typeof(T).GetProperties())
        {
            e.Property(p.Name).HasColumnName(p.Name);
            if (p.PropertyType == typeof(string)) e.Property(p.Name).Metadata.SetMaxLength(null);
        }
        configure(e);
    }

    private static void TriggerChild<T>(ModelBuilder b, string name) where T : QrtzTriggerChild =>
        Table<T>(b, name, e =>
        {
            e.HasKey(x => new { x.sched_name, x.trigger_name, x.trigger_group });
            e.HasOne<QrtzTrigger>().WithOne().HasForeignKey<T>(x => new { x.sched_name, x.trigger_name, x.trigger_group }).OnDelete(DeleteBehavior.Cascade);
        });
}

#pragma warning disable IDE1006 // Quartz's own column names
internal sealed class QrtzJobDetail
{
    public string sched_name { get; set; } = "";
    public string job_name { get; set; } = "";
    public string job_group { get; set; } = "";
    public string? description { get; set; }
    public string job_class_name { get; set; } = "";
    public bool is_durable { get; set; }
    public bool is_nonconcurrent { get; set; }
    public bool is_update_data { get; set; }
    public bool requests_recovery { get; set; }
    public byte[]? job_data { get; set; }
}

internal sealed class QrtzTrigger
{
    public string sched_name { get; set; } = "";
    public string trigger_name { get; set; } = "";
    public string trigger_group { get; set; } = "";
    public string job_name { get; set; } = "";
    public string job_group { get; set; } = "";
    public string? description { get; set; }
    public long? next_fire_time { get; set; }
    public long? prev_fire_time { get; set; }
    public int? priority { get; set; }
    public string trigger_state { get; set; } = "";
    public string trigger_type { get; set; } = "";
    public long start_time { get; set; }
    public long? end_time { get; set; }
    public string? calendar_name { get; set; }
    public short? misfire_instr { get; set; }
    public long? misfire_orig_fire_time { get; set; }
    public string? execution_group { get; set; }
    public string? preferred_node { get; set; }
    public bool preferred_node_auto { get; set; }
    public byte[]? job_data { get; set; }
}

internal abstract class QrtzTriggerChild
{
    public string sched_name { get; set; } = "";
    public string trigger_name { get; set; } = "";
    public string trigger_group { get; set; } = "";
}

internal sealed class QrtzSimpleTrigger : QrtzTriggerChild
{
    public long repeat_count { get; set; }
    public long repeat_interval { get; set; }
    public long times_triggered { get; set; }
}

internal sealed class QrtzSimpropTrigger : QrtzTriggerChild
{
    public string? str_prop_1 { get; set; }
    public string? str_prop_2 { get; set; }
    public string? str_prop_3 { get; set; }
    public int? int_prop_1 { get; set; }
    public int? int_prop_2 { get; set; }
    public long? long_prop_1 { get; set; }
    public long? long_prop_2 { get; set; }
    public decimal? dec_prop_1 { get; set; }
    public decimal? dec_prop_2 { get; set; }
    public bool? bool_prop_1 { get; set; }
    public bool? bool_prop_2 { get; set; }
    public string? time_zone_id { get; set; }
}

internal sealed class QrtzCronTrigger : QrtzTriggerChild
{
    public string cron_expression { get; set; } = "";
    public string? time_zone_id { get; set; }
}

internal sealed class QrtzBlobTrigger : QrtzTriggerChild
{
    public byte[]? blob_data { get; set; }
}

internal sealed class QrtzCalendar
{
    public string sched_name { get; set; } = "";
    public string calendar_name { get; set; } = "";
    public byte[] calendar { get; set; } = [];
}

internal sealed class QrtzPausedTriggerGroup
{
    public string sched_name { get; set; } = "";
    public string trigger_group { get; set; } = "";
}

internal sealed class QrtzFiredTrigger
{
    public string sched_name { get; set; } = "";
    public string entry_id { get; set; } = "";
    public string trigger_name { get; set; } = "";
    public string trigger_group { get; set; } = "";
    public string instance_name { get; set; } = "";
    public long fired_time { get; set; }
    public long sched_time { get; set; }
    public int priority { get; set; }
    public string state { get; set; } = "";
    public string? job_name { get; set; }
    public string? job_group { get; set; }
    public bool is_nonconcurrent { get; set; }
    public bool? requests_recovery { get; set; }
    public string? execution_group { get; set; }
}

internal sealed class QrtzSchedulerState
{
    public string sched_name { get; set; } = "";
    public string instance_name { get; set; } = "";
    public long last_checkin_time { get; set; }
    public long checkin_interval { get; set; }
}

internal sealed class QrtzLock
{
    public string sched_name { get; set; } = "";
    public string lock_name { get; set; } = "";
}
#pragma warning restore IDE1006
