using System.Text;

namespace Meguro.Learning.Demo;

/// <summary>
/// Writes RFC 4180 CSV. The demo data must go through the same import HR uses, so the output has to
/// be what an HR system would export: CRLF line ends, and a field quoted only when it holds a comma,
/// a quote or a line break.
/// </summary>
internal static class Csv
{
    public const string LineEnd = "\r\n";

    private static readonly char[] CharsNeedingQuotes = [',', '"', '\r', '\n'];

    public static string Escape(string field)
    {
        if (field.IndexOfAny(CharsNeedingQuotes) < 0)
        {
            return field;
        }
        return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static void AppendRow(StringBuilder builder, params ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }
            builder.Append(Escape(fields[i]));
        }
        builder.Append(LineEnd);
    }
}
