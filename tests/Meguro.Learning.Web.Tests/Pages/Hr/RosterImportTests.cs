using System.Net;
using System.Text;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Hr;

/// <summary>HR's roster upload through HTTP, on a real database: dry run, apply, apply again, a bad file.</summary>
public abstract class RosterImportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private const int RosterSize = 500;
    private static readonly byte[] OrgCsv = Encoding.UTF8.GetBytes(DemoOrganization.ToCsv());
    private static readonly string RosterCsv = DemoRoster.ToCsv(DemoRoster.DefaultSeed, RosterSize);

    [Fact]
    public async Task Dry_run_changes_nothing_apply_brings_everyone_in_and_the_same_file_again_changes_nothing()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        await UploadAndApplyAsync(hr, "Organization", "org.csv", OrgCsv);
        var roster = Encoding.UTF8.GetBytes(RosterCsv);
        var rows = RosterCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;

        var auditsBefore = await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "名簿取込"));
        var beforePreview = await SnapshotAsync();
        var (batchUrl, preview) = await UploadAsync(hr, "Roster", "roster.csv", roster);
        var afterPreview = await SnapshotAsync();
        var applied = await ApplyAsync(hr, batchUrl);
        var employeesAfterApply = await app.WithDbAsync(db => db.Employees.CountAsync(e => e.IsActive));
        var snapshotBefore = await SnapshotAsync();
        var (againUrl, againPreview) = await UploadAsync(hr, "Roster", "roster-again.csv", roster);
        var appliedAgain = await ApplyAsync(hr, againUrl);
        var snapshotAfter = await SnapshotAsync();

        Assert.Contains($"新規 {rows:N0} 名", preview, StringComparison.Ordinal);
        Assert.Equal(beforePreview, afterPreview);
        Assert.Contains("適用しました", applied, StringComparison.Ordinal);
        Assert.Equal(rows, employeesAfterApply);
        Assert.Contains($"新規 0 名、変更 0 名（異動 0、職層変更 0）、退職 0 名、変更なし {rows:N0} 名", againPreview, StringComparison.Ordinal);
        Assert.Contains("適用しました", appliedAgain, StringComparison.Ordinal);
        Assert.Equal(snapshotBefore, snapshotAfter);
        Assert.Equal(rows, await app.WithDbAsync(db => db.Employees.CountAsync(e => e.IsActive && e.UserId != null)));
        Assert.Equal(auditsBefore + 2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "名簿取込")));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_changes_nothing_and_lists_the_row_with_its_line_number()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        await EnsureOrganizationAsync(hr);
        var lines = RosterCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var cells = lines[7].Split(',');
        cells[4] = "Z99-K99";
        lines[7] = string.Join(',', cells);
        var bad = Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");
        var before = await SnapshotAsync();

        var (batchUrl, page) = await UploadAsync(hr, "Roster", "bad.csv", bad);
        var replayedApply = await AppFixture.PostFormAsync(hr, batchUrl, batchUrl + "?handler=apply", new Dictionary<string, string>());
        var after = await SnapshotAsync();

        Assert.Contains("取り込めません", page, StringComparison.Ordinal);
        Assert.Matches(@"<td class=""num"">8</td><td>[^<]*Z99-K99", page);
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.Redirect, replayedApply.StatusCode);
        Assert.Equal(ImportStatus.Rejected, await app.WithDbAsync(db => db.ImportBatches.Where(b => b.FileName == "bad.csv").Select(b => b.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_Shift_JIS_file_is_read_as_Japanese()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        await EnsureOrganizationAsync(hr);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = Encoding.GetEncoding(932).GetBytes(
            DemoRoster.CsvHeader + "\r\n" +
            "800001,髙橋　一郎,タカハシ　イチロウ,,B01-K01-T01,係員,正規,,2020-04-01,\r\n");

        var (_, page) = await UploadAsync(hr, "Roster", "sjis.csv", sjis, encoding: "ShiftJis");

        Assert.Contains("Shift_JIS", page, StringComparison.Ordinal);
        Assert.Contains("髙橋　一郎", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applying_twice_by_replaying_the_form_applies_once()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        await EnsureOrganizationAsync(hr);
        var csv = Encoding.UTF8.GetBytes(DemoRoster.CsvHeader + "\r\n" + "800002,二重　送信,ニジュウ　ソウシン,,B01-K01-T02,係員,正規,,2021-04-01,\r\n");
        var (batchUrl, _) = await UploadAsync(hr, "Roster", "replay.csv", csv);
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        await ApplyAsync(hr, batchUrl);
        var second = await ApplyAsync(hr, batchUrl);

        Assert.Contains("既に適用済み", second, StringComparison.Ordinal);
        Assert.Equal(audits + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    private async Task EnsureOrganizationAsync(HttpClient hr)
    {
        if (!await app.WithDbAsync(db => db.OrgUnits.AnyAsync()))
        {
            await UploadAndApplyAsync(hr, "Organization", "org.csv", OrgCsv);
        }
    }

    private async Task UploadAndApplyAsync(HttpClient client, string kind, string name, byte[] csv)
    {
        var (url, _) = await UploadAsync(client, kind, name, csv);
        Assert.Contains("適用しました", await ApplyAsync(client, url), StringComparison.Ordinal);
    }

    private static async Task<(string BatchUrl, string Page)> UploadAsync(HttpClient client, string kind, string name, byte[] csv, string encoding = "Auto")
    {
        var response = await AppFixture.PostFileAsync(client, "/hr/roster", "/hr/roster",
            new Dictionary<string, string> { ["Kind"] = kind, ["Encoding"] = encoding }, "Upload", name, csv);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        return (url, await client.GetStringAsync(url));
    }

    private static async Task<string> ApplyAsync(HttpClient client, string batchUrl)
    {
        var response = await AppFixture.PostFormAsync(client, batchUrl, batchUrl + "?handler=apply", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Everything an import may touch, as comparable text.</summary>
    private Task<string> SnapshotAsync() => app.WithDbAsync(async db =>
    {
        var employees = await db.Employees.OrderBy(e => e.EmployeeNumber)
            .Select(e => $"{e.EmployeeNumber}|{e.Name}|{e.OrgUnitId}|{e.JobLevelId}|{e.EmploymentType}|{e.IsActive}|{e.AppointmentEndDate}")
            .ToListAsync();
        var heads = await db.ManagerAssignments.OrderBy(a => a.EmployeeId).ThenBy(a => a.OrgUnitId).Select(a => $"{a.EmployeeId}>{a.OrgUnitId}").ToListAsync();
        var units = await db.OrgUnits.OrderBy(u => u.Path).Select(u => $"{u.Path}|{u.Name}|{u.IsActive}").ToListAsync();
        var accounts = await db.Users.CountAsync();
        return string.Join("\n", employees.Concat(heads).Concat(units).Append($"accounts={accounts}"));
    });
}

public sealed class RosterImportTestsOnSqlite(SqliteApp app) : RosterImportTests<SqliteApp>(app);

public sealed class RosterImportTestsOnPostgres(PostgresApp app) : RosterImportTests<PostgresApp>(app);
