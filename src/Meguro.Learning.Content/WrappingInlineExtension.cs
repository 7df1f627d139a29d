using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Meguro.Learning.Content;

/// <summary>
/// Renders a container inline of type <typeparamref name="T"/> as its children between fixed tags:
/// the shape of both of our rewrites (<see cref="TaskListLabel"/>, <see cref="RefusedLink"/>).
/// </summary>
internal sealed class WrappingInlineExtension<T>(string open, string close) : IMarkdownExtension where T : ContainerInline
{
    public void Setup(MarkdownPipelineBuilder pipeline) { }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<WrappingRenderer>())
        {
            html.ObjectRenderers.Insert(0, new WrappingRenderer(open, close));
        }
    }

    private sealed class WrappingRenderer(string open, string close) : HtmlObjectRenderer<T>
    {
        protected override void Write(HtmlRenderer renderer, T obj)
        {
            renderer.Write(open);
            renderer.WriteChildren(obj);
            renderer.Write(close);
        }
    }
}
