namespace Meguro.Learning.Content;

/// <summary>
/// A strict, linear check that a piece of HTML — as Markdig writes it with raw HTML disabled —
/// contains nothing the lesson sanitizer would change: only allow-listed tags and attributes,
/// every attribute double-quoted, links inside the page or the app, images at course media, no
/// comments or other markup. HTML that passes is served as it is; anything else, however
/// harmless, goes through HtmlSanitizer. The check only ever says "no" when unsure, so it can make
/// rendering faster but never let something through that the sanitizer would have removed.
/// </summary>
internal static class AllowlistedHtml
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "em", "strong", "del", "ins",
        "mark", "sub", "sup", "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tfoot",
        "tr", "th", "td", "caption", "col", "colgroup", "figure", "figcaption", "div", "span", "label", "input",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "href", "src", "alt", "title", "id", "class", "start", "colspan", "rowspan", "type", "disabled", "checked",
    };

    public static bool IsClean(ReadOnlySpan<char> html)
    {
        var i = 0;
        while (true)
        {
            var next = html[i..].IndexOf('<');
            if (next < 0)
            {
                return true;
            }
            i += next + 1;
            var closing = i < html.Length && html[i] == '/';
            if (closing)
            {
                i++;
            }
            var tag = ReadName(html, ref i);
            if (tag.Length == 0 || !Tags.Contains(tag.ToString()))
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
            if (tag.SequenceEqual("input") && !IsTaskCheckbox(html, tagStart))
            {
                return false;
            }
            if (!ReadAttributes(html, ref i, tag))
            {
                return false;
            }
        }
    }

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
            if (name.Length == 0 || !Attributes.Contains(name.ToString()))
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
            if (value.IndexOf('<') >= 0 || !IsAllowedValue(tag, name, value))
            {
                return false;
            }
        }
    }

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
        var isHref = name.SequenceEqual("href");
        var isSrc = name.SequenceEqual("src");
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
            ? tag.SequenceEqual("img") && (value.StartsWith("/courses/") || value.StartsWith("/authoring/"))
            : tag.SequenceEqual("a") && (value.StartsWith("#") || (value.StartsWith("/") && !value.StartsWith("//")));
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
