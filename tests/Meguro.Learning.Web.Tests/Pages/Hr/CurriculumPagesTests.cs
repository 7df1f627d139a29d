using System.Net;
using Meguro.Learning.Web.Tests.Builders;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Pages.Hr;

/// <summary>The curriculum pages over HTTP: the editor refuses bad YAML with file:line, the preview names people, learners are kept out.</summary>
public abstract class CurriculumPagesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Theory]
    [InlineData("/hr/curricula")]
    [InlineData("/hr/curricula/new")]
    [InlineData("/hr/assignments")]
    [InlineData("/hr/exemptions")]
    [InlineData("/hr/leave")]
    public async Task A_learner_gets_403(string url)
    {
        var (client, _) = await app.RunAsEmployeeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Malformed_yaml_is_refused_with_file_and_line_and_nothing_changes()
    {
        var hr = await app.RunAsUserAsync("HR");
        var before = await app.WithDbAsync(db => db.CurriculumDefinitions.CountAsync());

        var response = await AppFixture.PostFormAsync(hr, "/hr/curricula/new", "/hr/curricula/new?handler=Save",
            new Dictionary<string, string> { ["Yaml"] = "id: broken\nname: 壊れた\ncourses:\n  - course: no-such-course\ndue:\n  fixedDate: 03-31\n", ["Revision"] = "0" });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("content/curricula/new.yml:4: コース「no-such-course」は content/courses/ にありません", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.CurriculumDefinitions.CountAsync()));
    }

    [Fact]
    public async Task Preview_lists_the_people_who_would_be_assigned_and_save_assigns_them()
    {
        var roster = new CurriculumRosterBuilder(app);
        await roster.CreateUnitsAsync();
        var person = await roster.AddEmployeeAsync(roster.SectionA, "kakariin");
        var number = await app.WithDbAsync(db => db.Employees.Where(e => e.Id == person).Select(e => e.EmployeeNumber).SingleAsync());
        var code = roster.Department.ToLowerInvariant() + "-web";
        var yaml = CurriculumRosterBuilder.Yaml(code, "  - course: personal-information\n", "daysAfterAssignment: 30", "", roster.Department);
        var hr = await app.RunAsUserAsync("HR");
        var form = new Dictionary<string, string> { ["Yaml"] = yaml, ["Revision"] = "0" };

        var preview = WebUtility.HtmlDecode(await (await AppFixture.PostFormAsync(hr, "/hr/curricula/new", "/hr/curricula/new?handler=Preview", form)).Content.ReadAsStringAsync());
        Assert.Contains(number, preview, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enrollments.CountAsync(e => e.EmployeeId == person)));

        var saved = await AppFixture.PostFormAsync(hr, "/hr/curricula/new", "/hr/curricula/new?handler=Save", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Enrollments.CountAsync(e => e.EmployeeId == person && e.CurriculumCode == code)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "カリキュラム編集" && a.Target == code)));
    }
}

public sealed class CurriculumPagesTestsOnSqlite(SqliteApp app) : CurriculumPagesTests<SqliteApp>(app);

public sealed class CurriculumPagesTestsOnPostgres(PostgresApp app) : CurriculumPagesTests<PostgresApp>(app);
