using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Meguro.Learning.Content;

/// <summary>
/// The text of a task-list item, with its checkbox, inside a <c>&lt;label&gt;</c>: the checkbox gets
/// the item's text as its accessible name (axe "label" rule) straight from the renderer, so such
/// lessons need no DOM pass afterwards.
/// </summary>
internal sealed class TaskListLabel : ContainerInline
{
    /// <summary>Moves everything of the paragraph that starts with <paramref name="task"/> into a label.</summary>
    public static void Wrap(TaskList task)
    {
        if (task.Parent is not { } paragraph || paragraph.FirstChild != task)
        {
            return;
        }
        var label = new TaskListLabel();
        while (paragraph.FirstChild is { } child)
        {
            child.Remove();
            label.AppendChild(child);
        }
        paragraph.AppendChild(label);
    }
}

internal sealed class TaskListLabelExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) { }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<TaskListLabelRenderer>())
        {
            html.ObjectRenderers.Insert(0, new TaskListLabelRenderer());
        }
    }

    private sealed class TaskListLabelRenderer : HtmlObjectRenderer<TaskListLabel>
    {
        protected override void Write(HtmlRenderer renderer, TaskListLabel obj)
        {
            renderer.Write("<label>");
            renderer.WriteChildren(obj);
            renderer.Write("</label>");
        }
    }
}
