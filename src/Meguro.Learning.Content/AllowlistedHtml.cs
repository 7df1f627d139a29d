namespace Meguro.Learning.Content;

/// <summary>
/// A strict, linear check that a piece of HTML — as Markdig writes it with raw HTML disabled —
/// contains nothing the lesson sanitizer would change: only allow-listed tags and attributes,
/// every attribute double-quoted, links inside the page or the app, images at course media, no
/// comments or other markup; the one exception, the renderer's region around a table, is matched
/// exactly and is what the sanitizer's DOM pass makes of it too. HTML that passes is served as it
/// is; anything else, however harmless, goes through HtmlSanitizer. The check only ever says "no"
/// when unsure, so it can make rendering faster but never let something through that the
/// sanitizer would have removed.
/// </summary>
/// <remarks>
/// Runs over every rendered lesson, so it allocates nothing: names are matched as spans by
/// <c>switch</c> (compiled to length and character tests) instead of being copied into strings for a
/// set lookup, which made this check cost as much as writing the HTML.
/// </remarks>
internal static class AllowlistedHtml
{
    public static bool IsClean(ReadOnlySpan<char> html)
    {
        var i = 0;
        while (true)
        {
            i = NextTag(html, i);
            if (i < 0)
            {
                return true;
            }
            i++;
            var closing = i < html.Length && html[i] == '/';
            if (closing)
            {
                i++;
            }
            var tag = ReadName(html, ref i);
            if (!IsAllowedTag(tag))
            {
                return false;
            }
            if (closing)
            {
                if (i >= html.Length || html[i] != '>')
                {
                    return false;
                }
                i++;
                continue;
            }
            var tagStart = i - tag.Length - 1;
            if (tag is "div" && IsTableRegion(html, tagStart))
            {
                i = tagStart + TableRegionExtension.Start.Length;
                continue;
            }
            if (tag is "input" && !IsTaskCheckbox(html, tagStart))
            {
                return false;
            }
            if (!ReadAttributes(html, ref i, tag))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Where the next "&lt;" is. Markdig's tags mostly follow each other closely ("&lt;/td&gt;\n&lt;td&gt;"),
    /// where a call to the vectorised search costs more than looking at the few characters between.
    /// </summary>
    private static int NextTag(ReadOnlySpan<char> html, int from)
    {
        for (var end = Math.Min(html.Length, from + 8); from < end; from++)
        {
            if (html[from] == '<')
            {
                return from;
            }
        }
        var next = html[from..].IndexOf('<');
        return next < 0 ? -1 : from + next;
    }

    private static bool IsAllowedTag(ReadOnlySpan<char> tag) => tag is
        "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol" or "li" or "a" or "img" or "em" or "strong"
        or "del" or "ins" or "mark" or "sub" or "sup" or "code" or "pre" or "blockquote" or "hr" or "br" or "table"
        or "thead" or "tbody" or "tfoot" or "tr" or "th" or "td" or "caption" or "col" or "colgroup" or "figure"
        or "figcaption" or "div" or "span" or "label" or "input";

    private static bool IsAllowedAttribute(ReadOnlySpan<char> name) => name is
        "href" or "src" or "alt" or "title" or "id" or "class" or "start" or "colspan" or "rowspan" or "type"
        or "disabled" or "checked";

    private static bool ReadAttributes(ReadOnlySpan<char> html, ref int i, ReadOnlySpan<char> tag)
    {
        while (true)
        {
            if (i >= html.Length)
            {
                return false;
            }
            if (html[i] == '>')
            {
                i++;
                return true;
            }
            if (html[i] == '/' && i + 1 < html.Length && html[i + 1] == '>')
            {
                i += 2;
                return true;
            }
            if (html[i] != ' ')
            {
                return false;
            }
            i++;
            if (html[i..].StartsWith("/>"))
            {
                i += 2;
                return true;
            }
            var name = ReadName(html, ref i);
            if (!IsAllowedAttribute(name))
            {
                return false;
            }
            if (i + 1 >= html.Length || html[i] != '=' || html[i + 1] != '"')
            {
                return false;
            }
            i += 2;
            var end = html[i..].IndexOf('"');
            if (end < 0)
            {
                return false;
            }
            var value = html.Slice(i, end);
            i += end + 1;
            if (value.Contains('<') || !IsAllowedValue(tag, name, value))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The region the renderer writes around a table (<see cref="TableRegionExtension"/>): its role and
    /// name are not on the sanitizer's list, whose DOM pass gives them back to exactly this wrapper.
    /// </summary>
    private static bool IsTableRegion(ReadOnlySpan<char> html, int tagStart) =>
        html[tagStart..].StartsWith(TableRegionExtension.Start + "<table>");

    /// <summary>
    /// The only input Markdig writes is a task-list checkbox, disabled, right inside its label
    /// (<see cref="TaskListLabel"/>); the sanitizer's DOM pass would make any other one so.
    /// </summary>
    private static bool IsTaskCheckbox(ReadOnlySpan<char> html, int tagStart)
    {
        var tag = html[tagStart..];
        return html[..tagStart].EndsWith("<label>")
            && (tag.StartsWith("<input disabled=\"disabled\" type=\"checkbox\" />")
                || tag.StartsWith("<input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\" />"));
    }

    /// <summary>The same address rules as the sanitizer's URL filter, on the still-escaped value.</summary>
    private static bool IsAllowedValue(ReadOnlySpan<char> tag, ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        var isHref = name is "href";
        var isSrc = name is "src";
        if (!isHref && !isSrc)
        {
            return true;
        }
        // A character reference could spell "/" or ":" after the first character ("/&#47;host"):
        // only the escaped ampersand itself is accepted.
        for (var rest = value; rest.IndexOf('&') is var amp and >= 0; rest = rest[(amp + 5)..])
        {
            if (!rest[amp..].StartsWith("&amp;"))
            {
                return false;
            }
        }
        return isSrc
            ? tag is "img" && (value.StartsWith("/courses/") || value.StartsWith("/authoring/"))
            : tag is "a" && (value.StartsWith("#") || (value.StartsWith("/") && !value.StartsWith("//")));
    }

    private static ReadOnlySpan<char> ReadName(ReadOnlySpan<char> html, ref int i)
    {
        var start = i;
        while (i < html.Length && (char.IsAsciiLetterLower(html[i]) || char.IsAsciiDigit(html[i]) || (html[i] == '-' && i > start)))
        {
            i++;
        }
        return html[start..i];
    }
}
