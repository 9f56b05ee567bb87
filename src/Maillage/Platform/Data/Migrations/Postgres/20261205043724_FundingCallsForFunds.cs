using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FundingCallsForFunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "funding_calls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    ConventionId = table.Column<int>(type: "integer", nullable: false),
                    PaymentRuleId = table.Column<int>(type: "integer", nullable: false),
                    Years = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Payer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Payee = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PayeeBankDetails = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IssuedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_calls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_calls_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_call_lines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallForFundsId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_call_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_call_lines_funding_calls_CallForFundsId",
                        column: x => x.CallForFundsId,
                        principalTable: "funding_calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_funding_call_lines_CallForFundsId",
                table: "funding_call_lines",
                column: "CallForFundsId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_calls_CiteId_Year_Sequence",
                table: "funding_calls",
                columns: new[] { "CiteId", "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_calls_ConventionId_PaymentRuleId_Years",
                table: "funding_calls",
                columns: new[] { "ConventionId", "PaymentRuleId", "Years" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funding_call_lines");

            migrationBuilder.DropTable(
                name: "funding_calls");
        }
    }
}
