using System.Text.RegularExpressions;
using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Content.Tests.Infrastructure;

namespace Meguro.Learning.Content.Tests.Quizzes;

/// <summary>The quiz examples in docs/content-format.md are valid and cover every type, so the document cannot drift from the parsers.</summary>
public sealed class QuizDocumentTests
{
    private static string Example(string heading)
    {
        var document = File.ReadAllText(Path.Combine(RepositoryContent.Root, "..", "docs", "content-format.md"));
        var block = new Regex($"### {Regex.Escape(heading)}\\n\\n```[a-z]*\\n(.*?)```", RegexOptions.Singleline).Match(document);
        Assert.True(block.Success, $"docs/content-format.md has no example for {heading}");
        return block.Groups[1].Value;
    }

    [Fact]
    public void The_documented_quiz_md_is_valid_and_has_every_type()
    {
        var result = new QuizMarkdownParser(QuizMarkdownParserTests.Markdown).Parse(Example("quiz.md"), "docs/quiz.md");

        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.Equal(Enum.GetValues<QuestionType>(), result.Definition!.Questions.Select(q => q.Type).Distinct().Order());
    }

    [Fact]
    public void The_documented_quiz_gift_is_valid_has_every_type_and_round_trips()
    {
        var parser = new GiftParser(QuizMarkdownParserTests.Markdown);
        var result = parser.Parse(Example("quiz.gift"), "docs/quiz.gift");

        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.Equal(Enum.GetValues<QuestionType>(), result.Definition!.Questions.Select(q => q.Type).Distinct().Order());
        Assert.Equal(result.Definition, parser.Parse(GiftExporter.Export(result.Definition), "again.gift").Definition);
    }
}
