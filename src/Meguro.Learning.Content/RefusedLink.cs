using Markdig.Syntax.Inlines;

namespace Meguro.Learning.Content;

/// <summary>
/// A link whose address was refused (reported as an issue) stays visible as its text in an
/// <c>&lt;a&gt;</c> without address, and a refused image as its alt text — exactly what the sanitizer
/// makes of them, written directly so that such a lesson still needs no sanitizer pass.
/// </summary>
internal sealed class RefusedLink : ContainerInline
{
    public static void Replace(LinkInline link, string altText)
    {
        if (link.IsImage)
        {
            link.ReplaceBy(new LiteralInline(altText));
            return;
        }
        var refused = new RefusedLink();
        while (link.FirstChild is { } child)
        {
            child.Remove();
            refused.AppendChild(child);
        }
        link.ReplaceBy(refused);
    }

    /// <summary>An autolink's text is its address, so nothing of it is kept.</summary>
    public static void Replace(AutolinkInline autolink) => autolink.ReplaceBy(new RefusedLink());
}
