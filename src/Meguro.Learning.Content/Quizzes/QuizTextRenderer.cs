using System.Text.RegularExpressions;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>
/// Turns the texts of one quiz file into <see cref="QuizText"/> through the one course Markdown pipeline
/// and sanitizer, moving the issues the pipeline finds (external links, missing images) onto file lines.
/// </summary>
internal sealed partial class QuizTextRenderer(CourseMarkdown markdown, MarkdownContext context, List<ContentIssue> issues)
{
    /// <summary>A context without lessons or media, for a quiz read on its own.</summary>
    public static MarkdownContext StandaloneContext(string fileLabel) =>
        new("quiz", 1, new Dictionary<string, string>(), new HashSet<string>(), fileLabel);

    public string FileLabel => context.FileLabel;

    /// <summary>Renders Markdown that starts on (1-based) file line <paramref name="firstLine"/>.</summary>
    public QuizText Markdown(string source, int firstLine, bool inline = false)
    {
        var rendered = markdown.Render(source, context);
        foreach (var issue in rendered.Issues)
        {
            issues.Add(issue with { Line = issue.Line > 0 ? firstLine + issue.Line - 1 : firstLine });
        }
        var html = rendered.Html.Trim();
        return new QuizText(source, inline ? Unwrap(html) : html);
    }

    public QuizText Html(string source, bool inline = false)
    {
        var html = markdown.SanitizeHtml(source).Trim();
        return new QuizText(source, inline ? Unwrap(html) : html, QuizTextFormat.Html);
    }

    public QuizText Render(string source, QuizTextFormat format, int firstLine, bool inline = false) =>
        format == QuizTextFormat.Html ? Html(source, inline) : Markdown(source, firstLine, inline);

    /// <summary>An option or answer is one paragraph; shown inline (inside a label) it loses its &lt;p&gt;.</summary>
    private static string Unwrap(string html)
    {
        var match = SingleParagraph().Match(html);
        return match.Success && !match.Groups[1].Value.Contains("<p>", StringComparison.Ordinal) ? match.Groups[1].Value : html;
    }

    [GeneratedRegex(@"^<p>(.*)</p>$", RegexOptions.Singleline)]
    private static partial Regex SingleParagraph();
}
