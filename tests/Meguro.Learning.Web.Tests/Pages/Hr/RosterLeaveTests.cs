using System.Globalization;
using System.Net;
using System.Text;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Hr;

/// <summary>
/// A leave stated in the roster CSV, through HR's upload page: the dry run shows it, applying it
/// stores a roster leave, and the assignment engine run by the import moves the person's due date.
/// </summary>
public abstract class RosterLeaveTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const string Header = DemoRoster.CsvHeader + ",休業区分,休業開始日,休業終了日";
    private const string Curriculum = "roster-leave";

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Roster(string leaveOf100002) => Encoding.UTF8.GetBytes(
        Header + "\r\n" +
        "100001,目黒　花子,メグロ　ハナコ,,B04-K02-T01,係員,正規,,2019-04-01,,,,\r\n" +
        "100002,目黒　次郎,メグロ　ジロウ,,B04-K02-T01,係員,正規,,2019-04-01,," + leaveOf100002 + "\r\n");

    [Fact]
    public async Task A_leave_in_the_roster_is_stored_as_a_roster_leave_and_moves_the_due_date_by_its_length()
    {
        var today = Jst.Today(TimeProvider.System);
        await app.WithDbAsync(db =>
        {
            var yaml = CurriculumRosterBuilder.Yaml(Curriculum, "  - course: personal-information\n", "daysAfterAssignment: 30", "", "B04-K02");
            db.CurriculumDefinitions.Add(new CurriculumDefinition(Curriculum, yaml, CurriculumOrigin.File, "", "test", DateTime.UtcNow));
            return db.SaveChangesAsync();
        });
        using var hr = await app.RunAsUserAsync(Roles.HR);
        await ApplyAsync(hr, await UploadAsync(hr, "Organization", Encoding.UTF8.GetBytes(DemoOrganization.ToCsv())));
        await ApplyAsync(hr, await UploadAsync(hr, "Roster", Roster(",,")));
        Assert.Equal([today.AddDays(30), today.AddDays(30)], await DueDatesAsync());

        var start = today.AddDays(1);
        var end = today.AddDays(20);
        var batch = await UploadAsync(hr, "Roster", Roster($"育休,{D(start)},{D(end)}"));
        var preview = WebUtility.HtmlDecode(await hr.GetStringAsync(batch));

        Assert.Contains($"休業: 育休 {D(start)}〜{D(end)}", preview, StringComparison.Ordinal);
        Assert.Contains("新規 0 名、変更 1 名（異動 0、職層変更 0）、退職 0 名、変更なし 1 名、休業の変更 1 名", preview, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.EmployeeLeaves.CountAsync()));

        await ApplyAsync(hr, batch);

        var leave = await app.WithDbAsync(db => db.EmployeeLeaves.AsNoTracking().SingleAsync());
        Assert.Equal(await IdOfAsync("100002"), leave.EmployeeId);
        Assert.Equal((LeaveSource.Roster, new LeavePeriod(LeaveKind.ChildcareLeave, start, end)), (leave.Source, leave.Period));
        // 20 days of leave inside the 30 days to the due date: 100002's date moves by 20; 100001's stays.
        Assert.Equal([today.AddDays(30), today.AddDays(50)], await DueDatesAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "名簿取込" && a.Details.Contains("休業の変更 1 名"))));
    }

    private Task<int> IdOfAsync(string number) =>
        app.WithDbAsync(db => db.Employees.Where(e => e.EmployeeNumber == number).Select(e => e.Id).SingleAsync());

    /// <summary>The curriculum due dates of 100001 and 100002, in that order.</summary>
    private Task<List<DateOnly>> DueDatesAsync() => app.WithDbAsync(db =>
        db.Enrollments.Where(e => e.CurriculumCode == Curriculum)
            .Join(db.Employees, e => e.EmployeeId, p => p.Id, (e, p) => new { p.EmployeeNumber, e.DueDate })
            .OrderBy(r => r.EmployeeNumber)
            .Select(r => r.DueDate!.Value)
            .ToListAsync());

    private static async Task<string> UploadAsync(HttpClient client, string kind, byte[] csv)
    {
        var response = await AppFixture.PostFileAsync(client, "/hr/roster", "/hr/roster",
            new Dictionary<string, string> { ["Kind"] = kind, ["Encoding"] = "Auto" }, "Upload", kind + ".csv", csv);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static async Task ApplyAsync(HttpClient client, string batchUrl)
    {
        var response = await AppFixture.PostFormAsync(client, batchUrl, batchUrl + "?handler=apply", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("適用しました", await client.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }
}

public sealed class RosterLeaveTestsOnSqlite(SqliteApp app) : RosterLeaveTests<SqliteApp>(app);

public sealed class RosterLeaveTestsOnPostgres(PostgresApp app) : RosterLeaveTests<PostgresApp>(app);
