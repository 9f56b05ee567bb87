using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EntrepreneurshipProspects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entrepreneurship_prospect_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    ProgrammeId = table.Column<int>(type: "integer", nullable: false),
                    RegistrationId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_prospect_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_prospect_decisions_entrepreneurship_progra~",
                        column: x => x.ProgrammeId,
                        principalTable: "entrepreneurship_programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_prospect_decisions_CiteId",
                table: "entrepreneurship_prospect_decisions",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_prospect_decisions_ProgrammeId_Registratio~",
                table: "entrepreneurship_prospect_decisions",
                columns: new[] { "ProgrammeId", "RegistrationId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entrepreneurship_prospect_decisions");
        }
    }
}
