using System.Buffers;
using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Alerts;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Tables;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Meguro.Learning.Domain.Courses;

namespace Meguro.Learning.Content;

/// <summary>
/// What a Markdown file of a course may link to, and how its links become app URLs.
/// <paramref name="LessonFiles"/> maps "03-suspicious-mail.md" to the lesson slug "suspicious-mail";
/// <paramref name="MediaFiles"/> are the names under media/; <paramref name="FileLabel"/> names the file in issues.
/// <paramref name="MediaUrlBase"/> replaces the learner's media address (e.g. "/authoring/x/media" for the
/// editor's preview of a draft, whose media are not published yet).
/// </summary>
public sealed record MarkdownContext(
    string CourseSlug,
    int VersionNumber,
    IReadOnlyDictionary<string, string> LessonFiles,
    IReadOnlySet<string> MediaFiles,
    string FileLabel,
    string? MediaUrlBase = null)
{
    /// <summary>Where the editor serves a draft's media (only to content editors).</summary>
    public static string DraftMediaUrlBase(string courseSlug) => $"/authoring/{courseSlug}/media";

    public string CourseUrl => $"/courses/{CourseSlug}";

    public string LessonUrl(string lessonSlug) => $"{CourseUrl}/lessons/{lessonSlug}";

    public string MediaUrl(string fileName) => MediaUrlBase is null
        ? $"{CourseUrl}/media/{Uri.EscapeDataString(fileName)}?v={VersionNumber}"
        : $"{MediaUrlBase}/{Uri.EscapeDataString(fileName)}";
}

/// <summary>Sanitised HTML, the table of contents, what was wrong, and the text for search.</summary>
public sealed class RenderedMarkdown(string html, IReadOnlyList<LessonHeading> headings, IReadOnlyList<ContentIssue> issues, Func<string> plainText)
{
    // Only the import's search text needs it; previews and checks do not pay for it.
    private readonly Lazy<string> _plainText = new(plainText);

    public string Html { get; } = html;
    public IReadOnlyList<LessonHeading> Headings { get; } = headings;
    public IReadOnlyList<ContentIssue> Issues { get; } = issues;
    public string PlainText => _plainText.Value;
}

