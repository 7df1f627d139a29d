using System.Text;

namespace Meguro.Learning.Demo.Tests;

/// <summary>
/// A small, strict RFC 4180 reader written apart from the generator, so the tests check the CSV
/// the way an importer would see it rather than trusting the generator's own escaping.
/// </summary>
internal static class CsvReader
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var atFieldStart = true;

        void EndField()
        {
            row.Add(field.ToString());
            field.Clear();
            atFieldStart = true;
        }

        void EndRow()
        {
            EndField();
            rows.Add([.. row]);
            row.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("Unterminated quoted field.");
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(text[i]);
                    i++;
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"Text after a closing quote at offset {i}.");
                }
                atFieldStart = false;
                continue;
            }

            atFieldStart = false;
            switch (c)
            {
                case ',':
                    EndField();
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    EndRow();
                    i += 2;
                    break;
                case '\n':
                    EndRow();
                    i++;
                    break;
                case '"':
                    throw new FormatException($"Bare quote inside an unquoted field at offset {i}.");
                default:
                    field.Append(c);
                    i++;
                    break;
            }
        }
        if (!atFieldStart || field.Length > 0 || row.Count > 0)
        {
            EndRow();
        }
        return rows;
    }
}
