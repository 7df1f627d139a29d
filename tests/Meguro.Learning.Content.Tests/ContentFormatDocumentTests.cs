using System.Text;
using System.Text.RegularExpressions;
using Meguro.Learning.Content.Tests.Infrastructure;

namespace Meguro.Learning.Content.Tests;

/// <summary>The complete example in docs/content-format.md is a valid course, so the document cannot drift from the parser.</summary>
public sealed partial class ContentFormatDocumentTests
{
    [Fact]
    public void The_documented_example_course_is_valid()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryContent.Root, "..", "docs", "content-format.md"));
        var files = new Dictionary<string, byte[]>();
        foreach (var path in new[] { "course.md", "01-spot-the-signs.md", "media/report-flow.svg" })
        {
            var block = ExampleBlock(path).Match(document);
            Assert.True(block.Success, $"docs/content-format.md has no example for {path}");
            files[path] = Encoding.UTF8.GetBytes(block.Groups[1].Value);
        }
        var reference = new CourseReference(
            new HashSet<string> { "dssl.care.security", "meguro.safety" }, new HashSet<string> { "kakariin" });

        var course = new CourseParser(new CourseMarkdown()).Parse("phishing-drill", files, reference, 1);

        Assert.True(course.IsValid, string.Join("\n", course.Issues));
        Assert.Equal("不審メール対応訓練", course.Content!.Title);
    }

    [Fact]
    public void The_documented_example_curriculum_is_valid()
    {
        var yaml = Example("content/curricula/digital-pilot.yml");

        var (curriculum, _, issues) = CurriculumCatalog.ParseFile(yaml, "digital-pilot.yml", CurriculumReference.FromContent(RepositoryContent.Root));

        Assert.Empty(issues);
        Assert.Equal("digital-pilot", curriculum!.Id);
        Assert.Equal(365, curriculum.Rule.HiredWithinDays);
    }

    [Fact]
    public void The_documented_example_holiday_file_is_valid()
    {
        var file = HolidayCatalog.Parse(Example("content/calendar/holidays.yml"));

        Assert.True(file.IsValid, string.Join("\n", file.Issues));
        Assert.Equal(3, file.Calendar!.Holidays.Count);
    }

    [Fact]
    public void The_documented_example_skill_targets_are_valid()
    {
        var reference = new SkillTargetReference(["kakariin", "kakaricho"], ["dssl.care.security", "dssl.data.decide", "meguro.citizen-first"]);

        var file = SkillTargetCatalog.Parse(Example("content/skills/targets.yml"), reference);

        Assert.True(file.IsValid, string.Join("\n", file.Issues));
        Assert.Equal(4, file.Targets.Count);
    }

    private static string Example(string path)
    {
        var document = File.ReadAllText(Path.Combine(RepositoryContent.Root, "..", "docs", "content-format.md"));
        var block = ExampleBlock(path).Match(document);
        Assert.True(block.Success, $"docs/content-format.md has no example for {path}");
        return block.Groups[1].Value;
    }

    private static Regex ExampleBlock(string path) =>
        new($"### {Regex.Escape(path)}\\n\\n```[a-z]*\\n(.*?)```", RegexOptions.Singleline);
}
