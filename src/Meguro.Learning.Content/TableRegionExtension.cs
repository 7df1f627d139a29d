using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;

namespace Meguro.Learning.Content;

/// <summary>
/// Writes every table inside a focusable, named region (<see cref="Start"/>), so that wide tables
/// scroll inside it instead of widening the page on phones. Written by the renderer rather than
/// inserted into the finished HTML, which cost another copy of every lesson with a table.
/// </summary>
internal sealed class TableRegionExtension : IMarkdownExtension
{
    public const string Label = "表";
    public const string Start = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"" + Label + "\">";
    public const string End = "</div>";

    public void Setup(MarkdownPipelineBuilder pipeline) { }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<TableRegionRenderer>())
        {
            html.ObjectRenderers.Replace<HtmlTableRenderer>(new TableRegionRenderer());
        }
    }

    private sealed class TableRegionRenderer : HtmlTableRenderer
    {
        protected override void Write(HtmlRenderer renderer, Table table)
        {
            if (!renderer.EnableHtmlForBlock)
            {
                base.Write(renderer, table);
                return;
            }
            renderer.EnsureLine();
            // Straight to the writer: through the renderer, the table's own EnsureLine would put a
            // line break between the region and the table.
            renderer.Writer.Write(Start);
            base.Write(renderer, table);
            renderer.WriteLine(End);
        }
    }
}
