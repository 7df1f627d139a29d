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
internal sealed class MarkdownNodes
{
    public List<LinkInline> Links { get; } = [];
    public List<AutolinkInline> Autolinks { get; } = [];
    public List<Table> Tables { get; } = [];
    public List<TaskList> Tasks { get; } = [];
    public List<HeadingBlock> Headings { get; } = [];

    public static MarkdownNodes Of(MarkdownDocument document)
    {
        var nodes = new MarkdownNodes();
        nodes.Visit(document);
        return nodes;
    }

    private void Visit(Block block)
    {
        switch (block)
        {
            case Table table:
                Tables.Add(table);
                break;
            case HeadingBlock heading:
                Headings.Add(heading);
                break;
        }
        if (block is LeafBlock { Inline: { } inline })
        {
            Visit(inline);
            return;
        }
        if (block is ContainerBlock container)
        {
            foreach (var child in container)
            {
                Visit(child);
            }
        }
    }

    private void Visit(ContainerInline container)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LinkInline link:
                    Links.Add(link);
                    break;
                case AutolinkInline autolink:
                    Autolinks.Add(autolink);
                    break;
                case TaskList task:
                    Tasks.Add(task);
                    break;
            }
            if (inline is ContainerInline child)
            {
                Visit(child);
            }
        }
    }
}
