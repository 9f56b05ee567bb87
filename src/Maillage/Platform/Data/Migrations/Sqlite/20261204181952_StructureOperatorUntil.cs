using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StructureOperatorUntil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "OperatorUntil",
                table: "Structures",
                type: "TEXT",
                nullable: true);

            // The reference network seeded before: the Annemasse contract ran to 31 December 2024 at most (seed 000).
            migrationBuilder.Sql("""
                UPDATE Structures SET OperatorUntil = '2024-12-31',
                    Operator = 'Prestataire titulaire du marché public de gestion quotidienne, pour Annemasse Agglomération'
                WHERE Operator = 'Prestataire titulaire du marché public de gestion quotidienne (2021 – 2024 au plus), pour Annemasse Agglomération'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OperatorUntil",
                table: "Structures");
        }
    }
}
