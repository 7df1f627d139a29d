using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Roster.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Meguro.Learning.Roster.Tests.Infrastructure.TestCsv;

namespace Meguro.Learning.Roster.Tests;

public sealed class SqliteImportServiceTests() : ImportServiceTests(DatabaseKind.Sqlite);

public sealed class PostgresImportServiceTests() : ImportServiceTests(DatabaseKind.PostgreSQL);

/// <summary>
/// The organisation and roster imports against a real database, once per provider: each test gets
/// a new, migrated database with the job levels loaded, and imports the demo organisation and
/// roster the way HR would.
/// </summary>
public abstract class ImportServiceTests(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly DemoRosterFile Demo = DemoRosterFile.Load();

    private ImportDatabase? _database;

    private ImportDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await ImportDatabase.CreateAsync(kind);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// The PostgreSQL first load writes new people with COPY only while the writer knows every
    /// column of Employee; a column added later silently fell back to one INSERT per person
    /// (found by the roster benchmark: 24 s instead of 1 s for 10,000 people).
    /// </summary>
    [Fact]
    public async Task The_bulk_writer_knows_every_employee_column_so_postgres_first_loads_use_copy()
    {
        await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        var copied = await Database.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.FirstAsync(u => u.Kind == OrgUnitKind.Team);
            var level = await db.JobLevels.FirstAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.OpenConnectionAsync();
            var person = new Employee(new EmployeeProfile("700001", "複写　試験", "", "", unit, level, EmploymentType.Regular, null, null));
            return await EmployeeBulkInsert.TryCopyAsync(db, [person], CancellationToken.None);
        });
        // SQLite (a few thousand staff) always takes the EF path.
        Assert.Equal(kind == DatabaseKind.PostgreSQL, copied);
    }

    /// <summary>
    /// The PostgreSQL writer formats COPY text itself: a backslash, a tab or a line break inside a
    /// value must arrive as it was written, not as an escape or a column or row separator.
    /// </summary>
    [Fact]
    public async Task Values_with_backslashes_tabs_and_line_breaks_are_stored_exactly()
    {
        await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        var csv = RosterText(
            Row("700001", name: @"目黒\花子", kana: @"メグロ\N"),
            "700002,\"目黒\t次郎\",\"メグロ\r\nジロウ\",,B04-K02-T01,係員,正規,,2019-04-01,",
            Row("700003", name: "目黒　三郎", email: "s.meguro@demo.city.meguro.lg.jp"));

        var result = await Database.ApplyRosterAsync(Utf8(csv));

        Assert.True(result.Applied, string.Join("\n", result.Errors));
        var stored = await Database.WithDbAsync(db => db.Employees.OrderBy(e => e.EmployeeNumber)
            .Select(e => new { e.EmployeeNumber, e.Name, e.Kana, e.Email, e.HiredOn, e.AppointmentEndDate }).ToListAsync());
        Assert.Equal(
            [("700001", @"目黒\花子", @"メグロ\N", ""), ("700002", "目黒\t次郎", "メグロ\r\nジロウ", ""), ("700003", "目黒　三郎", "メグロ　ハナコ", "s.meguro@demo.city.meguro.lg.jp")],
            stored.Select(e => (e.EmployeeNumber, e.Name, e.Kana, e.Email)));
        Assert.All(stored, e => Assert.Equal((new DateOnly(2019, 4, 1), (DateOnly?)null), (e.HiredOn!.Value, e.AppointmentEndDate)));
    }

    [Fact]
    public async Task Organisation_preview_changes_nothing_then_apply_creates_the_chart_once()
    {
        var csv = Utf8(DemoOrganization.ToCsv());

        var preview = await Database.PreviewOrganizationAsync(csv);

        Assert.True(preview.IsValid, string.Join("\n", preview.Errors));
        Assert.Equal(DemoOrganization.Units.Count, preview.NewUnits.Count);
        Assert.Equal(0, await Database.WithDbAsync(db => db.OrgUnits.CountAsync()));

        var applied = await Database.ApplyOrganizationAsync(csv);

        Assert.True(applied.Applied);
        Assert.Equal(DemoOrganization.Units.Count, applied.Created);
        var team = DemoOrganization.CodeOf("区民生活部", "戸籍住民課", "住民記録係");
        Assert.Equal("/B04/B04-K02/B04-K02-T01/", await Database.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == team).Select(u => u.Path).SingleAsync()));

        var again = await Database.ApplyOrganizationAsync(csv);

        Assert.Equal((0, 0, 0, DemoOrganization.Units.Count), (again.Created, again.Updated, again.Deactivated, again.Unchanged));
        Assert.Equal(2, await Database.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == OrgUnitImportService.AuditAction)));
    }

    [Fact]
    public async Task Organisation_changes_rename_move_with_descendant_paths_and_close_an_empty_unit()
    {
        await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        var it = DemoOrganization.CodeOf("企画経営部", "情報政策推進課");
        var planning = DemoOrganization.CodeOf("企画経営部", "企画課");
        var reform = DemoOrganization.CodeOf("企画経営部", "企画課", "行政改革係");
        var general = DemoOrganization.CodeOf("総務部");
        var rows = DemoOrganization.Units
            .Where(u => u.Code != reform)
            .Select(u => string.Join(",", u.Code,
                u.Code == planning ? "政策企画課" : u.Name,
                u.Kind.ToJapanese(),
                u.Code == it ? general : u.ParentCode ?? ""))
            .ToArray();
        var csv = Utf8(OrganizationText(rows));

        var preview = await Database.PreviewOrganizationAsync(csv);

        Assert.True(preview.IsValid, string.Join("\n", preview.Errors));
        Assert.Empty(preview.NewUnits);
        Assert.Equal(["名称: 企画課 → 政策企画課", "上位所属: 企画経営部 → 総務部"], preview.Updates.Select(u => u.Description));
        Assert.Equal(reform, Assert.Single(preview.Deactivations).Code);
        Assert.Equal("新設 0 件、変更 2 件（名称変更 1、移動 1、再開 0）、廃止 1 件、変更なし " + (DemoOrganization.Units.Count - 3) + " 件", preview.Summary);
        Assert.Equal($"/B01/{it}/", await Database.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == it).Select(u => u.Path).SingleAsync()));

        var applied = await Database.ApplyOrganizationAsync(csv);

        Assert.Equal((0, 2, 1), (applied.Created, applied.Updated, applied.Deactivated));
        var units = await Database.WithDbAsync(db => db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Code));
        Assert.Equal("政策企画課", units[planning].Name);
        Assert.Equal(units[general].Id, units[it].ParentId);
        Assert.All(units.Values.Where(u => u.Code.StartsWith(it, StringComparison.Ordinal)),
            u => Assert.StartsWith($"/{general}/{it}/", u.Path, StringComparison.Ordinal));
        Assert.Equal(3, units.Values.Count(u => u.Path.StartsWith($"/{general}/{it}/", StringComparison.Ordinal) && u.Kind == OrgUnitKind.Team));
        Assert.False(units[reform].IsActive);

        // Putting the unit back in the file reopens it.
        var reopened = await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        Assert.Equal(["再開（廃止 → 有効）"], reopened.Updates.Where(u => u.Code == reform).Select(u => u.Description));
        Assert.True(await Database.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == reform).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task A_unit_that_still_has_staff_is_not_closed()
    {
        await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        var team = DemoOrganization.CodeOf("区民生活部", "戸籍住民課", "住民記録係");
        await Database.ApplyRosterAsync(Utf8(RosterText(Row("100001", orgCode: team))));
        var rows = DemoOrganization.Units.Where(u => u.Code != team)
            .Select(u => string.Join(",", u.Code, u.Name, u.Kind.ToJapanese(), u.ParentCode ?? "")).ToArray();

        var result = await Database.ApplyOrganizationAsync(Utf8(OrganizationText(rows)));

        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.Line);
        Assert.Equal($"所属コード「{team}」（住民記録係）はファイルにありませんが、在籍職員が 1 名いるため廃止できません。先に名簿で職員を異動させるか、この所属の行をファイルに残してください。", error.Message);
        Assert.True(await Database.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == team).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task Roster_preview_shows_everyone_as_new_and_changes_nothing()
    {
        await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        var before = await StateAsync();

        var preview = await Database.PreviewRosterAsync(Demo.ToUtf8());

        Assert.True(preview.IsValid, string.Join("\n", preview.Errors.Take(5)));
        Assert.Equal(Demo.Rows.Count, preview.RowCount);
        Assert.Equal(Demo.Rows.Count, preview.NewEmployees.Count);
        Assert.Equal($"新規 {Demo.Rows.Count:N0} 名、変更 0 名（異動 0、職層変更 0）、退職 0 名、変更なし 0 名", preview.Summary);
        var persona = DemoPersonas.Manager;
        Assert.Equal("所属: 戸籍住民課、職層: 課長、雇用区分: 正規、所属長",
            preview.NewEmployees.Single(c => c.EmployeeNumber == persona.EmployeeNumber).Description);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Roster_apply_creates_everyone_and_applying_it_again_changes_nothing()
    {
        await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        var heads = Demo.Rows.Count(r => r[DemoRosterFile.UnitHead] == "○");

        // HR's spreadsheet saves Shift_JIS; the second upload is the same roster as UTF-8 with BOM.
        var first = await Database.ApplyRosterAsync(Sjis(Demo.ToCsv()));

        Assert.True(first.Applied, string.Join("\n", first.Errors.Take(5)));
        Assert.Equal((Demo.Rows.Count, 0, 0, 0), (first.Created, first.Updated, first.Deactivated, first.Unchanged));
        Assert.Equal(Demo.Rows.Select(r => r[DemoRosterFile.Number]).Order(), first.CreatedEmployeeNumbers.Order());
        var afterFirst = await StateAsync();
        // One audit entry for the organisation, one for the roster.
        Assert.Equal((Demo.Rows.Count, Demo.Rows.Count, heads, 2), (afterFirst.Employees, afterFirst.Active, afterFirst.Assignments, afterFirst.Audits));
        var manager = await Database.WithDbAsync(db => db.ManagerAssignments
            .Where(a => a.Employee.EmployeeNumber == DemoPersonas.Manager.EmployeeNumber).Select(a => a.OrgUnit.Code).SingleAsync());
        Assert.Equal(DemoPersonas.Manager.OrgUnitCode, manager);

        var second = await Database.ApplyRosterAsync(Utf8WithBom(Demo.ToCsv()));

        Assert.True(second.Applied);
        Assert.Equal((0, 0, 0, Demo.Rows.Count), (second.Created, second.Updated, second.Deactivated, second.Unchanged));
        Assert.Empty(second.CreatedEmployeeNumbers);
        Assert.Equal(afterFirst with { Audits = 3 }, await StateAsync());
        var audit = await Database.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Id).LastAsync());
        Assert.Equal((RosterImportService.AuditAction, "hr-test"), (audit.Action, audit.Actor));
        Assert.Equal($"職員名簿CSV（{Demo.Rows.Count:N0} 行、UTF-8）", audit.Target);
        Assert.Equal(second.Summary, audit.Details);
    }

    [Fact]
    public async Task A_move_a_promotion_and_a_leaver_are_previewed_and_applied_exactly()
    {
        await SeedAsync();
        var staff = Demo.OrdinaryStaff.ToList();
        var (mover, promoted, leaver) = (staff[0][DemoRosterFile.Number], staff[1][DemoRosterFile.Number], staff[2][DemoRosterFile.Number]);
        var leaverUser = await CreateAccountAsync(leaver);
        var file = Demo.Copy();
        var fromCode = file.Row(mover)[DemoRosterFile.OrgCode];
        var toCode = DemoOrganization.Units.First(u => u.Kind == OrgUnitKind.Team && u.Code != fromCode
            && u.Name != DemoOrganization.Units.Single(x => x.Code == fromCode).Name).Code;
        file.Row(mover)[DemoRosterFile.OrgCode] = toCode;
        file.Row(promoted)[DemoRosterFile.JobLevel] = "主任";
        file.Rows.Remove(file.Row(leaver));
        var before = await StateAsync();

        var preview = await Database.PreviewRosterAsync(file.ToUtf8());

        Assert.True(preview.IsValid, string.Join("\n", preview.Errors.Take(5)));
        Assert.Empty(preview.NewEmployees);
        Assert.Equal([mover, promoted], preview.Updates.Select(c => c.EmployeeNumber));
        var move = Assert.Single(preview.OrgMoves);
        Assert.Equal((mover, file.LineOf(mover)), (move.EmployeeNumber, move.Line!.Value));
        Assert.Equal($"所属: {UnitName(fromCode)} → {UnitName(toCode)}", move.Description);
        var promotion = Assert.Single(preview.JobLevelChanges);
        Assert.Equal((promoted, "職層: 係員 → 主任"), (promotion.EmployeeNumber, promotion.Description));
        var left = Assert.Single(preview.Leavers);
        Assert.Equal((leaver, (int?)null), (left.EmployeeNumber, left.Line));
        Assert.Equal(Demo.Rows.Count - 3, preview.UnchangedCount);
        Assert.Equal($"新規 0 名、変更 2 名（異動 1、職層変更 1）、退職 1 名、変更なし {Demo.Rows.Count - 3:N0} 名", preview.Summary);
        Assert.Equal(before, await StateAsync());

        var applied = await Database.ApplyRosterAsync(file.ToUtf8());

        Assert.Equal((0, 2, 1, Demo.Rows.Count - 3), (applied.Created, applied.Updated, applied.Deactivated, applied.Unchanged));
        Assert.Equal(preview.Updates.Select(c => c.Description), applied.Updates.Select(c => c.Description));
        var people = await Database.WithDbAsync(db => db.Employees.AsNoTracking().Include(e => e.OrgUnit).Include(e => e.JobLevel)
            .Where(e => e.EmployeeNumber == mover || e.EmployeeNumber == promoted || e.EmployeeNumber == leaver)
            .ToDictionaryAsync(e => e.EmployeeNumber));
        Assert.Equal(toCode, people[mover].OrgUnit.Code);
        Assert.Equal("主任", people[promoted].JobLevel.Name);
        Assert.False(people[leaver].IsActive);
        Assert.NotNull(people[leaver].DeactivatedAtUtc);
        var account = await Database.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == leaverUser));
        Assert.True(account.LockoutEnabled);
        Assert.Equal(DateTimeOffset.MaxValue, account.LockoutEnd);
        Assert.True(await Database.InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().IsLockedOutAsync(
            sp.GetRequiredService<LearningDbContext>().Users.Single(u => u.Id == leaverUser))));
        Assert.Equal((Demo.Rows.Count, Demo.Rows.Count - 1), ((await StateAsync()).Employees, (await StateAsync()).Active));

        var again = await Database.ApplyRosterAsync(file.ToUtf8());
        Assert.Equal(0, again.ChangeCount);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_changes_nothing_at_all()
    {
        await SeedAsync();
        var staff = Demo.OrdinaryStaff.ToList();
        var file = Demo.Copy();
        file.Row(staff[0][DemoRosterFile.Number])[DemoRosterFile.JobLevel] = "主任";
        file.Rows.Remove(file.Row(staff[1][DemoRosterFile.Number]));
        var bad = staff[500][DemoRosterFile.Number];
        file.Row(bad)[DemoRosterFile.OrgCode] = "B99";
        var before = await StateAsync();

        var preview = await Database.PreviewRosterAsync(file.ToUtf8());
        var result = await Database.ApplyRosterAsync(file.ToUtf8());

        var line = file.LineOf(bad);
        Assert.False(preview.IsValid);
        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
        Assert.Equal($"{line}行目: 所属コード「B99」は存在しません。", error.Message);
        Assert.Equal("エラー 1 件のため取り込めません。", result.Summary);
        Assert.Empty(result.Updates);
        Assert.Equal(0, result.ChangeCount);
        Assert.Equal(before, await StateAsync());
    }

    /// <summary>
    /// On PostgreSQL new people are copied while the file is still being read, so a bad last row is
    /// found after everyone above it was written: the COPY is cancelled, nobody is stored, and the
    /// context stays usable for the caller, who then saves the upload as rejected.
    /// </summary>
    [Fact]
    public async Task A_first_roster_with_a_bad_last_row_stores_nobody_and_the_caller_can_still_save()
    {
        await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()));
        var file = Demo.Copy();
        var bad = file.Rows[^1][DemoRosterFile.Number];
        file.Row(bad)[DemoRosterFile.OrgCode] = "B99";
        var before = await StateAsync();

        var (result, saved) = await ApplyThenSaveAnAuditEntryAsync(file.ToUtf8());

        Assert.False(result.Applied);
        var line = file.LineOf(bad);
        Assert.Equal($"{line}行目: 所属コード「B99」は存在しません。", Assert.Single(result.Errors).Message);
        Assert.Equal(1, saved);
        Assert.Equal(before with { Audits = before.Audits + 1 }, await StateAsync());
    }

    /// <summary>
    /// People above the first bad row are already planned (moved, promoted) when it is found; none
    /// of that may reach the database with the caller's next save.
    /// </summary>
    [Fact]
    public async Task Changes_planned_above_a_bad_row_are_not_saved_by_the_callers_next_save()
    {
        await SeedAsync();
        var staff = Demo.OrdinaryStaff.ToList();
        var file = Demo.Copy();
        file.Row(staff[0][DemoRosterFile.Number])[DemoRosterFile.JobLevel] = "主任";
        file.Row(staff[1][DemoRosterFile.Number])[DemoRosterFile.OrgCode] = DemoOrganization.CodeOf("総務部");
        file.Rows.Add(["700001", "新規　太郎", "", "", staff[0][DemoRosterFile.OrgCode], "係員", "正規", "", "2026-04-01", ""]);
        file.Rows.Add(["700002", "新規　次郎", "", "", "B99", "係員", "正規", "", "2026-04-01", ""]);
        var before = await StateAsync();

        var (result, saved) = await ApplyThenSaveAnAuditEntryAsync(file.ToUtf8());

        Assert.False(result.Applied);
        Assert.Equal(file.LineOf("700002"), Assert.Single(result.Errors).Line);
        Assert.Equal(1, saved);
        Assert.Equal(before with { Audits = before.Audits + 1 }, await StateAsync());
    }

    /// <summary>What ImportRunner does: apply, then save something else (the batch's status) in the same context.</summary>
    private Task<(RosterImportResult Result, int Saved)> ApplyThenSaveAnAuditEntryAsync(byte[] csv) => Database.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var result = await sp.GetRequiredService<RosterImportService>().ApplyAsync(csv, CsvEncoding.Auto, "hr-test");
        db.AuditEntries.Add(new AuditEntry(DateTime.UtcNow, "hr-test", "テスト", "却下", result.Summary));
        return (result, await db.SaveChangesAsync());
    });

    [Fact]
    public async Task A_returning_employee_is_reactivated_and_may_sign_in_again()
    {
        await SeedAsync();
        var number = Demo.OrdinaryStaff.First()[DemoRosterFile.Number];
        var user = await CreateAccountAsync(number);
        var without = Demo.Copy();
        without.Rows.Remove(without.Row(number));
        await Database.ApplyRosterAsync(without.ToUtf8());

        var back = await Database.ApplyRosterAsync(Demo.ToUtf8());

        var change = Assert.Single(back.Updates);
        Assert.Equal((number, "在籍: 無効 → 有効（再登録）"), (change.EmployeeNumber, change.Description));
        Assert.True(change.Fields.HasFlag(EmployeeChanges.Reactivated));
        Assert.True(await Database.WithDbAsync(db => db.Employees.Where(e => e.EmployeeNumber == number).Select(e => e.IsActive).SingleAsync()));
        Assert.Null(await Database.WithDbAsync(db => db.Users.Where(u => u.Id == user).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Manager_assignments_follow_the_unit_head_column()
    {
        await SeedAsync();
        var file = Demo.Copy();
        var oldHead = file.Rows.First(r => r[DemoRosterFile.UnitHead] == "○" && r[DemoRosterFile.JobLevel] == "係長");
        var unit = oldHead[DemoRosterFile.OrgCode];
        var newHead = file.Rows.First(r => r[DemoRosterFile.OrgCode] == unit && r[DemoRosterFile.UnitHead] == "");
        oldHead[DemoRosterFile.UnitHead] = "";
        newHead[DemoRosterFile.UnitHead] = "○";
        var assignmentsBefore = (await StateAsync()).Assignments;

        var preview = await Database.PreviewRosterAsync(file.ToUtf8());

        Assert.Equal(
            [(oldHead[DemoRosterFile.Number], "所属長: 解除"), (newHead[DemoRosterFile.Number], "所属長: 追加")],
            preview.Updates.Select(c => (c.EmployeeNumber, c.Description)).OrderBy(c => c.Item2 == "所属長: 追加"));
        Assert.All(preview.Updates, c => Assert.True(c.UnitHeadChanged));

        await Database.ApplyRosterAsync(file.ToUtf8());

        var headsOfUnit = await Database.WithDbAsync(db => db.ManagerAssignments.Where(a => a.OrgUnit.Code == unit)
            .Select(a => a.Employee.EmployeeNumber).ToListAsync());
        Assert.Equal([newHead[DemoRosterFile.Number]], headsOfUnit);
        Assert.Equal(assignmentsBefore, (await StateAsync()).Assignments);
        Assert.Equal(0, (await Database.ApplyRosterAsync(file.ToUtf8())).ChangeCount);
    }

    private static string UnitName(string code) => DemoOrganization.Units.Single(u => u.Code == code).Name;

    private async Task SeedAsync()
    {
        Assert.True((await Database.ApplyOrganizationAsync(Utf8(DemoOrganization.ToCsv()))).Applied);
        var roster = await Database.ApplyRosterAsync(Demo.ToUtf8());
        Assert.True(roster.Applied, string.Join("\n", roster.Errors.Take(5)));
    }

    /// <summary>A sign-in account linked both ways, as the web layer creates it.</summary>
    private Task<string> CreateAccountAsync(string employeeNumber) => Database.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var employee = await db.Employees.SingleAsync(e => e.EmployeeNumber == employeeNumber);
        var user = new AppUser { UserName = $"u{employeeNumber}", DisplayName = employee.Name, EmployeeId = employee.Id };
        var created = await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        employee.LinkAccount(user.Id);
        await db.SaveChangesAsync();
        Assert.False(user.LockoutEnd.HasValue);
        return user.Id;
    });

    /// <summary>What an import could touch, summed up, to prove that something changed nothing.</summary>
    private Task<DatabaseState> StateAsync() => Database.WithDbAsync(async db => new DatabaseState(
        await db.Employees.CountAsync(),
        await db.Employees.CountAsync(e => e.IsActive),
        await db.Employees.SumAsync(e => (long)e.OrgUnitId * 7 + e.JobLevelId),
        await db.ManagerAssignments.CountAsync(),
        await db.AuditEntries.CountAsync(),
        await db.Users.CountAsync(u => u.LockoutEnd != null),
        await db.OrgUnits.CountAsync(u => u.IsActive)));

    private sealed record DatabaseState(int Employees, int Active, long Placement, int Assignments, int Audits, int LockedUsers, int ActiveUnits);
}
