using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Roster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "roster_commitments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    StructureId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Days = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    Hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    HourlyRate = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_commitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_commitments_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_commitments_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_commitments_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "roster_coverage_alerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    StructureId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Gaps = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_coverage_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_coverage_alerts_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_coverage_alerts_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "roster_patterns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    StructureId = table.Column<int>(type: "integer", nullable: false),
                    PoleId = table.Column<int>(type: "integer", nullable: false),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    CounsellorId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    FirstDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Starts = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Ends = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    RecurrenceRule = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    LastDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ExceptionDates = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_patterns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_patterns_AspNetUsers_CounsellorId",
                        column: x => x.CounsellorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_roster_patterns_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_patterns_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_patterns_Poles_PoleId",
                        column: x => x.PoleId,
                        principalTable: "Poles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_patterns_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "roster_slots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    StructureId = table.Column<int>(type: "integer", nullable: false),
                    PoleId = table.Column<int>(type: "integer", nullable: false),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    CounsellorId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PatternId = table.Column<int>(type: "integer", nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    AbsenceReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReplacesSlotId = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_slots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_slots_AspNetUsers_CounsellorId",
                        column: x => x.CounsellorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_roster_slots_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_slots_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_slots_Poles_PoleId",
                        column: x => x.PoleId,
                        principalTable: "Poles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_slots_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_slots_roster_patterns_PatternId",
                        column: x => x.PatternId,
                        principalTable: "roster_patterns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_roster_slots_roster_slots_ReplacesSlotId",
                        column: x => x.ReplacesSlotId,
                        principalTable: "roster_slots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "roster_swaps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    StructureId = table.Column<int>(type: "integer", nullable: false),
                    SlotId = table.Column<int>(type: "integer", nullable: false),
                    WithSlotId = table.Column<int>(type: "integer", nullable: true),
                    ToPartnerId = table.Column<int>(type: "integer", nullable: true),
                    ToCounsellorId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ProposedById = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedById = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_swaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_swaps_AspNetUsers_ToCounsellorId",
                        column: x => x.ToCounsellorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_roster_swaps_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_swaps_Partners_ToPartnerId",
                        column: x => x.ToPartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_swaps_roster_slots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "roster_slots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_roster_swaps_roster_slots_WithSlotId",
                        column: x => x.WithSlotId,
                        principalTable: "roster_slots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_roster_commitments_CiteId",
                table: "roster_commitments",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_commitments_PartnerId_StructureId_Year",
                table: "roster_commitments",
                columns: new[] { "PartnerId", "StructureId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roster_commitments_StructureId",
                table: "roster_commitments",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_coverage_alerts_CiteId",
                table: "roster_coverage_alerts",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_coverage_alerts_StructureId_Date",
                table: "roster_coverage_alerts",
                columns: new[] { "StructureId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roster_patterns_CiteId",
                table: "roster_patterns",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_patterns_CounsellorId",
                table: "roster_patterns",
                column: "CounsellorId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_patterns_PartnerId",
                table: "roster_patterns",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_patterns_PoleId",
                table: "roster_patterns",
                column: "PoleId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_patterns_StructureId",
                table: "roster_patterns",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_slots_CiteId_StartsAt",
                table: "roster_slots",
                columns: new[] { "CiteId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_slots_CounsellorId",
                table: "roster_slots",
                column: "CounsellorId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_slots_PartnerId_StartsAt",
                table: "roster_slots",
                columns: new[] { "PartnerId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_slots_PatternId_StartsAt",
                table: "roster_slots",
                columns: new[] { "PatternId", "StartsAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roster_slots_PoleId",
                table: "roster_slots",
                column: "PoleId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_slots_ReplacesSlotId",
                table: "roster_slots",
                column: "ReplacesSlotId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_slots_StructureId_StartsAt",
                table: "roster_slots",
                columns: new[] { "StructureId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_swaps_CiteId",
                table: "roster_swaps",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_swaps_SlotId",
                table: "roster_swaps",
                column: "SlotId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_swaps_StructureId_Status",
                table: "roster_swaps",
                columns: new[] { "StructureId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_swaps_ToCounsellorId",
                table: "roster_swaps",
                column: "ToCounsellorId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_swaps_ToPartnerId",
                table: "roster_swaps",
                column: "ToPartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_swaps_WithSlotId",
                table: "roster_swaps",
                column: "WithSlotId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "roster_commitments");

            migrationBuilder.DropTable(
                name: "roster_coverage_alerts");

            migrationBuilder.DropTable(
                name: "roster_swaps");

            migrationBuilder.DropTable(
                name: "roster_slots");

            migrationBuilder.DropTable(
                name: "roster_patterns");
        }
    }
}
