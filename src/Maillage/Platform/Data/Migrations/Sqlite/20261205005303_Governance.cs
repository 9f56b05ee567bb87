using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Governance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "governance_bodies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Seat = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    District = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NumberPrefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ExpectedSessionsPerYear = table.Column<int>(type: "INTEGER", nullable: true),
                    MinConvocationDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SecretaryUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SecretaryName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Quorum_Denominator = table.Column<int>(type: "INTEGER", nullable: false),
                    Quorum_MaxProxiesPerMember = table.Column<int>(type: "INTEGER", nullable: false),
                    Quorum_Numerator = table.Column<int>(type: "INTEGER", nullable: false),
                    Quorum_ProxiesCount = table.Column<bool>(type: "INTEGER", nullable: false),
                    Quorum_Strict = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_bodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_bodies_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_governance_bodies_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "governance_deliberation_counters",
                columns: table => new
                {
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_deliberation_counters", x => new { x.BodyId, x.Year });
                    table.ForeignKey(
                        name: "FK_governance_deliberation_counters_governance_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "governance_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "governance_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Civility = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    SubstituteOfId = table.Column<int>(type: "INTEGER", nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_members_governance_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "governance_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_governance_members_governance_members_SubstituteOfId",
                        column: x => x.SubstituteOfId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "governance_sessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Videoconference = table.Column<bool>(type: "INTEGER", nullable: false),
                    VideoLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConvenedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ChairMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    SecretaryMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_sessions_governance_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "governance_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_governance_sessions_governance_members_ChairMemberId",
                        column: x => x.ChairMemberId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_governance_sessions_governance_members_SecretaryMemberId",
                        column: x => x.SecretaryMemberId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "governance_agenda_items",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DocumentUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_agenda_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_agenda_items_governance_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "governance_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "governance_attendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubstituteId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProxyHolderId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_attendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_attendance_governance_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_governance_attendance_governance_members_ProxyHolderId",
                        column: x => x.ProxyHolderId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_governance_attendance_governance_members_SubstituteId",
                        column: x => x.SubstituteId,
                        principalTable: "governance_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_governance_attendance_governance_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "governance_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "governance_deliberations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Object = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Rapporteur = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BudgetImputation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TransmittedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TransmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LinkKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LinkId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LinkLabel = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Vote_Abstentions = table.Column<int>(type: "INTEGER", nullable: false),
                    Vote_Against = table.Column<int>(type: "INTEGER", nullable: false),
                    Vote_For = table.Column<int>(type: "INTEGER", nullable: false),
                    Vote_NotVoting = table.Column<int>(type: "INTEGER", nullable: false),
                    Vote_Unanimous = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_deliberations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_deliberations_governance_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "governance_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_governance_deliberations_governance_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "governance_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "governance_articles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliberationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_articles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_articles_governance_deliberations_DeliberationId",
                        column: x => x.DeliberationId,
                        principalTable: "governance_deliberations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "governance_recitals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliberationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_recitals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_governance_recitals_governance_deliberations_DeliberationId",
                        column: x => x.DeliberationId,
                        principalTable: "governance_deliberations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_governance_agenda_items_SessionId",
                table: "governance_agenda_items",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_articles_DeliberationId",
                table: "governance_articles",
                column: "DeliberationId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_attendance_MemberId",
                table: "governance_attendance",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_attendance_ProxyHolderId",
                table: "governance_attendance",
                column: "ProxyHolderId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_attendance_SessionId_MemberId",
                table: "governance_attendance",
                columns: new[] { "SessionId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_governance_attendance_SubstituteId",
                table: "governance_attendance",
                column: "SubstituteId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_bodies_CiteId_Name",
                table: "governance_bodies",
                columns: new[] { "CiteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_governance_bodies_PartnerId",
                table: "governance_bodies",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_deliberations_BodyId_Number",
                table: "governance_deliberations",
                columns: new[] { "BodyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_governance_deliberations_BodyId_Year_Sequence",
                table: "governance_deliberations",
                columns: new[] { "BodyId", "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_governance_deliberations_CiteId",
                table: "governance_deliberations",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_deliberations_LinkKind_LinkId",
                table: "governance_deliberations",
                columns: new[] { "LinkKind", "LinkId" });

            migrationBuilder.CreateIndex(
                name: "IX_governance_deliberations_SessionId",
                table: "governance_deliberations",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_members_BodyId",
                table: "governance_members",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_members_CiteId",
                table: "governance_members",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_members_SubstituteOfId",
                table: "governance_members",
                column: "SubstituteOfId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_recitals_DeliberationId",
                table: "governance_recitals",
                column: "DeliberationId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_sessions_BodyId_StartsAt",
                table: "governance_sessions",
                columns: new[] { "BodyId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_governance_sessions_ChairMemberId",
                table: "governance_sessions",
                column: "ChairMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_sessions_CiteId",
                table: "governance_sessions",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_sessions_SecretaryMemberId",
                table: "governance_sessions",
                column: "SecretaryMemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "governance_agenda_items");

            migrationBuilder.DropTable(
                name: "governance_articles");

            migrationBuilder.DropTable(
                name: "governance_attendance");

            migrationBuilder.DropTable(
                name: "governance_deliberation_counters");

            migrationBuilder.DropTable(
                name: "governance_recitals");

            migrationBuilder.DropTable(
                name: "governance_deliberations");

            migrationBuilder.DropTable(
                name: "governance_sessions");

            migrationBuilder.DropTable(
                name: "governance_members");

            migrationBuilder.DropTable(
                name: "governance_bodies");
        }
    }
}
