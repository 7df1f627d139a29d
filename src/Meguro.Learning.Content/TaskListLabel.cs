using Markdig.Extensions.TaskLists;
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
