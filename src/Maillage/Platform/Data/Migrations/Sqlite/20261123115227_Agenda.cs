using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maillage.Platform.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Interval = table.Column<int>(type: "INTEGER", nullable: false),
                    Occurrences = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ToName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: true),
                    AttachmentName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AttachmentContentType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AttachmentContent = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_email_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Theme = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: true),
                    VenueName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    VenueAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    VenueTerritoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    RoomName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    OnlineUrl = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    AccessibilityNotes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RegistrationMode = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitlistPromotion = table.Column<int>(type: "INTEGER", nullable: false),
                    OfferHoldHours = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    RegistrationOpensAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RegistrationClosesAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderHours = table.Column<int>(type: "INTEGER", nullable: true),
                    SeatsTaken = table.Column<int>(type: "INTEGER", nullable: false),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: true),
                    SeriesIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ManageToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    person_first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    person_last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    person_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    person_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    PublicStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    ConsentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WaitlistedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledBy = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SurveyToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SurveySentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SurveyAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnonymisedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_registration_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_registration_answers_agenda_event_questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "agenda_event_questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agenda_registration_answers_agenda_registrations_RegistrationId",
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
