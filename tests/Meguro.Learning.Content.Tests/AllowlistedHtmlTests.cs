using AngleSharp.Html.Parser;

namespace Meguro.Learning.Content.Tests;

/// <summary>
/// Lessons whose HTML passes the allow-list check skip HtmlSanitizer. These tests hold that shortcut
/// to the sanitizer's result: on every shipped lesson and the whole CommonMark spec the two give the
/// same document, and markup the sanitizer would change never passes the check.
/// </summary>
public sealed class AllowlistedHtmlTests
{
    private static readonly CourseMarkdown Markdown = new();
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// The document as a browser sees it. White space at the edges of a task-list label is ignored: the
    /// sanitizer's DOM pass moves the line break before a nested list into the label, the renderer not.
    /// </summary>
    private static string Normalized(string html) => System.Text.RegularExpressions.Regex.Replace(
        Parser.ParseDocument($"<body>{html}</body>").Body!.InnerHtml, @"\s*</label>\s*", "</label>");

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var file in LessonFiles())
        {
            data.Add(file);
        }
        data.Add(Path.Combine("tests", "Meguro.Learning.Benchmarks", "Corpus", "commonmark-spec.txt"));
        return data;
    }

    private static List<string> LessonFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "content", "courses"), "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(RepositoryRoot(), f))];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Shipped_lessons_and_the_commonmark_spec_render_to_the_same_document_as_through_the_sanitizer(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), file));

        var fast = Markdown.Render(text, ContextFor(file));
        var reference = Markdown.RenderSanitized(text, ContextFor(file));

        Assert.Equal(Normalized(reference.Html), Normalized(fast.Html));
    }

    /// <summary>The lesson's own course, so that its links and images resolve as on import.</summary>
    private static MarkdownContext ContextFor(string file)
    {
        var slug = file.Split(Path.DirectorySeparatorChar).ElementAtOrDefault(2) ?? "spec";
        var lessons = Directory.Exists(Path.Combine(RepositoryRoot(), "content", "courses", slug))
            ? Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "content", "courses", slug), "*.md").ToDictionary(f => Path.GetFileName(f), f => Path.GetFileNameWithoutExtension(f))
            : [];
        var media = Directory.Exists(Path.Combine(RepositoryRoot(), "content", "courses", slug, "media"))
            ? Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "content", "courses", slug, "media")).Select(f => Path.GetFileName(f)).ToHashSet()
            : [];
        return new MarkdownContext(slug, 1, lessons, media, file);
    }

    [Fact]
    public void Most_shipped_lessons_take_the_shortcut()
    {
        var files = LessonFiles();
        var rejected = files.Where(f => !AllowlistedHtml.IsClean(Markdown.RenderUnsanitized(File.ReadAllText(Path.Combine(RepositoryRoot(), f)), ContextFor(f)))).ToList();
        Assert.True(rejected.Count * 10 <= files.Count, $"{rejected.Count} of {files.Count} lesson files are sanitized: {string.Join(", ", rejected)}");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<p onclick=\"x()\">a</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">a</a>")]
    [InlineData("<a href=\"//evil.example/\">a</a>")]
    [InlineData("<a href=\"/&#47;evil.example/\">a</a>")]
    [InlineData("<a href=\"/x&#x3a;y\">a</a>")]
    [InlineData("<a href=\"https://example.com/\">a</a>")]
    [InlineData("<a href=\"\">a</a>")]
    [InlineData("<img src=\"/media/x.png\" />")]
    [InlineData("<img src=\"data:image/png;base64,AA\" />")]
    [InlineData("<a src=\"/courses/x\">a</a>")]
    [InlineData("<p style=\"color:red\">a</p>")]
    [InlineData("<p class='x'>a</p>")]
    [InlineData("<p class=x>a</p>")]
    [InlineData("<input type=\"checkbox\" />")]
    [InlineData("<input disabled=\"disabled\" type=\"checkbox\" />")]
    [InlineData("<label><input disabled=\"disabled\" type=\"text\" /></label>")]
    [InlineData("<label><input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\" onclick=\"x\" /></label>")]
    [InlineData("<iframe src=\"/courses/x\"></iframe>")]
    [InlineData("<!-- a --><p>b</p>")]
    [InlineData("<P>a</P>")]
    [InlineData("<p\tclass=\"a\">a</p>")]
    [InlineData("<p class=\"a\"")]
    [InlineData("<svg><script>1</script></svg>")]
    public void Markup_the_sanitizer_would_change_never_passes(string html)
    {
        Assert.False(AllowlistedHtml.IsClean(html));
    }

    [Theory]
    [InlineData("<p>a &lt;script&gt; b</p>")]
    [InlineData("<h2 id=\"まとめ\">まとめ</h2>")]
    [InlineData("<a href=\"/courses/a/lessons/b#c\">x</a><a href=\"#fn:1\" class=\"footnote-ref\"><sup>1</sup></a>")]
    [InlineData("<img src=\"/courses/a/media/x.svg?v=2&amp;y=1\" alt=\"図\" />")]
    [InlineData("<ol start=\"3\"><li>a</li></ol><hr /><br />")]
    [InlineData("<ul class=\"contains-task-list\"><li class=\"task-list-item\"><label><input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\" /> 済</label></li></ul>")]
    public void Markup_as_markdig_writes_it_passes(string html)
    {
        Assert.True(AllowlistedHtml.IsClean(html));
    }

    [Fact]
    public void Tables_are_wrapped_in_a_named_scrollable_region_on_both_paths()
    {
        var context = new MarkdownContext("c", 1, new Dictionary<string, string>(), new HashSet<string>(), "c.md");
        var html = Markdown.Render("| a | b |\n|---|--:|\n| 1 | 2 |\n", context).Html;
        var body = Parser.ParseDocument($"<body>{html}</body>").Body!;
        var wrapper = Assert.Single(body.QuerySelectorAll("div.table-wrap[role=region][tabindex='0'][aria-label]"));
        Assert.NotNull(wrapper.QuerySelector("table td.align-right"));
    }

    [Fact]
    public void Every_table_of_a_lesson_is_wrapped_as_through_the_sanitizer()
    {
        var context = new MarkdownContext("c", 1, new Dictionary<string, string>(), new HashSet<string>(), "c.md");
        var text = "前の段落 table <table>\n\n| a |\n|---|\n| 1 |\n\n間の段落\n\n| b | c |\n|---|---|\n| 2 | 3 |\n\n後の段落 </table>\n";

        var fast = Markdown.Render(text, context).Html;

        var body = Parser.ParseDocument($"<body>{fast}</body>").Body!;
        Assert.Equal(2, body.QuerySelectorAll("div.table-wrap[role=region][tabindex='0'][aria-label] > table").Length);
        Assert.Equal(Normalized(Markdown.RenderSanitized(text, context).Html), Normalized(fast));
    }

    [Fact]
    public void Only_the_exact_table_region_around_a_table_passes_with_its_role_and_name()
    {
        const string region = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表\">";

        Assert.True(AllowlistedHtml.IsClean(region + "<table>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n</div>\n"));
        Assert.False(AllowlistedHtml.IsClean(region + "<p>a</p></div>"));
        Assert.False(AllowlistedHtml.IsClean(region.Replace("tabindex=\"0\"", "tabindex=\"1\"") + "<table></table></div>"));
        Assert.False(AllowlistedHtml.IsClean("<div role=\"region\"><table></table></div>"));
    }

    [Fact]
    public void The_sanitizer_gives_the_renderers_table_region_back_its_role_and_name_instead_of_a_second_region()
    {
        var context = new MarkdownContext("c", 1, new Dictionary<string, string>(), new HashSet<string>(), "c.md");

        var html = Markdown.RenderSanitized("| a |\n|---|\n| 1 |\n", context).Html;

        var body = Parser.ParseDocument($"<body>{html}</body>").Body!;
        var region = Assert.Single(body.QuerySelectorAll("div.table-wrap"));
        Assert.Equal(("region", "0", "表"), (region.GetAttribute("role"), region.GetAttribute("tabindex"), region.GetAttribute("aria-label")));
        Assert.Single(region.QuerySelectorAll(":scope > table"));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meguro.Learning.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root not found.");
    }
}
