using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Meguro.Learning.Data;

/// <summary>
/// Values in the text format of PostgreSQL's COPY: tab-separated columns, one row per line, <c>\N</c>
/// for null, and backslash, tab and line breaks escaped. Shared by the writers that load many rows
/// at once (the roster's first import, the daily reminder run).
/// </summary>
public static class PostgresCopyText
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\\\t\n\r");

    public static void Null(StringBuilder rows) => rows.Append(@"\N");

    /// <summary>A text value, or \N for null; backslash and the separators are escaped as COPY's text format requires.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Text(StringBuilder rows, string? value)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (value is null)
        {
            Null(rows);
            return;
        }
        if (value.AsSpan().IndexOfAny(Escaped) < 0)
        {
            rows.Append(value);
            return;
        }
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => rows.Append(@"\\"),
                '\t' => rows.Append(@"\t"),
                '\n' => rows.Append(@"\n"),
                '\r' => rows.Append(@"\r"),
                _ => rows.Append(c),
            };
        }
    }

    public static void Date(StringBuilder rows, DateOnly? value) => Formatted(rows, value, "yyyy-MM-dd");

    /// <summary>UTC instants (the model stores every timestamp as UTC), with their offset so the server's time zone plays no part.</summary>
    public static void Timestamp(StringBuilder rows, DateTime? value) => Formatted(rows, value, "yyyy-MM-dd HH:mm:ss.ffffff'+00'");

    private static void Formatted<T>(StringBuilder rows, T? value, string format) where T : struct, ISpanFormattable
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (value is not { } present)
        {
            Null(rows);
            return;
        }
        Span<char> text = stackalloc char[48];
        if (!present.TryFormat(text, out var length, format, CultureInfo.InvariantCulture))
        {
            throw new FormatException($"{present} does not fit COPY's text format.");
        }
        rows.Append(text[..length]);
    }

    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
