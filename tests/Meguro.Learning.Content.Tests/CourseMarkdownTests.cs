using AngleSharp.Html.Parser;
using Meguro.Learning.Domain.Courses;

namespace Meguro.Learning.Content.Tests;

public sealed class CourseMarkdownTests
{
    private static readonly CourseMarkdown Markdown = new();

    private static readonly MarkdownContext Context = new(
        "information-security",
        3,
        new Dictionary<string, string> { ["01-why-security.md"] = "why-security", ["03-suspicious-mail.md"] = "suspicious-mail" },
        new HashSet<string> { "three-layers.svg", "guide.pdf" },
        "content/courses/information-security/02-three-layers.md");

    private static RenderedMarkdown Render(string markdown) => Markdown.Render(markdown, Context);

    private static AngleSharp.Dom.IElement Body(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;

    [Fact]
    public void Script_javascript_links_event_handlers_and_iframes_come_out_inert()
    {
        var rendered = Render("""
            # 危険な入力

            <script>alert(1)</script>

            [x](javascript:alert(1))

            <img src=x onerror=alert(1)>

            <iframe src="https://example.com/"></iframe>

            [y](JAVASCRIPT:alert(2)) ![z](data:image/svg+xml;base64,PHN2Zz4=)
            """);

        var body = Body(rendered.Html);
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Empty(body.QuerySelectorAll("iframe"));
        Assert.Empty(body.QuerySelectorAll("img"));
        Assert.DoesNotContain(body.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(body.QuerySelectorAll("[href], [src]"), e =>
            (e.GetAttribute("href") ?? e.GetAttribute("src"))!.Contains("script:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("javascript:", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"\"", rendered.Html, StringComparison.Ordinal);
        // The raw HTML is shown as text, so an author sees what they wrote.
        Assert.Contains("&lt;script&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(rendered.Issues, i => i.Line == 11 && i.Message.StartsWith("画像「data:", StringComparison.Ordinal));
        Assert.Contains(rendered.Issues, i => i.Line == 5 && i.Message.Contains("javascript:alert(1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Lesson_links_become_app_urls_and_keep_their_anchor()
    {
        var rendered = Render("""
            詳しくは[レッスン3](03-suspicious-mail.md#不審なメールを受け取ったら)と[最初](./01-why-security.md)、[概要](course.md)、
            [資料](media/guide.pdf)、[このページ](#まとめ)、[マイページ](/my)を見てください。
            """);

        // Markdig percent-encodes non-ASCII; browsers decode the fragment before matching the heading id.
        var hrefs = Body(rendered.Html).QuerySelectorAll("a").Select(a => Uri.UnescapeDataString(a.GetAttribute("href")!)).ToList();
        Assert.Equal(
            [
                "/courses/information-security/lessons/suspicious-mail#不審なメールを受け取ったら",
                "/courses/information-security/lessons/why-security",
                "/courses/information-security",
                "/courses/information-security/media/guide.pdf?v=3",
                "#まとめ",
                "/my",
            ],
            hrefs);
        Assert.Empty(rendered.Issues);
    }

    [Theory]
    [InlineData("| 項目 | 参照 |\n|---|---|\n| 最初 | [レッスン1](01-why-security.md) |")]
    [InlineData("## [レッスン1](01-why-security.md)の復習")]
    [InlineData("復習\n[レッスン1](01-why-security.md)\n---")]
    [InlineData("> - 項目\n>\n>   続きは[レッスン1](01-why-security.md)")]
    [InlineData("本文[^1]。\n\n[^1]: [レッスン1](01-why-security.md)")]
    [InlineData("---\ntitle: 前置き\n---\n\nリンクのない段落。\n\n[レッスン1][最初]\n\n[最初]: 01-why-security.md")]
    [InlineData("- [ ] [レッスン1](01-why-security.md)を読む")]
    public void A_lesson_link_is_resolved_wherever_it_stands(string markdown)
    {
        var rendered = Render("リンクのない段落。\n\n" + markdown + "\n\nもう一つ、リンクのない段落。");

        var href = Assert.Single(Body(rendered.Html).QuerySelectorAll("a[href]"), a => !a.GetAttribute("href")!.StartsWith('#')).GetAttribute("href");
        Assert.Equal("/courses/information-security/lessons/why-security", href);
        Assert.Empty(rendered.Issues);
    }

    [Fact]
    public void Images_point_at_versioned_course_media_and_keep_their_alt_text()
    {
        var rendered = Render("![三層の対策の図](media/three-layers.svg)");

        var image = Assert.Single(Body(rendered.Html).QuerySelectorAll("img"));
        Assert.Equal("/courses/information-security/media/three-layers.svg?v=3", image.GetAttribute("src"));
        Assert.Equal("三層の対策の図", image.GetAttribute("alt"));
        Assert.Empty(rendered.Issues);
    }

    [Fact]
    public void Broken_links_and_images_are_reported_with_their_line()
    {
        var rendered = Render("""
            # 題

            [次へ](04-passwords.md)

            ![図](media/missing.png)
            ![図](three-layers.svg)
            """);

        Assert.Equal(
            [
                new ContentIssue(Context.FileLabel, 3, "リンク先「04-passwords.md」が存在しません。"),
                new ContentIssue(Context.FileLabel, 5, "画像「media/missing.png」が存在しません。"),
                new ContentIssue(Context.FileLabel, 6, "画像「three-layers.svg」が存在しません。"),
            ],
            rendered.Issues);
        Assert.Equal(
            "content/courses/information-security/02-three-layers.md:3: リンク先「04-passwords.md」が存在しません。",
            rendered.Issues[0].ToString());
    }

    [Theory]
    [InlineData("[区のサイト](https://www.city.meguro.tokyo.jp/)")]
    [InlineData("[問合せ](mailto:jouhou@example.jp)")]
    [InlineData("<https://example.com/>")]
    [InlineData("[x](//example.com/a)")]
    [InlineData("![図](https://example.com/a.png)")]
    public void External_links_are_errors_and_do_not_reach_the_html(string markdown)
    {
        var rendered = Render("前の行\n\n" + markdown);

        var issue = Assert.Single(rendered.Issues, i => i.Message.Contains("外部へのリンク", StringComparison.Ordinal));
        Assert.Equal(3, issue.Line);
        Assert.DoesNotContain("example.com/", Body(rendered.Html).InnerHtml.Replace(Body(rendered.Html).TextContent, ""), StringComparison.Ordinal);
        Assert.Empty(Body(rendered.Html).QuerySelectorAll("[href^='http'], [href^='mailto'], [href^='//'], [src^='http']"));
    }

    [Fact]
    public void An_image_without_alt_text_is_an_error()
    {
        var rendered = Render("説明\n\n![](media/three-layers.svg)");

        var issue = Assert.Single(rendered.Issues);
        Assert.Equal(3, issue.Line);
        Assert.Contains("代替テキスト", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Task_list_checkboxes_are_labelled_by_their_item_and_disabled()
    {
        var rendered = Render("""
            - [x] 添付ファイルを開かない
            - [ ] 上司に**すぐ**報告する
              - 入れ子の項目
            """);

        var items = Body(rendered.Html).QuerySelectorAll("li.task-list-item");
        Assert.Equal(2, items.Length);
        foreach (var item in items)
        {
            var label = item.Children.First();
            Assert.Equal("label", label.LocalName);
            var input = Assert.Single(label.QuerySelectorAll("input[type=checkbox]"));
            Assert.True(input.HasAttribute("disabled"));
        }
        Assert.Equal("添付ファイルを開かない", items[0].QuerySelector("label")!.TextContent.Trim());
        Assert.Equal("上司にすぐ報告する", items[1].QuerySelector("label")!.TextContent.Trim());
        Assert.NotNull(items[1].QuerySelector(":scope > ul"));
        Assert.True(items[0].QuerySelector("input")!.HasAttribute("checked"));
    }

    [Fact]
    public void Tables_are_wrapped_in_a_named_scrollable_region_and_alignment_survives_as_classes()
    {
        var rendered = Render("""
            | 系 | 件数 |
            |:--|---:|
            | LGWAN接続系 | 12 |
            """);

        var wrapper = Assert.Single(Body(rendered.Html).QuerySelectorAll("div.table-wrap"));
        Assert.Equal("region", wrapper.GetAttribute("role"));
        Assert.Equal("0", wrapper.GetAttribute("tabindex"));
        Assert.Equal("表", wrapper.GetAttribute("aria-label"));
        Assert.NotNull(wrapper.QuerySelector(":scope > table"));
        Assert.Equal("align-right", wrapper.QuerySelector("td:nth-child(2)")!.ClassName);
        Assert.DoesNotContain("style=", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_tables_render_as_tables()
    {
        var rendered = Render("""
            +------+------+
            | 項目 | 内容 |
            +======+======+
            | A    | B    |
            +------+------+
            """);

        Assert.Single(Body(rendered.Html).QuerySelectorAll("div.table-wrap > table"));
    }

    [Fact]
    public void Japanese_headings_get_unique_ids_and_make_the_table_of_contents()
    {
        var rendered = Render("""
            ## 標的型メールとは

            ## まとめ

            ### まとめ

            ## **強調**した見出し
            """);

        Assert.Equal(
            [
                new LessonHeading(2, "標的型メールとは", "標的型メールとは"),
                new LessonHeading(2, "まとめ", "まとめ"),
                new LessonHeading(3, "まとめ-1", "まとめ"),
                new LessonHeading(2, "強調した見出し", "強調した見出し"),
            ],
            rendered.Headings);
        Assert.Contains("<h2 id=\"標的型メールとは\">", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_get_a_Japanese_title_and_no_inline_svg()
    {
        var rendered = Render("> [!WARNING]\n> すぐに報告してください。");

        var alert = Assert.Single(Body(rendered.Html).QuerySelectorAll("div.markdown-alert.markdown-alert-warning"));
        Assert.Equal("注意", alert.QuerySelector(".markdown-alert-title")!.TextContent.Trim());
        Assert.Empty(alert.QuerySelectorAll("svg"));
    }

    [Fact]
    public void Footnotes_figures_and_emphasis_extras_render()
    {
        var rendered = Render("""
            三層の対策[^1]。~~古い手順~~ ==重要== H~2~O x^2^ ++追加++

            ^^^
            ![三層の図](media/three-layers.svg)
            ^^^ 図1 三層の対策

            [^1]: 国のガイドラインによります。
            """);

        var body = Body(rendered.Html);
        Assert.Equal("#fn:1", body.QuerySelector("a.footnote-ref")!.GetAttribute("href"));
        Assert.Equal("#fnref:1", body.QuerySelector("a.footnote-back-ref")!.GetAttribute("href"));
        Assert.NotNull(body.QuerySelector("div.footnotes li#fn\\:1"));
        Assert.Equal("図1 三層の対策", body.QuerySelector("figure > figcaption")!.TextContent);
        Assert.NotNull(body.QuerySelector("figure img[alt='三層の図']"));
        foreach (var tag in new[] { "del", "mark", "sub", "sup", "ins" })
        {
            Assert.NotNull(body.QuerySelector(tag));
        }
        Assert.Empty(rendered.Issues);
    }

    [Fact]
    public void Front_matter_is_not_rendered_and_line_numbers_count_it()
    {
        var rendered = Render("---\ntitle: 題\nminutes: 5\n---\n## 本文\n\n[x](99-none.md)");

        Assert.DoesNotContain("title", rendered.Html, StringComparison.Ordinal);
        Assert.Equal(7, Assert.Single(rendered.Issues).Line);
    }

    [Fact]
    public void Plain_text_for_search_has_the_words_without_markup()
    {
        var rendered = Render("## 見出し\n\n**太字**と`code`と[リンク](#a)\n\n```\nコードブロック\n```");

        Assert.Contains("見出し", rendered.PlainText, StringComparison.Ordinal);
        Assert.Contains("太字とcodeとリンク", rendered.PlainText, StringComparison.Ordinal);
        Assert.Contains("コードブロック", rendered.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("**", rendered.PlainText, StringComparison.Ordinal);
    }
}
