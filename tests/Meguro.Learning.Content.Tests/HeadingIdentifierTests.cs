using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Meguro.Learning.Content.Tests;

/// <summary>
/// Our heading ids are Markdig's GitHub-style ids, made faster: every heading of every shipped
/// lesson and of the CommonMark spec gets the same id from both, so links to a section keep working.
/// </summary>
public sealed class HeadingIdentifierTests
{
    private static readonly CourseMarkdown Ours = new();
    private static readonly CourseMarkdown Markdigs = new(markdigHeadingIds: true);

    private static List<string?> Ids(CourseMarkdown markdown, string text) =>
        [.. Markdig.Markdown.Parse(text, markdown.Pipeline).Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id)];

    [Theory]
    [MemberData(nameof(AllowlistedHtmlTests.Corpus), MemberType = typeof(AllowlistedHtmlTests))]
    public void Every_heading_gets_the_id_markdig_gives_it(string file)
    {
        var text = File.ReadAllText(Path.Combine(AllowlistedHtmlTests.RepositoryRoot(), file));

        var ours = Ids(Ours, text);

        Assert.NotEmpty(ours);
        Assert.Equal(Ids(Markdigs, text), ours);
    }

    [Theory]
    [InlineData("# 目黒区のDX推進", "目黒区のdx推進")]
    [InlineData("## ＡＢＣと全角", "ａｂｃと全角")]
    [InlineData("## Step 1: *LGWAN* と `curl`", "step-1-lgwan-と-curl")]
    [InlineData("## [リンク](other.md) の見出し", "リンク-の見出し")]
    [InlineData("## 絵文字 🎉 は消える", "絵文字--は消える")]
    [InlineData("## Ωmega と Ärger", "ωmega-と-ärger")]
    [InlineData("## !!!", "section")]
    [InlineData("Setext 見出し\n===", "setext-見出し")]
    public void Ids_follow_the_github_rule(string markdown, string id)
    {
        Assert.Equal([id], Ids(Ours, markdown));
        Assert.Equal(Ids(Markdigs, markdown), Ids(Ours, markdown));
    }

    [Fact]
    public void A_repeated_heading_gets_a_numbered_id()
    {
        var text = "## 確認\n\n## 確認\n\n## 確認-1\n\n## 確認\n";

        Assert.Equal(["確認", "確認-1", "確認-1-1", "確認-2"], Ids(Ours, text));
        Assert.Equal(Ids(Markdigs, text), Ids(Ours, text));
    }
}
