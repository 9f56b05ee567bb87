using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntrepreneurshipPartnerLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AnswersByLink",
                table: "entrepreneurship_referral_partners",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "entrepreneurship_referral_partners",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactName",
                table: "entrepreneurship_referral_partners",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "entrepreneurship_partner_referrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HolderId = table.Column<int>(type: "INTEGER", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Answer = table.Column<int>(type: "INTEGER", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RedirectedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurship_partner_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_partner_referrals_entrepreneurship_referral_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "entrepreneurship_referral_partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_entrepreneurship_partner_referrals_entrepreneurship_steps_StepId",
                        column: x => x.StepId,
                        principalTable: "entrepreneurship_steps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_partner_referrals_CiteId",
                table: "entrepreneurship_partner_referrals",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_partner_referrals_HolderId",
                table: "entrepreneurship_partner_referrals",
                column: "HolderId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_partner_referrals_PartnerId",
                table: "entrepreneurship_partner_referrals",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_partner_referrals_ProgrammeId_PartnerId",
                table: "entrepreneurship_partner_referrals",
                columns: new[] { "ProgrammeId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_partner_referrals_StepId",
                table: "entrepreneurship_partner_referrals",
                column: "StepId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurship_partner_referrals_TokenHash",
                table: "entrepreneurship_partner_referrals",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entrepreneurship_partner_referrals");

            migrationBuilder.DropColumn(
                name: "AnswersByLink",
                table: "entrepreneurship_referral_partners");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "entrepreneurship_referral_partners");

            migrationBuilder.DropColumn(
                name: "ContactName",
                table: "entrepreneurship_referral_partners");
        }
    }
}
