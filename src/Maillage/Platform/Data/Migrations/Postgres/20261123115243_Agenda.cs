using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Agenda : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agenda_series",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    Interval = table.Column<int>(type: "integer", nullable: false),
                    Occurrences = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_series_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "email_outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: true),
                    MessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    To = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ToName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    AttachmentName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AttachmentContentType = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AttachmentContent = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_email_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Theme = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StructureId = table.Column<int>(type: "integer", nullable: true),
                    VenueName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    VenueAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    VenueTerritoryId = table.Column<int>(type: "integer", nullable: true),
                    RoomName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    OnlineUrl = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    Tags = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    AccessibilityNotes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RegistrationMode = table.Column<int>(type: "integer", nullable: false),
                    WaitlistPromotion = table.Column<int>(type: "integer", nullable: false),
                    OfferHoldHours = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    RegistrationOpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RegistrationClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderHours = table.Column<int>(type: "integer", nullable: true),
                    SeatsTaken = table.Column<int>(type: "integer", nullable: false),
                    SeriesId = table.Column<int>(type: "integer", nullable: true),
                    SeriesIndex = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_events_Cites_CiteId",
                        column: x => x.CiteId,
                        principalTable: "Cites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agenda_events_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_agenda_events_Territories_VenueTerritoryId",
                        column: x => x.VenueTerritoryId,
                        principalTable: "Territories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_agenda_events_agenda_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "agenda_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "agenda_event_organisers",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    PartnerId = table.Column<int>(type: "integer", nullable: false),
                    CiteId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_event_organisers", x => new { x.EventId, x.PartnerId });
                    table.ForeignKey(
                        name: "FK_agenda_event_organisers_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agenda_event_organisers_agenda_events_EventId",
                        column: x => x.EventId,
                        principalTable: "agenda_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_event_questions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Choices = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Required = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_event_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_event_questions_agenda_events_EventId",
                        column: x => x.EventId,
                        principalTable: "agenda_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_registrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ManageToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    person_first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    person_last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    person_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    person_phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EmailKey = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    PublicStatus = table.Column<int>(type: "integer", nullable: true),
                    ConsentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WaitlistedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OfferedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OfferExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledBy = table.Column<int>(type: "integer", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attendance = table.Column<int>(type: "integer", nullable: false),
                    AttendedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SurveyToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SurveySentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SurveyAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnonymisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_registrations_agenda_events_EventId",
                        column: x => x.EventId,
                        principalTable: "agenda_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_survey_responses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_survey_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_survey_responses_agenda_events_EventId",
                        column: x => x.EventId,
                        principalTable: "agenda_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_walk_ins",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    PublicStatus = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_walk_ins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_walk_ins_agenda_events_EventId",
                        column: x => x.EventId,
                        principalTable: "agenda_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_registration_answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CiteId = table.Column<int>(type: "integer", nullable: false),
                    RegistrationId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_registration_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_registration_answers_agenda_event_questions_Question~",
                        column: x => x.QuestionId,
                        principalTable: "agenda_event_questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agenda_registration_answers_agenda_registrations_Registrati~",
                        column: x => x.RegistrationId,
                        principalTable: "agenda_registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_event_organisers_PartnerId",
                table: "agenda_event_organisers",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_event_questions_EventId_Order",
                table: "agenda_event_questions",
                columns: new[] { "EventId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_CiteId_StartsAt",
                table: "agenda_events",
                columns: new[] { "CiteId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_SeriesId_StartsAt",
                table: "agenda_events",
                columns: new[] { "SeriesId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_Status_StartsAt",
                table: "agenda_events",
                columns: new[] { "Status", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_StructureId",
                table: "agenda_events",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_VenueTerritoryId",
                table: "agenda_events",
                column: "VenueTerritoryId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registration_answers_QuestionId",
                table: "agenda_registration_answers",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registration_answers_RegistrationId_QuestionId",
                table: "agenda_registration_answers",
                columns: new[] { "RegistrationId", "QuestionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_EventId_EmailKey",
                table: "agenda_registrations",
                columns: new[] { "EventId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_EventId_Status_Id",
                table: "agenda_registrations",
                columns: new[] { "EventId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_ManageToken",
                table: "agenda_registrations",
                column: "ManageToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_Status_OfferExpiresAt",
                table: "agenda_registrations",
                columns: new[] { "Status", "OfferExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_registrations_SurveyToken",
                table: "agenda_registrations",
                column: "SurveyToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_series_CiteId",
                table: "agenda_series",
                column: "CiteId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_survey_responses_EventId",
                table: "agenda_survey_responses",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_walk_ins_EventId_PublicStatus",
                table: "agenda_walk_ins",
                columns: new[] { "EventId", "PublicStatus" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_email_outbox_Kind_Subject",
                table: "email_outbox",
                columns: new[] { "Kind", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_email_outbox_MessageId",
                table: "email_outbox",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_email_outbox_State_DueAt",
                table: "email_outbox",
                columns: new[] { "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_event_organisers");

            migrationBuilder.DropTable(
                name: "agenda_registration_answers");

            migrationBuilder.DropTable(
                name: "agenda_survey_responses");

            migrationBuilder.DropTable(
                name: "agenda_walk_ins");

            migrationBuilder.DropTable(
                name: "email_outbox");

            migrationBuilder.DropTable(
                name: "agenda_event_questions");

            migrationBuilder.DropTable(
                name: "agenda_registrations");

            migrationBuilder.DropTable(
                name: "agenda_events");

            migrationBuilder.DropTable(
                name: "agenda_series");
        }
    }
}
