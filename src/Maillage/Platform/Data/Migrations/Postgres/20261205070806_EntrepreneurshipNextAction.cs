using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EntrepreneurshipNextAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NextAction",
                table: "entrepreneurship_holders",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextActionOn",
                table: "entrepreneurship_holders",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NextAction",
                table: "entrepreneurship_holders");

            migrationBuilder.DropColumn(
                name: "NextActionOn",
                table: "entrepreneurship_holders");
        }
    }
}
