using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddEntrepreneurship : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entrepreneurship_programmes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: true),
                    OperatorPartnerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_programmes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_programmes_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_programmes_Partners_OperatorPartnerId",
                        column: x => x.OperatorPartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_programmes_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "entrepreneurship_anonymous_counts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    QpvId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReferralPartnerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_anonymous_counts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_anonymous_counts_entrepreneurship_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "entrepreneurship_programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entrepreneurship_holders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    CoachUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CoachName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ConsentGivenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ConsentTextVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ConsentCovers = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: true),
                    QpvId = table.Column<int>(type: "INTEGER", nullable: true),
                    Fragility = table.Column<int>(type: "INTEGER", nullable: false),
                    Prescriber = table.Column<int>(type: "INTEGER", nullable: false),
                    PrescriberDetail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IntendedLegalForm = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IntendedInQpv = table.Column<bool>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastContactOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_holders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_holders_Territories_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_holders_Territories_QpvId",
                        column: x => x.QpvId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_holders_entrepreneurship_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "entrepreneurship_programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "entrepreneurship_referral_partners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_referral_partners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_referral_partners_entrepreneurship_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "entrepreneurship_programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entrepreneurship_targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_targets_entrepreneurship_programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "entrepreneurship_programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entrepreneurship_steps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HolderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: true),
                    AgendaEventId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReferralPartnerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Answer = table.Column<int>(type: "INTEGER", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LegalForm = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Siret = table.Column<string>(type: "TEXT", maxLength: 14, nullable: true),
                    CreatedInQpv = table.Column<bool>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_steps_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_steps_entrepreneurship_holders_HolderId",
                        column: x => x.HolderId,
                        principalTable: "entrepreneurship_holders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_steps_entrepreneurship_referral_partners_ReferralPartnerId",
                        column: x => x.ReferralPartnerId,
                        principalTable: "entrepreneurship_referral_partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_anonymous_counts_CiteId",
                table: "entrepreneurship_anonymous_counts",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_anonymous_counts_ProgrammeId_Month",
                table: "entrepreneurship_anonymous_counts",
                columns: new[] { "ProgrammeId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CiteId",
                table: "entrepreneurship_holders",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_CommuneId",
                table: "entrepreneurship_holders",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_LastContactOn",
                table: "entrepreneurship_holders",
                column: "LastContactOn");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_ProgrammeId_LastName",
                table: "entrepreneurship_holders",
                columns: new[] { "ProgrammeId", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_holders_QpvId",
                table: "entrepreneurship_holders",
                column: "QpvId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_programmes_CiteId_Name",
                table: "entrepreneurship_programmes",
                columns: new[] { "CiteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_programmes_OperatorPartnerId",
                table: "entrepreneurship_programmes",
                column: "OperatorPartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_programmes_StructureId",
                table: "entrepreneurship_programmes",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_referral_partners_ProgrammeId_Key",
                table: "entrepreneurship_referral_partners",
                columns: new[] { "ProgrammeId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_steps_CiteId",
                table: "entrepreneurship_steps",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_steps_HolderId",
                table: "entrepreneurship_steps",
                column: "HolderId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_steps_ProgrammeId_Date",
                table: "entrepreneurship_steps",
                columns: new[] { "ProgrammeId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_steps_ReferralPartnerId",
                table: "entrepreneurship_steps",
                column: "ReferralPartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_steps_StructureId",
                table: "entrepreneurship_steps",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_targets_ProgrammeId_Year_Indicator",
                table: "entrepreneurship_targets",
                columns: new[] { "ProgrammeId", "Year", "Indicator" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entrepreneurship_anonymous_counts");

            migrationBuilder.DropTable(
                name: "entrepreneurship_steps");

            migrationBuilder.DropTable(
                name: "entrepreneurship_targets");

            migrationBuilder.DropTable(
                name: "entrepreneurship_holders");

            migrationBuilder.DropTable(
                name: "entrepreneurship_referral_partners");

            migrationBuilder.DropTable(
                name: "entrepreneurship_programmes");
        }
    }
}
