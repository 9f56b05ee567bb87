using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <summary>
    /// The primary key of <c>VisitRollups</c> gains <c>Slot</c>. On SQLite a primary-key change is a table rebuild; EF
    /// Core's own rebuild turns foreign keys off around it (<c>PRAGMA foreign_keys = 0</c>, which cannot run inside a
    /// transaction), so it commits half-way and logs a migration warning on every first start. No foreign key points to
    /// or from <c>VisitRollups</c>, so the rebuild is written out here as one statement list that runs inside the
    /// migration's transaction, with foreign keys on: the resulting table is the one EF Core's rebuild made (same
    /// columns, order and key), so databases migrated before this change are the same.
    /// </summary>
    public partial class VisitRollupSlots : Migration
    {
        private const string Columns = "\"CiteId\", \"Grouping\", \"Month\", \"StructureId\", \"Kind\", \"A\", \"B\", \"C\"";

        private static string Rebuild(bool withSlot) => $"""
            CREATE TABLE "ef_temp_VisitRollups" (
                "CiteId" INTEGER NOT NULL,
                "Grouping" INTEGER NOT NULL,
                "Month" INTEGER NOT NULL,
                "StructureId" INTEGER NOT NULL,
                "Kind" INTEGER NOT NULL,
                "A" INTEGER NOT NULL,
                "B" INTEGER NOT NULL,
                "C" INTEGER NOT NULL,{(withSlot ? "\n    \"Slot\" INTEGER NOT NULL," : "")}
                "Count" INTEGER NOT NULL,
                CONSTRAINT "PK_VisitRollups" PRIMARY KEY ({Columns}{(withSlot ? ", \"Slot\"" : "")})
            );
            INSERT INTO "ef_temp_VisitRollups" ({Columns}{(withSlot ? ", \"Slot\"" : "")}, "Count")
            {(withSlot
                ? $"SELECT {Columns}, 0, \"Count\" FROM \"VisitRollups\";"
                : $"SELECT {Columns}, SUM(\"Count\") FROM \"VisitRollups\" GROUP BY {Columns};")}
            DROP TABLE "VisitRollups";
            ALTER TABLE "ef_temp_VisitRollups" RENAME TO "VisitRollups";
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Rebuild(withSlot: true));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Rebuild(withSlot: false));
    }
}
