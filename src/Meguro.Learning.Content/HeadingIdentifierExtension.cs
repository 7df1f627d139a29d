using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Meguro.Learning.Content;

/// <summary>
/// Gives every heading the id GitHub would: the same ids as Markdig's <c>AutoIdentifierExtension</c>
/// with <c>AutoIdentifierOptions.GitHub</c> (the tests hold the two to each other on every shipped
/// lesson and the CommonMark spec). Markdig lower-cases a heading one character at a time, and for a
/// character outside ASCII that is one call into ICU: with Japanese headings that was about a tenth
/// of a lesson's render. Here the kept characters are lower-cased as one string.
/// </summary>
internal sealed class HeadingIdentifierExtension : IMarkdownExtension
{
    private const string IdentifiersKey = "Meguro.HeadingIdentifiers";

    /// <summary>Renders a heading's inlines as plain text (no tags, no escaping), as Markdig does for its ids.</summary>
    [ThreadStatic]
    private static HtmlRenderer? t_plainText;

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // ATX headings close in their own parser; setext headings close as the paragraph they were.
        if (pipeline.BlockParsers.Find<HeadingBlockParser>() is { } headings)
        {
            headings.Closed -= OnClosed;
            headings.Closed += OnClosed;
        }
        if (pipeline.BlockParsers.FindExact<ParagraphBlockParser>() is { } paragraphs)
        {
            paragraphs.Closed -= OnClosed;
            paragraphs.Closed += OnClosed;
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private static void OnClosed(BlockProcessor processor, Block block)
    {
        // Every paragraph closes here too; its exact type is a cheaper test than walking the hierarchy.
        if (block.GetType() != typeof(ParagraphBlock) && block is HeadingBlock heading)
        {
            heading.ProcessInlinesEnd += AssignId;
        }
    }

    private static void AssignId(InlineProcessor processor, Inline? inline)
    {
        var heading = (HeadingBlock)processor.Block!;
        heading.ProcessInlinesEnd -= AssignId;
        if (heading.Inline is null)
        {
            return;
        }
        var attributes = heading.GetAttributes();
        if (attributes.Id is not null)
        {
            return;
        }
        if (processor.Document.GetData(IdentifiersKey) is not HashSet<string> taken)
        {
            taken = new HashSet<string>(StringComparer.Ordinal);
            processor.Document.SetData(IdentifiersKey, taken);
        }
        var id = Urilize(PlainText(heading.Inline));
        var baseId = id.Length == 0 ? "section" : id;
        id = baseId;
        for (var index = 1; !taken.Add(id); index++)
        {
            id = $"{baseId}-{index}";
        }
        attributes.Id = id;
    }

    private static string PlainText(ContainerInline inline)
    {
        // Most headings are plain text alone, which the renderer below would write out unchanged.
        if (inline.FirstChild is LiteralInline { NextSibling: null } only && only.GetType() == typeof(LiteralInline))
        {
            return only.Content.ToString();
        }
        var renderer = t_plainText ??= new HtmlRenderer(new StringWriter()) { EnableHtmlForInline = false, EnableHtmlEscape = false };
        var writer = (StringWriter)renderer.Writer;
        writer.GetStringBuilder().Clear();
        renderer.Render(inline);
        return writer.ToString();
    }

    /// <summary>
    /// GitHub's rule: letters, digits, '-' and '_' are kept and lower-cased, a space becomes '-', the
    /// rest is dropped. ASCII is lower-cased here, and kana and kanji have no case; only a heading with
    /// other letters (ＡＢＣ, Ä, Ω…) goes through the culture-invariant lower-casing, whole, whose result
    /// is the same as character by character because a surrogate is never a letter on its own.
    /// </summary>
    internal static string Urilize(string text)
    {
        Span<char> kept = text.Length <= 256 ? stackalloc char[256] : new char[text.Length];
        var length = 0;
        var cased = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                kept[length++] = '-';
            }
            else if (c < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                {
                    kept[length++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                kept[length++] = c;
                cased |= !HasNoCase(c);
            }
        }
        var id = new string(kept[..length]);
        return cased ? id.ToLowerInvariant() : id;
    }

    /// <summary>Hiragana, katakana (full and half width) and CJK ideographs: scripts without letter case.</summary>
    private static bool HasNoCase(char c) =>
        c is (>= '\u3005' and <= '\u3007') or (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF')
            or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF66' and <= '\uFF9F');
}
