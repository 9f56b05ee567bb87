using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FundingCallCancellation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_funding_calls_ConventionId_PaymentRuleId_Years",
                table: "funding_calls");

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "funding_calls",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledBy",
                table: "funding_calls",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CancelledOn",
                table: "funding_calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReplacesId",
                table: "funding_calls",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_calls_ConventionId_PaymentRuleId_Years",
                table: "funding_calls",
                columns: new[] { "ConventionId", "PaymentRuleId", "Years" },
                unique: true,
                filter: "\"CancelledOn\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_funding_calls_ConventionId_PaymentRuleId_Years",
                table: "funding_calls");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "funding_calls");

            migrationBuilder.DropColumn(
                name: "CancelledBy",
                table: "funding_calls");

            migrationBuilder.DropColumn(
                name: "CancelledOn",
                table: "funding_calls");

            migrationBuilder.DropColumn(
                name: "ReplacesId",
                table: "funding_calls");

            migrationBuilder.CreateIndex(
                name: "IX_funding_calls_ConventionId_PaymentRuleId_Years",
                table: "funding_calls",
                columns: new[] { "ConventionId", "PaymentRuleId", "Years" },
                unique: true);
        }
    }
}