/// <summary>
/// Renders course Markdown. Raw HTML is switched off in Markdig and the result still goes through
/// an allow-list sanitizer, because lessons are written by many people and shown to all staff:
/// nothing in a lesson may run script, load another host (LGWAN), or escape to an external link.
/// The pipeline and sanitizer are built once; both are safe to share between threads.
/// </summary>
public sealed class CourseMarkdown
{
    private static readonly Dictionary<string, string> AlertTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NOTE"] = "補足",
        ["TIP"] = "ヒント",
        ["IMPORTANT"] = "重要",
        ["WARNING"] = "注意",
        ["CAUTION"] = "警告",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "ul", "ol", "p", "div", "blockquote", "pre", "table", "figure",
    };

    private readonly MarkdownPipeline _pipeline;
    private readonly HtmlSanitizer _sanitizer;

    public CourseMarkdown()
        : this(markdigHeadingIds: false)
    {
    }

    /// <param name="markdigHeadingIds">Markdig's own heading ids instead of <see cref="HeadingIdentifierExtension"/>: the reference the tests compare it with.</param>
    internal CourseMarkdown(bool markdigHeadingIds)
    {
        var builder = new MarkdownPipelineBuilder()
            .UseYamlFrontMatter()
            .UsePipeTables()
            .UseGridTables()
            .UseFootnotes()
            .UseTaskLists();
        builder = markdigHeadingIds ? builder.UseAutoIdentifiers(AutoIdentifierOptions.GitHub) : builder.Use(new HeadingIdentifierExtension());
        _pipeline = builder
            .UseAlertBlocks(WriteAlertTitle)
            .UseFigures()
            .UseEmphasisExtras()
            .UseCjkFriendlyEmphasis()
            .Use(new WrappingInlineExtension<TaskListLabel>("<label>", "</label>"))
            .Use(new WrappingInlineExtension<RefusedLink>("<a>", "</a>"))
            .Use(new TableRegionExtension())
            .DisableHtml()
            .Build();
        _sanitizer = CreateSanitizer();
    }

    public MarkdownPipeline Pipeline => _pipeline;

    public RenderedMarkdown Render(string markdown, MarkdownContext context) => Render(markdown, context, allowUnchangedHtml: true);

    /// <summary>The render with every lesson through HtmlSanitizer: the reference the fast path is tested against.</summary>
    internal RenderedMarkdown RenderSanitized(string markdown, MarkdownContext context) => Render(markdown, context, allowUnchangedHtml: false);

    /// <summary>The HTML Markdig writes for the lesson, before the sanitizer (for tests of the shortcut).</summary>
    internal string RenderUnsanitized(string markdown, MarkdownContext context) => Parse(markdown, context, []).Document.ToHtml(_pipeline);

    private RenderedMarkdown Render(string markdown, MarkdownContext context, bool allowUnchangedHtml)
    {
        var issues = new List<ContentIssue>();
        var (document, nodes) = Parse(markdown, context, issues);
        var html = document.ToHtml(_pipeline);
        // Most lessons contain only markup the sanitizer would keep as it is; checking that is a
        // linear scan, while sanitizing parses and re-serialises a whole DOM (≈80% of the render
        // time). Anything the check is not sure about is sanitized as before.
        html = allowUnchangedHtml && AllowlistedHtml.IsClean(html) ? html : _sanitizer.Sanitize(html);
        return new RenderedMarkdown(html, Headings(nodes.Headings), issues, () => PlainText(document));
    }

    private (MarkdownDocument Document, MarkdownNodes Nodes) Parse(string markdown, MarkdownContext context, List<ContentIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(context);
        var document = Markdown.Parse(markdown, _pipeline);
        var nodes = MarkdownNodes.Of(document, markdown);
        foreach (var link in nodes.Links)
        {
            ResolveLink(link, context, issues);
            if (link.Url is { Length: 0 })
            {
                RefusedLink.Replace(link, InlineText(link));
            }
        }
        foreach (var autolink in nodes.Autolinks)
        {
            issues.Add(Issue(context, autolink.Line, ExternalLinkMessage(autolink.Url, isImage: false)));
            RefusedLink.Replace(autolink);
        }
        foreach (var table in nodes.Tables)
        {
            MoveAlignmentToClasses(table);
        }
        foreach (var task in nodes.Tasks)
        {
            TaskListLabel.Wrap(task);
        }
        return (document, nodes);
    }

    /// <summary>
    /// Sends HTML written elsewhere (GIFT <c>[html]</c> text) through the same allow-list as rendered
    /// Markdown: nothing may run script, load another host or link out of the app.
    /// </summary>
    public string SanitizeHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return _sanitizer.Sanitize(html);
    }

    private static void ResolveLink(LinkInline link, MarkdownContext context, List<ContentIssue> issues)
    {
        var url = (link.Url ?? "").Trim();
        if (link.IsImage && string.IsNullOrWhiteSpace(InlineText(link)))
        {
            issues.Add(Issue(context, link.Line,
                $"画像「{url}」に代替テキストがありません。![画像の内容を説明する文]({url}) のように書いてください。"));
        }
        if (url.StartsWith('#') && !link.IsImage)
        {
            return;
        }
        if (HasScheme(url) || url.StartsWith("//", StringComparison.Ordinal))
        {
            issues.Add(Issue(context, link.Line, ExternalLinkMessage(url, link.IsImage)));
            link.Url = "";
            return;
        }
        var (path, fragment) = SplitFragment(url);
        var target = link.IsImage ? ResolveImage(path, context) : ResolveLinkTarget(path, context);
        if (target is null)
        {
            issues.Add(Issue(context, link.Line, link.IsImage ? $"画像「{url}」が存在しません。" : $"リンク先「{url}」が存在しません。"));
            link.Url = "";
            return;
        }
        link.Url = target + fragment;
    }

    private static string? ResolveLinkTarget(string path, MarkdownContext context)
    {
        if (path.StartsWith('/'))
        {
            // An address inside this app (e.g. /my): allowed as written, the app itself answers it.
            return path;
        }
        if (context.LessonFiles.TryGetValue(path, out var lessonSlug))
        {
            return context.LessonUrl(lessonSlug);
        }
        if (path == CourseParser.CourseFileName)
        {
            return context.CourseUrl;
        }
        return ResolveImage(path, context);
    }

    private static string? ResolveImage(string path, MarkdownContext context)
    {
        const string prefix = CourseParser.MediaFolder + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal) && context.MediaFiles.Contains(path[prefix.Length..])
            ? context.MediaUrl(path[prefix.Length..])
            : null;
    }

    private static (string Path, string Fragment) SplitFragment(string url)
    {
        var hash = url.IndexOf('#');
        var path = hash < 0 ? url : url[..hash];
        var fragment = hash < 0 ? "" : url[hash..];
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }
        path = Uri.UnescapeDataString(path);
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }
        return (path, fragment);
    }

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':');
        return colon > 0 && !url.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters);
    }

    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    private static string ExternalLinkMessage(string url, bool isImage) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("//", StringComparison.Ordinal)
            ? $"外部へのリンク「{url}」は使えません。LGWAN内で使うため、レッスンには区のネットワークの外へのリンクを書けません。"
            : isImage
                ? $"画像「{url}」は使えません。media/ に置いたファイルを指定してください。"
                : $"リンク先「{url}」は使えません。レッスンや media/ のファイルへの相対リンクにしてください。";

    private static ContentIssue Issue(MarkdownContext context, int zeroBasedLine, string message) =>
        new(context.FileLabel, zeroBasedLine + 1, message);

    /// <summary>Markdig writes column alignment as style attributes, which the sanitizer removes; classes survive.</summary>
    private static void MoveAlignmentToClasses(Table table)
    {
        var columns = table.ColumnDefinitions;
        foreach (var row in table.OfType<TableRow>())
        {
            var index = 0;
            foreach (var cell in row.OfType<TableCell>())
            {
                var column = cell.ColumnIndex >= 0 ? cell.ColumnIndex : index;
                if (column < columns.Count && columns[column].Alignment is { } alignment)
                {
                    cell.GetAttributes().AddClass("align-" + alignment.ToString().ToLowerInvariant());
                }
                index++;
            }
        }
        foreach (var column in columns)
        {
            column.Alignment = null;
        }
    }

    private static List<LessonHeading> Headings(List<HeadingBlock> headings)
    {
        var result = new List<LessonHeading>(headings.Count);
        var text = new StringBuilder();
        foreach (var heading in headings)
        {
            if (heading.TryGetAttributes()?.Id is { Length: > 0 } id)
            {
                AppendInlineText(text.Clear(), heading.Inline);
                result.Add(new LessonHeading(heading.Level, id, text.ToString().Trim()));
            }
        }
        return result;
    }

    private static string PlainText(MarkdownDocument document)
    {
        var text = new StringBuilder();
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf is Markdig.Extensions.Yaml.YamlFrontMatterBlock)
            {
                continue;
            }
            if (leaf.Inline is not null)
            {
                AppendInlineText(text, leaf.Inline);
            }
            else
            {
                text.Append(leaf.Lines.ToString());
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string InlineText(ContainerInline? container) => AppendInlineText(new StringBuilder(), container).ToString();

    /// <summary>The text of the inlines, into one builder for the whole tree (not one string per level).</summary>
    private static StringBuilder AppendInlineText(StringBuilder text, ContainerInline? container)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline child:
                    AppendInlineText(text, child);
                    break;
            }
        }
        return text;
    }

    private static void WriteAlertTitle(HtmlRenderer renderer, StringSlice kind)
    {
        var title = AlertTitles.GetValueOrDefault(kind.ToString(), kind.ToString());
        renderer.Write("<p class=\"markdown-alert-title\">").WriteEscape(title).WriteLine("</p>");
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "em", "strong", "del", "ins",
                "mark", "sub", "sup", "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tfoot",
                "tr", "th", "td", "caption", "col", "colgroup", "figure", "figcaption", "div", "span", "input", "label",
                // Markdig never writes these; HTML imported with a GIFT question bank often does.
                "b", "i", "u", "s", "small",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "id", "class", "type", "checked", "disabled", "start", "colspan", "rowspan",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = IsAllowedUrl(e.Tag.LocalName, e.OriginalUrl) ? e.SanitizedUrl : null;
        sanitizer.PostProcessDom += (_, e) => Enhance(e.Document.Body);
        return sanitizer;
    }

    /// <summary>
    /// Links may only point inside the page or the app; images only at course media (published, or a
    /// draft's in the editor's preview: <see cref="MarkdownContext.MediaUrlBase"/>). A refused
    /// address loses its attribute, so a rejected link is plain text rather than a link to nowhere.
    /// </summary>
    private static bool IsAllowedUrl(string tag, string url) => tag == "img"
        ? url.StartsWith("/courses/", StringComparison.Ordinal) || url.StartsWith("/authoring/", StringComparison.Ordinal)
        : url.StartsWith('#') || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal));

    private static void Enhance(IElement? body)
    {
        if (body is null)
        {
            return;
        }
        foreach (var table in body.QuerySelectorAll("table").ToList())
        {
            WrapTable(table);
        }
        foreach (var input in body.QuerySelectorAll("input").ToList())
        {
            LabelCheckbox(input);
        }
        // An image whose address was refused (reported as an issue) shows its alt text instead.
        foreach (var image in body.QuerySelectorAll("img:not([src])").ToList())
        {
            image.Replace(image.Owner!.CreateTextNode(image.GetAttribute("alt") ?? ""));
        }
    }

    /// <summary>
    /// Wide tables scroll inside a focusable, named region instead of widening the page on phones.
    /// The renderer already wrote one around Markdown tables (<see cref="TableRegionExtension"/>), whose
    /// role and name the sanitizer removed: that region gets them back rather than a second one.
    /// </summary>
    private static void WrapTable(IElement table)
    {
        var wrapper = table.Parent is IElement { LocalName: "div", ClassName: "table-wrap" } region && region.Children.Length == 1
            ? region
            : table.Owner!.CreateElement("div");
        if (wrapper != table.Parent)
        {
            wrapper.ClassName = "table-wrap";
            table.Parent!.InsertBefore(wrapper, table);
            wrapper.AppendChild(table);
        }
        wrapper.SetAttribute("role", "region");
        wrapper.SetAttribute("tabindex", "0");
        wrapper.SetAttribute("aria-label", TableRegionExtension.Label);
    }

    /// <summary>
    /// Task-list checkboxes get their item's text as accessible name (axe "label" rule, platform
    /// notes gotcha 15) and stay disabled: they illustrate, they are not a form.
    /// </summary>
    private static void LabelCheckbox(IElement input)
    {
        if (!string.Equals(input.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase) || input.Parent is not IElement parent)
        {
            input.Remove();
            return;
        }
        input.SetAttribute("disabled", "disabled");
        if (parent.LocalName == "label")
        {
            // Already labelled by the renderer (TaskListLabel).
            return;
        }
        var label = input.Owner!.CreateElement("label");
        parent.InsertBefore(label, input);
        for (var node = (INode?)input; node is not null && !(node is IElement e && BlockTags.Contains(e.LocalName));)
        {
            var next = node.NextSibling;
            label.AppendChild(node);
            node = next;
        }
    }
}
