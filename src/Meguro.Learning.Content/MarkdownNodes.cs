using System.Buffers;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Meguro.Learning.Content;

/// <summary>
/// The nodes of a lesson the renderer rewrites, found in one pass over the tree (rather than one
/// <c>Descendants&lt;T&gt;()</c> walk per kind, which cost a third of the render time). Lists, so
/// the caller may replace nodes while going through them.
/// </summary>
internal sealed class MarkdownNodes(string markdown)
{
    /// <summary>Links and task-list boxes begin with '[' (images with "!["), autolinks with '&lt;'.</summary>
    private static readonly SearchValues<char> InlineNodeStarts = SearchValues.Create("[<");

    public List<LinkInline> Links { get; } = [];
    public List<AutolinkInline> Autolinks { get; } = [];
    public List<Table> Tables { get; } = [];
    public List<TaskList> Tasks { get; } = [];
    public List<HeadingBlock> Headings { get; } = [];

    public static MarkdownNodes Of(MarkdownDocument document, string markdown)
    {
        var nodes = new MarkdownNodes(markdown);
        nodes.Visit(document);
        return nodes;
    }

    // Markdig's node classes are not sealed, so every `is` test walks the class hierarchy; the most
    // common nodes (paragraphs, plain text) are recognised by their exact type first.
    private void Visit(Block block)
    {
        if (block is LeafBlock leaf)
        {
            if (leaf.GetType() != typeof(ParagraphBlock) && leaf is HeadingBlock heading)
            {
                Headings.Add(heading);
            }
            if (leaf.Inline is { } inline && MayHoldInlineNodes(leaf))
            {
                Visit(inline);
            }
            return;
        }
        if (block is ContainerBlock container)
        {
            if (container is Table table)
            {
                Tables.Add(table);
            }
            foreach (var child in container)
            {
                Visit(child);
            }
        }
    }

    /// <summary>
    /// Most paragraphs hold no link at all: a block whose source text has neither '[' nor '&lt;' cannot
    /// hold a link, an autolink or a task-list box, and one vectorised search of its text costs less
    /// than walking its inlines. A block without a usable source span is walked.
    /// </summary>
    private bool MayHoldInlineNodes(Block block)
    {
        var span = block.Span;
        return span.Start < 0 || span.End < span.Start || span.End >= markdown.Length
            || markdown.AsSpan(span.Start, span.Length).ContainsAny(InlineNodeStarts);
    }

    private void Visit(ContainerInline container)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline.GetType() == typeof(LiteralInline))
            {
                continue;
            }
            if (inline is ContainerInline child)
            {
                if (child is LinkInline link)
                {
                    Links.Add(link);
                }
                Visit(child);
            }
            else if (inline is AutolinkInline autolink)
            {
                Autolinks.Add(autolink);
            }
            else if (inline is TaskList task)
            {
                Tasks.Add(task);
            }
        }
    }
}
