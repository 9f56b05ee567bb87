using System.Net;
using System.Text.Json;
using Maillage.Entrepreneurship;
using Maillage.Entrepreneurship.Holders;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// The board's values stored on the holder (issue 23 "Speed"): the stage reached and the next follow-up due stay equal to
/// what the steps say after every kind of step, after a correction through the page, and after the migration fills them.
/// </summary>
public sealed class BoardColumnsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private Task<(StepKind? Stored, DateOnly? StoredDue, StepKind? Computed, DateOnly? ComputedDue)> ValuesAsync(int id) => app.WithDbAsync(async db =>
    {
        var h = await db.Set<ProjectHolder>().IgnoreQueryFilters().AsNoTracking().Include(x => x.Steps).SingleAsync(x => x.Id == id);
        return (h.CurrentStage, h.FollowUpDueOn, h.Stage, FollowUp.DueOn(h));
    });

    private async Task AssertStoredAsync(int id, StepKind? stage, string? due)
    {
        var v = await ValuesAsync(id);
        Assert.Equal(stage, v.Stored);
        Assert.Equal(v.Computed, v.Stored);
        Assert.Equal(due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), v.StoredDue);
        Assert.Equal(v.ComputedDue, v.StoredDue);
    }

    [Fact]
    public async Task Given_each_kind_of_step_and_corrections_Then_the_stored_stage_and_follow_up_due_stay_those_of_the_steps()
    {
        var user = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var coach = await app.ClientAsync(user);
        var browser = await app.SignedInAsync(user);
        var id = await coach.CreateHolderAsync(Body("Inès", "Tableau"));
        await AssertStoredAsync(id, null, null);
        await coach.StepAsync(id, new { kind = "sensitised", date = "2026-03-02" });
        await AssertStoredAsync(id, StepKind.Sensitised, null);
        await coach.StepAsync(id, new { kind = "received", date = "2026-03-09", durationMinutes = 60 });
        await AssertStoredAsync(id, StepKind.Received, null);
        await coach.StepAsync(id, new { kind = "amorcage", date = "2026-03-23", durationMinutes = 90 });
        await AssertStoredAsync(id, StepKind.Amorcage, null);
        await coach.StepAsync(id, new { kind = "referred", date = "2026-04-06", partner = "adie" });
        await AssertStoredAsync(id, StepKind.Referred, null);
        await coach.StepAsync(id, new { kind = "amorcage", date = "2026-04-06", durationMinutes = 60 }); // same day: the referral ranks after
        await AssertStoredAsync(id, StepKind.Referred, null);
        await coach.StepAsync(id, new { kind = "created", date = "2026-06-01", legalForm = "Micro-entreprise", siret = "73282932000074" });
        await AssertStoredAsync(id, StepKind.Created, "2026-08-01");
        await coach.StepAsync(id, new { kind = "followUp", date = "2026-08-01" });
        await AssertStoredAsync(id, StepKind.FollowUp, "2026-10-01");
        var board = JsonDocument.Parse(await coach.GetStringAsync("/api/v1/entrepreneurship/holders?overdue=true")).RootElement;
        Assert.Contains(board.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id && r.GetProperty("stage").GetString() == "followUp" && r.GetProperty("followUpDue").GetString() == "2026-10-01");

        // Corrections through the step page: the follow-up moved earlier, then the creation moved: the due date follows.
        var steps = await app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == id).OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync());
        var followUp = steps.Single(s => s.Kind == StepKind.FollowUp);
        var corrected = await browser.PostFormAsync($"/gestion/citeslab/porteurs/{id}/etape/{followUp.Id}", new() { ["Input.Kind"] = "FollowUp", ["Input.Date"] = "2026-07-15" });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        await AssertStoredAsync(id, StepKind.FollowUp, "2026-09-15");

        // The follow-up moved earlier again, then the creation moved: the due date counts from the last meeting.
        var created = steps.Single(s => s.Kind == StepKind.Created);
        var late = await browser.PostFormAsync($"/gestion/citeslab/porteurs/{id}/etape/{followUp.Id}", new() { ["Input.Kind"] = "FollowUp", ["Input.Date"] = "2026-06-20" });
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        await AssertStoredAsync(id, StepKind.FollowUp, "2026-08-20");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/gestion/citeslab/porteurs/{id}/etape/{created.Id}",
            new() { ["Input.Kind"] = "Created", ["Input.Date"] = "2026-05-29", ["Input.LegalForm"] = "SASU", ["Input.Siret"] = "73282932000074" })).StatusCode);
        await AssertStoredAsync(id, StepKind.FollowUp, "2026-08-20");

        // A path closed by another outcome has no follow-up; its stage is the outcome.
        var other = await coach.CreateHolderAsync(Body("Noé", "Autre"));
        await coach.StepAsync(other, new { kind = "received", date = "2026-03-09" });
        await coach.StepAsync(other, new { kind = "otherOutcome", date = "2026-04-01", outcome = "employment" });
        await AssertStoredAsync(other, StepKind.OtherOutcome, null);
    }

    [Fact]
    public async Task Given_holders_recorded_before_the_columns_Then_the_migration_fills_them_as_the_steps_say()
    {
        var coach = await app.CoachAsync();
        var young = await coach.CreateHolderAsync(Body("Lina", "Avant"));
        await coach.StepAsync(young, new { kind = "received", date = "2025-12-01" });
        await coach.StepAsync(young, new { kind = "created", date = "2025-12-31", legalForm = "EI", siret = "73282932000074" });
        var older = await coach.CreateHolderAsync(Body("Omar", "Avant"));
        await coach.StepAsync(older, new { kind = "received", date = "2024-12-01" });
        await coach.StepAsync(older, new { kind = "created", date = "2025-02-28", legalForm = "EI", siret = "73282932000074" });
        await coach.StepAsync(older, new { kind = "followUp", date = "2026-05-31" });
        var closed = await coach.CreateHolderAsync(Body("Zoé", "Avant"));
        await coach.StepAsync(closed, new { kind = "sensitised", date = "2026-02-01" });
        await coach.StepAsync(closed, new { kind = "otherOutcome", date = "2026-02-01", outcome = "moved" });
        var none = await coach.CreateHolderAsync(Body("Yan", "Avant"));
        int[] ids = [young, older, closed, none];
        var expected = new List<(StepKind?, DateOnly?)>();
        foreach (var id in ids) { var v = await ValuesAsync(id); expected.Add((v.Computed, v.ComputedDue)); }
        Assert.Equal(new DateOnly(2026, 2, 28), expected[0].Item2); // 31 December + 2 months, at the month's end
        Assert.Equal(new DateOnly(2026, 9, 30), expected[1].Item2); // 31 May + 4 months (past the first year)

        // As a database of before the migration: the columns empty; then the migration's own statements.
        var migration = TestDatabase.IsPostgres
            ? (Microsoft.EntityFrameworkCore.Migrations.Migration)new Maillage.Platform.Data.Migrations.Postgres.EntrepreneurshipBoardColumns()
            : new Maillage.Platform.Data.Migrations.Sqlite.EntrepreneurshipBoardColumns();
        await app.WithDbAsync(async db =>
        {
            await db.Set<ProjectHolder>().IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(h => h.CurrentStage, (StepKind?)null).SetProperty(h => h.FollowUpDueOn, (DateOnly?)null));
            foreach (var sql in migration.UpOperations.OfType<SqlOperation>()) await db.Database.ExecuteSqlRawAsync(sql.Sql);
            return 0;
        });
        for (var i = 0; i < ids.Length; i++)
        {
            var v = await ValuesAsync(ids[i]);
            Assert.Equal(expected[i], (v.Stored, v.StoredDue));
        }
    }
}
