using System.Text;

namespace Meguro.Learning.Content.Tests;

public sealed class CourseParserTests
{
    private const string Slug = "sample-course";

    private static readonly CourseParser Parser = new(new CourseMarkdown());

    private static readonly CourseReference Reference = new(
        new HashSet<string> { "dssl.care.security", "meguro.safety" },
        new HashSet<string> { "kakariin", "shunin", "kakaricho", "kacho" });

    private const string CourseMd = """
        ---
        title: 見本のコース
        summary: 見本です。
        category: セキュリティ
        audience:
          job_levels: [kakariin, shunin]
          roles: [Manager]
        minutes: 20
        self_enroll: false
        yearly: true
        skills:
          - id: dssl.care.security
            level: 2
          - id: meguro.safety
            level: 1
        version_notes: 初版
        ---
        ## ねらい

        [最初のレッスン](01-first.md)から始めます。
        """;

    private const string Lesson1 = """
        ---
        title: 最初のレッスン
        minutes: 10
        ---
        ## はじめに

        ![見本の図](media/diagram.svg)

        [次へ](02-second.md#まとめ)
        """;

    private const string Lesson2 = """
        ---
        title: 二つ目のレッスン
        minutes: 10
        ---
        ## まとめ

        おわり。
        """;

    private const string Svg = """
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
          <defs><linearGradient id="g"/></defs>
          <rect width="10" height="10" fill="url(#g)"/>
          <use href="#g"/>
        </svg>
        """;

