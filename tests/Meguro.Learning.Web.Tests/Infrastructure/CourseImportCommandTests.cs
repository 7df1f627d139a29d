using Meguro.Learning.Content;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Infrastructure;

public sealed class CourseImportCommandParsingTests
{
    [Fact]
    public void Import_courses_takes_the_content_folder_and_passes_host_settings_on()
    {
        var (command, error, hostArgs) = ImportCommand.Parse(["import", "courses", "--content", "/srv/content", "--Database:Provider=PostgreSQL"]);

        Assert.Null(error);
        Assert.Equal(new CourseImportCommand("/srv/content"), command);
        Assert.Equal(["--Database:Provider=PostgreSQL"], hostArgs);
    }

    [Fact]
    public void A_stray_argument_gets_a_Japanese_explanation()
    {
        var (command, error, _) = ImportCommand.Parse(["import", "courses", "extra"]);

        Assert.Null(command);
        Assert.Contains("使い方: import courses", error, StringComparison.Ordinal);
    }
}

/// <summary>The start-up import (on in the test factory) and the command against the real app and database.</summary>
public sealed class CourseImportCommandTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_app_imported_the_shipped_courses_at_start_and_the_command_finds_them_unchanged()
    {
        var published = await app.WithDbAsync(db => db.Courses.CountAsync(c => c.PublishedVersionNumber == 1));

        var (exit, output, errors) = await RunAsync(new CourseImportCommand(null));

        Assert.Equal(9, published);
        Assert.Equal(0, exit);
        Assert.Equal("", errors);
        Assert.Contains("変更なし   information-security（公開中: 第1版）", output, StringComparison.Ordinal);
        Assert.Contains("コース 9 件: 新規 0、新しい版 0、変更なし 9、失敗 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_course_exits_1_and_prints_file_line_and_message()
    {
        var root = CopyContent();
        try
        {
            var lesson = Path.Combine(root, "courses", "generative-ai", "03-what-not-to-input.md");
            await File.AppendAllTextAsync(lesson, "\n[外部](https://example.com/)\n");
            var line = (await File.ReadAllLinesAsync(lesson)).Length;

            var (exit, output, errors) = await RunAsync(new CourseImportCommand(root));

            Assert.Equal(1, exit);
            Assert.Contains("失敗     generative-ai（公開中: 第1版）", output, StringComparison.Ordinal);
            Assert.StartsWith($"content/courses/generative-ai/03-what-not-to-input.md:{line}: 外部へのリンク「https://example.com/」は使えません。", errors, StringComparison.Ordinal);
            Assert.Equal(1, await app.WithDbAsync(db => db.CourseVersions.CountAsync(v => v.Course.Slug == "generative-ai")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_content_folder_is_reported()
    {
        var (exit, _, errors) = await RunAsync(new CourseImportCommand("/nonexistent/content"));

        Assert.Equal(2, exit);
        Assert.Contains("見つかりません", errors, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(IAppCommand command)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await command.RunAsync(app.Services, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }

    private static string CopyContent()
    {
        var source = ContentOptions.Locate("", AppContext.BaseDirectory);
        var target = Path.Combine(Path.GetTempPath(), $"meguro-cli-content-{Guid.NewGuid():N}");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
