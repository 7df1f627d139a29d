using System.Net;
using Hangfire;
using Meguro.Learning.Content;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Admin;

/// <summary>
/// The curriculum import button on /admin/content: content/curricula/*.yml into the database by
/// file hash, then the assignment engine, as at start-up; a bad file reported with file:line.
/// </summary>
public abstract class CurriculumImportPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    private static readonly string ShippedCurricula = Path.Combine(ContentOptions.Locate("", AppContext.BaseDirectory), CurriculumCatalog.FolderName);

    [Fact]
    public async Task An_administrator_imports_the_curricula_people_are_assigned_and_a_second_import_changes_nothing()
    {
        var files = Directory.GetFiles(ShippedCurricula, "*.yml").Length;
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var person = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        using var admin = await app.RunAsUserAsync(Roles.Administrator);

        var first = await ImportAsync(admin);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains($"新規 {files} 件、更新 0 件、変更なし 0 件", first.Page, StringComparison.Ordinal);
        Assert.Matches("割当: 新規割当 [1-9][0-9]* 件", first.Page);
        Assert.Equal(files, await app.WithDbAsync(db => db.CurriculumDefinitions.CountAsync()));
        // A regular 係員: the required courses of 全職員の必修研修.
        Assert.Equal(["information-security", "meguro-dx-basics", "personal-information"],
            await app.WithDbAsync(db => db.Enrollments.Where(e => e.EmployeeId == person && e.CurriculumCode == "all-staff")
                .Join(db.Courses, e => e.CourseId, c => c.Id, (e, c) => c.Slug).OrderBy(s => s).ToListAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == CurriculumImporter.AuditAction && a.Actor != "")));

        var enrollments = await app.WithDbAsync(db => db.Enrollments.CountAsync());
        var second = await ImportAsync(admin);

        Assert.Contains($"新規 0 件、更新 0 件、変更なし {files} 件", second.Page, StringComparison.Ordinal);
        Assert.Contains("割当: 新規割当 0 件、対象外 0 件、再割当 0 件、期限の変更 0 件", second.Page, StringComparison.Ordinal);
        Assert.Equal(enrollments, await app.WithDbAsync(db => db.Enrollments.CountAsync()));
    }

    [Fact]
    public async Task A_bad_curriculum_file_is_reported_with_file_and_line_and_nothing_is_imported()
    {
        var content = Path.Combine(Path.GetTempPath(), $"meguro-content-{Guid.NewGuid():N}");
        CopyDirectory(Path.GetDirectoryName(ShippedCurricula)!, content);
        await File.WriteAllTextAsync(Path.Combine(content, CurriculumCatalog.FolderName, "broken.yml"),
            "id: broken\nname: 壊れた\ncourses:\n  - course: no-such-course\nrule:\n  employmentTypes: [正規]\ndue:\n  fixedDate: 03-31\n");
        var before = await app.WithDbAsync(db => db.CurriculumDefinitions.CountAsync());
        // A second host on the same database, reading this content folder; it runs no job server.
        // Hangfire's global storage is the first host's again afterwards.
        var storage = JobStorage.Current;
        var other = app.Factory.WithWebHostBuilder(b => b
            .UseSetting("Content:Root", content)
            .UseSetting("BackgroundJobs:RunServer", "false"));
        try
        {
            using var admin = other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var userName = await app.CreateUserAsync(Roles.Administrator);
            await AppFixture.SignInAsync(admin, userName, AppFixture.TestPassword);

            var (status, page) = await ImportAsync(admin);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("エラー 1 件のため、カリキュラムは何も取り込んでいません（ファイル:行）。", page, StringComparison.Ordinal);
            Assert.Contains("content/curricula/broken.yml:4: コース「no-such-course」は content/courses/ にありません", page, StringComparison.Ordinal);
            Assert.DoesNotContain("割当:", page, StringComparison.Ordinal);
            Assert.Equal(before, await app.WithDbAsync(db => db.CurriculumDefinitions.CountAsync()));
            Assert.False(await app.WithDbAsync(db => db.CurriculumDefinitions.AnyAsync(d => d.Code == "broken")));
        }
        finally
        {
            await other.DisposeAsync();
            JobStorage.Current = storage;
            Directory.Delete(content, recursive: true);
        }
    }

    [Fact]
    public async Task Only_administrators_may_import()
    {
        using var hr = await app.RunAsUserAsync(Roles.HR);
        var before = await app.WithDbAsync(db => db.CurriculumDefinitions.CountAsync());

        var response = await AppFixture.PostFormAsync(hr, "/account/password", "/admin/content?handler=Curricula", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.CurriculumDefinitions.CountAsync()));
    }

    private static async Task<(HttpStatusCode Status, string Page)> ImportAsync(HttpClient client)
    {
        var response = await AppFixture.PostFormAsync(client, "/admin/content", "/admin/content?handler=Curricula", new Dictionary<string, string>());
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

public sealed class CurriculumImportPageTestsOnSqlite(SqliteApp app) : CurriculumImportPageTests<SqliteApp>(app);

public sealed class CurriculumImportPageTestsOnPostgres(PostgresApp app) : CurriculumImportPageTests<PostgresApp>(app);