    private static Dictionary<string, byte[]> ValidFiles() => new()
    {
        ["course.md"] = Utf8(CourseMd),
        ["01-first.md"] = Utf8(Lesson1),
        ["02-second.md"] = Utf8(Lesson2),
        ["media/diagram.svg"] = Utf8(Svg),
        ["quiz.md"] = Utf8(ValidQuiz),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static ParsedCourse Parse(Dictionary<string, byte[]> files) => Parser.Parse(Slug, files, Reference, 1);

    private static ParsedCourse ParseWith(string path, string text)
    {
        var files = ValidFiles();
        files[path] = Utf8(text);
        return Parse(files);
    }

    private static string Label(string path) => $"content/courses/{Slug}/{path}";

    [Fact]
    public void A_valid_course_is_read_completely()
    {
        var course = Parse(ValidFiles());

        Assert.True(course.IsValid, string.Join("\n", course.Issues));
        var content = course.Content!;
        Assert.Equal(("見本のコース", "見本です。", "セキュリティ", 20, false, true, "初版"),
            (content.Title, content.Summary, content.Category, content.Minutes, content.SelfEnroll, content.Yearly, content.VersionNotes));
        Assert.Equal(["kakariin", "shunin"], content.AudienceJobLevelCodes);
        Assert.Equal(["Manager"], content.AudienceRoles);
        Assert.Equal([new ParsedSkill("dssl.care.security", 2), new ParsedSkill("meguro.safety", 1)], course.Skills);
        Assert.Equal([(1, "first", "最初のレッスン", 10), (2, "second", "二つ目のレッスン", 10)],
            course.Lessons.Select(l => (l.Number, l.Slug, l.Title, l.Minutes)));
        Assert.StartsWith("## はじめに", course.Lessons[0].Markdown, StringComparison.Ordinal);
        Assert.Contains("/courses/sample-course/lessons/second#", course.Lessons[0].Rendered.Html, StringComparison.Ordinal);
        Assert.Contains("/courses/sample-course/media/diagram.svg?v=1", course.Lessons[0].Rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/courses/sample-course/lessons/first\"", content.OverviewHtml, StringComparison.Ordinal);
        Assert.Equal(("diagram.svg", "image/svg+xml"), (course.Media[0].FileName, course.Media[0].ContentType));
        Assert.Equal(["01-first.md", "02-second.md", "course.md", "quiz.md"], course.SourceFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(64, course.ContentHash.Length);
        Assert.Contains("見本のこーす", content.SearchText, StringComparison.Ordinal);
        Assert.Contains("おわり", content.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_hash_depends_on_every_file_but_not_on_line_endings()
    {
        var files = ValidFiles();
        var hash = CourseFiles.ContentHash(files);
        var crlf = ValidFiles();
        crlf["01-first.md"] = Utf8("\uFEFF" + Lesson1.Replace("\n", "\r\n", StringComparison.Ordinal));
        var changedMedia = ValidFiles();
        changedMedia["media/diagram.svg"] = Utf8(Svg + " ");

        Assert.Equal(hash, CourseFiles.ContentHash(crlf));
        Assert.NotEqual(hash, CourseFiles.ContentHash(changedMedia));
        Assert.Equal(hash, Parse(files).ContentHash);
    }

    [Fact]
    public void Bad_yaml_is_reported_at_its_line_in_the_file()
    {
        var course = ParseWith("course.md", CourseMd.Replace("minutes: 20", "minutes: [20", StringComparison.Ordinal));

        var issue = Assert.Single(course.Issues);
        Assert.Equal(Label("course.md"), issue.File);
        Assert.InRange(issue.Line, 8, 9);
        Assert.StartsWith("YAML を読み取れません", issue.Message, StringComparison.Ordinal);
        Assert.False(course.IsValid);
    }

    [Fact]
    public void An_unknown_front_matter_key_is_named()
    {
        var course = ParseWith("01-first.md", Lesson1.Replace("minutes: 10", "minute: 10", StringComparison.Ordinal));

        Assert.Equal(new ContentIssue(Label("01-first.md"), 3, "「minute」という項目は使えません。"), Assert.Single(course.Issues));
    }

    [Fact]
    public void A_missing_title_is_an_error()
    {
        var course = ParseWith("course.md", CourseMd.Replace("title: 見本のコース\n", "", StringComparison.Ordinal));

        Assert.Equal(new ContentIssue(Label("course.md"), 1, "title（コースの題名）がありません。"), Assert.Single(course.Issues));
        Assert.Null(course.Content);
    }

    [Fact]
    public void A_lesson_without_front_matter_is_an_error()
    {
        var course = ParseWith("02-second.md", "## まとめ\n");

        Assert.Equal(Label("02-second.md") + ":1: 先頭に「---」で囲んだフロントマター（title など）がありません。", Assert.Single(course.Issues).ToString());
    }

    [Fact]
    public void An_unknown_skill_and_a_level_outside_1_to_4_are_errors()
    {
        var course = ParseWith("course.md", CourseMd
            .Replace("dssl.care.security", "dssl.care.unknown", StringComparison.Ordinal)
            .Replace("level: 1", "level: 5", StringComparison.Ordinal));

        Assert.Equal(
            [
                new ContentIssue(Label("course.md"), 12, "スキル「dssl.care.unknown」はスキル体系（content/skills/）にありません。"),
                new ContentIssue(Label("course.md"), 14, "スキル「meguro.safety」のレベル 5 は使えません。1〜4で指定してください。"),
            ],
            course.Issues);
    }

    [Fact]
    public void An_unknown_job_level_or_role_is_an_error()
    {
        var course = ParseWith("course.md", CourseMd
            .Replace("[kakariin, shunin]", "[kakariin, shuji]", StringComparison.Ordinal)
            .Replace("[Manager]", "[Boss]", StringComparison.Ordinal));

        Assert.Equal(2, course.Issues.Count);
        Assert.Equal(6, course.Issues[0].Line);
        Assert.StartsWith("職層コード「shuji」は content/job-levels.yml にありません", course.Issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(7, course.Issues[1].Line);
        Assert.StartsWith("役割「Boss」は不明です", course.Issues[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_in_lesson_numbers_is_an_error()
    {
        var files = ValidFiles();
        files["04-fourth.md"] = files["02-second.md"];

        var course = Parse(files);

        Assert.Equal(new ContentIssue(Label(""), 0, "レッスン番号 03 がありません。レッスンは 01 から欠けずに番号を付けてください。"), Assert.Single(course.Issues));
    }

    [Fact]
    public void A_duplicate_lesson_number_is_an_error()
    {
        var files = ValidFiles();
        files["02-other.md"] = files["02-second.md"];

        var course = Parse(files);

        Assert.Equal("レッスン番号 02 が重複しています（02-other.md、02-second.md）。", Assert.Single(course.Issues).Message);
    }

    [Fact]
    public void A_course_without_lessons_or_course_md_is_an_error()
    {
        var course = Parse(new Dictionary<string, byte[]> { ["README.md"] = Utf8("# x") });

        Assert.Contains(course.Issues, i => i.Message.StartsWith("レッスンが1つもありません", StringComparison.Ordinal));
        Assert.Contains(course.Issues, i => i.File == Label("course.md") && i.Message.StartsWith("course.md がありません", StringComparison.Ordinal));
        Assert.Contains(course.Issues, i => i.File == Label("README.md") && i.Message.StartsWith("レッスンのファイル名は", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_relative_links_and_images_are_errors_with_their_line()
    {
        var course = ParseWith("02-second.md", Lesson2 + "\n[戻る](01-frist.md)\n\n![図](media/none.png)\n");

        Assert.Equal(
            [
                new ContentIssue(Label("02-second.md"), 8, "リンク先「01-frist.md」が存在しません。"),
                new ContentIssue(Label("02-second.md"), 10, "画像「media/none.png」が存在しません。"),
            ],
            course.Issues);
    }

    [Fact]
    public void External_links_and_missing_alt_text_are_errors()
    {
        var course = ParseWith("02-second.md", Lesson2 + "\n[区のサイト](https://www.city.meguro.tokyo.jp/)\n\n![](media/diagram.svg)\n");

        Assert.Equal([8, 10], course.Issues.Select(i => i.Line));
        Assert.StartsWith("外部へのリンク「https://www.city.meguro.tokyo.jp/」は使えません", course.Issues[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("画像「media/diagram.svg」に代替テキストがありません", course.Issues[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>", 2, "<script>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>", 1, "イベント属性")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">\n\n<foreignObject/></svg>", 3, "<foreignObject>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"https://example.com/\">x</a></svg>", 1, "href")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><use xlink:href='javascript:alert(1)'/></svg>", 1, "href")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(https://example.com/x)\"/></svg>", 1, "url(")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>\n@import \"https://example.com/a.css\";</style></svg>", 2, "@import")]
    public void Unsafe_svg_is_refused_with_its_line(string svg, int line, string expected)
    {
        var course = ParseWith("media/diagram.svg", svg);

        var issue = Assert.Single(course.Issues);
        Assert.Equal((Label("media/diagram.svg"), line), (issue.File, issue.Line));
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Media_must_be_an_allowed_type_of_at_most_5_MB_whose_content_matches_its_extension()
    {
        var files = ValidFiles();
        files["media/tool.exe"] = [0x4D, 0x5A];
        files["media/photo.png"] = Utf8("not a png");
        files["media/big.pdf"] = [.. "%PDF-1.7\n"u8, .. new byte[CourseParser.MaxMediaBytes]];
        files["media/sub/x.png"] = [0x89, 0x50, 0x4E, 0x47];

        var course = Parse(files);

        Assert.Equal(
            [Label("media/big.pdf"), Label("media/photo.png"), Label("media/sub/x.png"), Label("media/tool.exe")],
            course.Issues.Select(i => i.File));
        Assert.Contains("5MBまで", course.Issues[0].Message, StringComparison.Ordinal);
        Assert.Contains("形式ではありません", course.Issues[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_an_error()
    {
        var files = ValidFiles();
        files["02-second.md"] = [0x2D, 0x2D, 0x2D, 0x0A, 0x82, 0xA0];

        var course = Parse(files);

        Assert.Contains(new ContentIssue(Label("02-second.md"), 0, "文字コードを読み取れません。UTF-8 で保存してください。"), course.Issues);
    }

    [Fact]
    public void Zip_uploads_lose_their_top_folder_and_may_not_climb_out()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, bytes) in ValidFiles())
            {
                using var entry = archive.CreateEntry($"{Slug}/{path}").Open();
                entry.Write(bytes);
            }
        }
        zip.Position = 0;

        var files = CourseFiles.ReadZip(zip);

        Assert.Equal(ValidFiles().Keys.Order(StringComparer.Ordinal), files.Keys.Order(StringComparer.Ordinal));
        Assert.True(Parse(files).IsValid);
    }

    private const string ValidQuiz = """
        ---
        pass_mark: 80
        attempts: 3
        ---

        ## 報告先 {#report-to type=single}

        不審なメールを受け取ったとき、最初にすることはどれですか。

        - [ ] 開いて確かめる
        - [x] 開かずに報告する
        - [ ] 返信して尋ねる

        > **解説** 開く前に報告します。
        """;

    [Fact]
    public void A_valid_quiz_passes_with_the_course()
    {
        var course = ParseWith("quiz.md", ValidQuiz);

        Assert.True(course.IsValid, string.Join("; ", course.Issues));
    }

    [Fact]
    public void A_quiz_without_a_correct_answer_stops_the_course_with_file_and_line()
    {
        var course = ParseWith("quiz.md", ValidQuiz.Replace("- [x] 開かずに報告する", "- [ ] 開かずに報告する", StringComparison.Ordinal));

        var issue = Assert.Single(course.Issues);
        Assert.Equal(Label("quiz.md"), issue.File);
        Assert.True(issue.Line > 0);
        Assert.False(course.IsValid);
    }

    [Fact]
    public void A_course_may_not_have_both_a_Markdown_and_a_GIFT_quiz()
    {
        var files = ValidFiles();
        files["quiz.md"] = Utf8(ValidQuiz);
        files["quiz.gift"] = Utf8("::報告先:: 最初にすることは？ {=報告する ~開く}");

        var course = Parse(files);

        Assert.Contains(course.Issues, i => i.File == Label("quiz.gift") && i.Message.Contains("両方", StringComparison.Ordinal));
    }
}
