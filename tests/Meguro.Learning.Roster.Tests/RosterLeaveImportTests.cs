using Meguro.Learning.Demo;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Roster.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Meguro.Learning.Roster.Tests.Infrastructure.TestCsv;
using static Meguro.Learning.Roster.Tests.RosterLeaveCsvReaderTests;

namespace Meguro.Learning.Roster.Tests;

public sealed class SqliteRosterLeaveImportTests() : RosterLeaveImportTests(DatabaseKind.Sqlite);

public sealed class PostgresRosterLeaveImportTests() : RosterLeaveImportTests(DatabaseKind.PostgreSQL);

/// <summary>
/// What the 休業 columns of a roster file do to stored leaves, dry run and apply, on a real database
/// (PostgreSQL writes new people by COPY, so their leaves take the second save).
/// </summary>
public abstract class RosterLeaveImportTests(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly DateOnly Today = Jst.Today(TimeProvider.System);

    private ImportDatabase? _database;

    private ImportDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _database = await ImportDatabase.CreateAsync(kind);
        var organisation = await _database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        Assert.True(organisation.Applied);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] File(params string[] rows) => Utf8(Lines(LeaveHeader, rows));

    private Task<List<EmployeeLeave>> LeavesOfAsync(string number) => Database.WithDbAsync(db =>
        db.EmployeeLeaves.AsNoTracking()
            .Where(l => db.Employees.Any(e => e.Id == l.EmployeeId && e.EmployeeNumber == number))
            .OrderBy(l => l.Start).ToListAsync());

    private async Task<RosterImportResult> ApplyAsync(byte[] csv)
    {
        var result = await Database.ApplyRosterAsync(csv);
        Assert.True(result.Applied, string.Join("\n", result.Errors));
        return result;
    }

    [Fact]
    public async Task New_people_get_their_leave_the_dry_run_saves_nothing_and_a_reimport_changes_nothing()
    {
        var start = Today.AddDays(-30);
        var csv = File(
            LeaveRow("100001", "育休", D(start)),
            LeaveRow("100002"),
            LeaveRow("100003", "休職", D(start), D(start.AddDays(9))));

        var preview = await Database.PreviewRosterAsync(csv);

        Assert.True(preview.IsValid, string.Join("\n", preview.Errors));
        Assert.Equal($"所属: 住民記録係、職層: 係員、雇用区分: 正規、休業: 育休 {D(start)}〜", preview.NewEmployees[0].Description);
        Assert.Equal(["100001", "100003"], preview.LeaveChanges.Select(c => c.EmployeeNumber));
        Assert.EndsWith("、休業の変更 2 名", preview.Summary, StringComparison.Ordinal);
        Assert.Equal(0, await Database.WithDbAsync(db => db.EmployeeLeaves.CountAsync()));

        var applied = await ApplyAsync(csv);

        Assert.Equal(3, applied.Created);
        var first = Assert.Single(await LeavesOfAsync("100001"));
        Assert.Equal((LeaveKind.ChildcareLeave, start, (DateOnly?)null, LeaveSource.Roster, "hr-test"), (first.Kind, first.Start, first.End, first.Source, first.RecordedBy));
        Assert.Empty(await LeavesOfAsync("100002"));
        Assert.Equal(new LeavePeriod(LeaveKind.LeaveOfAbsence, start, start.AddDays(9)), Assert.Single(await LeavesOfAsync("100003")).Period);

        var again = await ApplyAsync(csv);

        Assert.Equal((0, 0, 3), (again.Created, again.Updated, again.Unchanged));
        Assert.Empty(again.LeaveChanges);
        Assert.DoesNotContain("休業", again.Summary, StringComparison.Ordinal);
        Assert.Equal(2, await Database.WithDbAsync(db => db.EmployeeLeaves.CountAsync()));
    }

    [Fact]
    public async Task The_stated_leave_gets_its_end_then_the_person_returns_and_a_file_without_leave_columns_touches_nothing()
    {
        var start = Today.AddDays(-60);
        await ApplyAsync(File(LeaveRow("100001", "育休", D(start)), LeaveRow("100002")));
        var end = Today.AddDays(100);

        // The return date becomes known: same leave (same start and kind), only its end changes.
        var extended = await ApplyAsync(File(LeaveRow("100001", "育休", D(start), D(end)), LeaveRow("100002")));

        var update = Assert.Single(extended.Updates);
        Assert.Equal($"休業: 育休 {D(start)}〜 → {D(start)}〜{D(end)}", update.Description);
        Assert.Equal(EmployeeChanges.None, update.Fields);
        Assert.Equal(update, Assert.Single(extended.LeaveChanges));
        Assert.Equal("新規 0 名、変更 1 名（異動 0、職層変更 0）、退職 0 名、変更なし 1 名、休業の変更 1 名", extended.Summary);
        Assert.Equal(end, Assert.Single(await LeavesOfAsync("100001")).End);

        // Back to "not known" is a change too.
        var reopened = await ApplyAsync(File(LeaveRow("100001", "育休", D(start)), LeaveRow("100002")));
        Assert.Equal($"休業: 育休 {D(start)}〜{D(end)} → {D(start)}〜", Assert.Single(reopened.Updates).Description);
        Assert.Null(Assert.Single(await LeavesOfAsync("100001")).End);

        // An HR export without the leave columns: nothing about leave changes.
        var plain = await ApplyAsync(Utf8(RosterText(Row("100001"), Row("100002"))));
        Assert.Empty(plain.Updates);
        Assert.Null(Assert.Single(await LeavesOfAsync("100001")).End);

        // The row states no leave: the open leave ends yesterday.
        var back = await ApplyAsync(File(LeaveRow("100001"), LeaveRow("100002")));
        Assert.Equal($"休業: 復職（{D(Today.AddDays(-1))}まで）", Assert.Single(back.Updates).Description);
        Assert.Equal(Today.AddDays(-1), Assert.Single(await LeavesOfAsync("100001")).End);

        var same = await ApplyAsync(File(LeaveRow("100001"), LeaveRow("100002")));
        Assert.Empty(same.Updates);
    }

    [Fact]
    public async Task A_new_leave_ends_the_open_one_the_day_before_and_a_leave_not_yet_begun_is_withdrawn()
    {
        var first = Today.AddDays(-200);
        var second = Today.AddDays(-20);
        await ApplyAsync(File(LeaveRow("100001", "産休", D(first)), LeaveRow("100002", "育休", D(Today.AddDays(10)))));

        var result = await ApplyAsync(File(LeaveRow("100001", "育休", D(second)), LeaveRow("100002")));

        Assert.Equal(
            [
                $"休業: 育休 {D(second)}〜、休業: 産休 {D(first)}〜 → {D(first)}〜{D(second.AddDays(-1))}",
                $"休業: 育休 {D(Today.AddDays(10))}〜 を取消し",
            ],
            result.Updates.Select(u => u.Description));
        Assert.Equal(
            [
                new LeavePeriod(LeaveKind.MaternityLeave, first, second.AddDays(-1)),
                new LeavePeriod(LeaveKind.ChildcareLeave, second, null),
            ],
            (await LeavesOfAsync("100001")).Select(l => l.Period));
        Assert.Empty(await LeavesOfAsync("100002"));
    }

    [Fact]
    public async Task Leaves_recorded_by_hr_and_leaves_of_people_missing_from_the_file_are_never_touched()
    {
        var start = Today.AddDays(-10);
        await ApplyAsync(File(LeaveRow("100001"), LeaveRow("100002", "休職", D(start))));
        await Database.WithDbAsync(async db =>
        {
            var id = await db.Employees.Where(e => e.EmployeeNumber == "100001").Select(e => e.Id).SingleAsync();
            db.EmployeeLeaves.Add(new EmployeeLeave(id, new LeavePeriod(LeaveKind.LeaveOfAbsence, start, null), LeaveSource.HR, "hr", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        // 100001's row says "no leave" (the HR leave stays open); 100002 is missing: a leaver, whose leave stays as it was.
        var result = await ApplyAsync(File(LeaveRow("100001")));

        Assert.Empty(result.Updates);
        Assert.Equal("100002", Assert.Single(result.Leavers).EmployeeNumber);
        var hr = Assert.Single(await LeavesOfAsync("100001"));
        Assert.Equal((LeaveSource.HR, (DateOnly?)null), (hr.Source, hr.End));
        Assert.Null(Assert.Single(await LeavesOfAsync("100002")).End);

        // A roster leave for 100001 is added beside HR's, which still stays open.
        var stated = await ApplyAsync(File(LeaveRow("100001", "育休", D(Today))));
        Assert.Equal($"休業: 育休 {D(Today)}〜", Assert.Single(stated.Updates).Description);
        Assert.Equal([(LeaveSource.HR, (DateOnly?)null), (LeaveSource.Roster, (DateOnly?)null)],
            (await LeavesOfAsync("100001")).Select(l => (l.Source, l.End)));
    }

    [Fact]
    public async Task A_header_with_only_some_leave_columns_changes_nothing()
    {
        await ApplyAsync(File(LeaveRow("100001", "育休", D(Today))));

        var result = await Database.ApplyRosterAsync(Utf8(Lines(DemoRoster.CsvHeader + ",休業区分", Row("100001") + ",")));

        Assert.False(result.Applied);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
        Assert.Null(Assert.Single(await LeavesOfAsync("100001")).End);
    }
}
