using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Funding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "funding_conventions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Object = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TermMonthsFromSignature = table.Column<int>(type: "INTEGER", nullable: true),
                    NoticeMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    NoticeForm = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TacitRenewal = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisputesClause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Rounding = table.Column<int>(type: "INTEGER", nullable: false),
                    ManagerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_conventions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_conventions_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_actions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_actions_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_amendments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Term = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Value = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_amendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_amendments_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_convention_structures",
                columns: table => new
                {
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_convention_structures", x => new { x.ConventionId, x.StructureId });
                    table.ForeignKey(
                        name: "FK_funding_convention_structures_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_funding_convention_structures_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_convention_territories",
                columns: table => new
                {
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_convention_territories", x => new { x.ConventionId, x.TerritoryId });
                    table.ForeignKey(
                        name: "FK_funding_convention_territories_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_funding_convention_territories_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_cost_sharing",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PayerPartyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Share = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    Cap = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_cost_sharing", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_cost_sharing_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_deadline_notices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_deadline_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_deadline_notices_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_documents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_documents_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_parties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    Representative = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    BankDetails = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_parties_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_funding_parties_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_payment_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PayerPartyId = table.Column<int>(type: "INTEGER", nullable: true),
                    PayeePartyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Month = table.Column<int>(type: "INTEGER", nullable: true),
                    TermDays = table.Column<int>(type: "INTEGER", nullable: true),
                    RequiresAnnualReport = table.Column<bool>(type: "INTEGER", nullable: false),
                    PartialFirstYearWithNext = table.Column<bool>(type: "INTEGER", nullable: false),
                    SubsidyColumnId = table.Column<int>(type: "INTEGER", nullable: true),
                    IncludesCostSharing = table.Column<bool>(type: "INTEGER", nullable: false),
                    Wording = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_payment_rules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_payment_rules_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_payments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_payments_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_subsidy_tables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DayCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_subsidy_tables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_subsidy_tables_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    TerritoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsPercent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_targets_Territories_TerritoryId",
                        column: x => x.TerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_funding_targets_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_years",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConventionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    PayerPartyId = table.Column<int>(type: "INTEGER", nullable: true),
                    DayRateExclVat = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    VatRate = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    SignedAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_years", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_years_funding_conventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "funding_conventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_action_days",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ForecastDays = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    FinancedDays = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_action_days", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_action_days_funding_actions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "funding_actions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_actual_costs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SpentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    DocumentName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_actual_costs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_actual_costs_funding_cost_sharing_RuleId",
                        column: x => x.RuleId,
                        principalTable: "funding_cost_sharing",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_funding_actual_costs_funding_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "funding_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "funding_document_contents",
                columns: table => new
                {
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_document_contents", x => x.DocumentId);
                    table.ForeignKey(
                        name: "FK_funding_document_contents_funding_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "funding_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_subsidy_columns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TableId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PartyId = table.Column<int>(type: "INTEGER", nullable: true),
                    AnnualAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_subsidy_columns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_subsidy_columns_funding_parties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "funding_parties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_funding_subsidy_columns_funding_subsidy_tables_TableId",
                        column: x => x.TableId,
                        principalTable: "funding_subsidy_tables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funding_subsidy_figures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ColumnId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    YearLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Signed = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_subsidy_figures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funding_subsidy_figures_funding_subsidy_columns_ColumnId",
                        column: x => x.ColumnId,
                        principalTable: "funding_subsidy_columns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_funding_action_days_ActionId_Year",
                table: "funding_action_days",
                columns: new[] { "ActionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_actions_ConventionId",
                table: "funding_actions",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_actual_costs_DocumentId",
                table: "funding_actual_costs",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_actual_costs_RuleId",
                table: "funding_actual_costs",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_amendments_ConventionId_Number",
                table: "funding_amendments",
                columns: new[] { "ConventionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_convention_structures_StructureId",
                table: "funding_convention_structures",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_convention_territories_TerritoryId",
                table: "funding_convention_territories",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_conventions_CiteId",
                table: "funding_conventions",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_cost_sharing_ConventionId",
                table: "funding_cost_sharing",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_deadline_notices_ConventionId_Kind_Date",
                table: "funding_deadline_notices",
                columns: new[] { "ConventionId", "Kind", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_documents_ConventionId",
                table: "funding_documents",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_parties_ConventionId",
                table: "funding_parties",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_parties_PartnerId",
                table: "funding_parties",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_payment_rules_ConventionId",
                table: "funding_payment_rules",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_payments_ConventionId",
                table: "funding_payments",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_subsidy_columns_PartyId",
                table: "funding_subsidy_columns",
                column: "PartyId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_subsidy_columns_TableId",
                table: "funding_subsidy_columns",
                column: "TableId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_subsidy_figures_ColumnId_Year",
                table: "funding_subsidy_figures",
                columns: new[] { "ColumnId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_subsidy_tables_ConventionId",
                table: "funding_subsidy_tables",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_targets_ConventionId",
                table: "funding_targets",
                column: "ConventionId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_targets_TerritoryId",
                table: "funding_targets",
                column: "TerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_funding_years_ConventionId_Year",
                table: "funding_years",
                columns: new[] { "ConventionId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funding_action_days");

            migrationBuilder.DropTable(
                name: "funding_actual_costs");

            migrationBuilder.DropTable(
                name: "funding_amendments");

            migrationBuilder.DropTable(
                name: "funding_convention_structures");

            migrationBuilder.DropTable(
                name: "funding_convention_territories");

            migrationBuilder.DropTable(
                name: "funding_deadline_notices");

            migrationBuilder.DropTable(
                name: "funding_document_contents");

            migrationBuilder.DropTable(
                name: "funding_payment_rules");

            migrationBuilder.DropTable(
                name: "funding_payments");

            migrationBuilder.DropTable(
                name: "funding_subsidy_figures");

            migrationBuilder.DropTable(
                name: "funding_targets");

            migrationBuilder.DropTable(
                name: "funding_years");

            migrationBuilder.DropTable(
                name: "funding_actions");

            migrationBuilder.DropTable(
                name: "funding_cost_sharing");

            migrationBuilder.DropTable(
                name: "funding_documents");

            migrationBuilder.DropTable(
                name: "funding_subsidy_columns");

            migrationBuilder.DropTable(
                name: "funding_parties");

            migrationBuilder.DropTable(
                name: "funding_subsidy_tables");

            migrationBuilder.DropTable(
                name: "funding_conventions");
        }
    }
}
