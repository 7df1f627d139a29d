using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Meguro.Learning.Roster.Csv;

/// <summary>One data row: the physical line where it starts and the trimmed values of the wanted columns.</summary>
internal readonly record struct CsvRow(int Line, string[] Values);

/// <summary>
/// An uploaded HR file opened for reading: bytes decoded (UTF-8 or Shift_JIS), the header mapped to
/// the columns an import needs, rows streamed one at a time. Everything the file gets wrong is added
/// to the caller's error list as a Japanese message with its line, never thrown, because HR needs the
/// whole list at once to fix the file in one go.
/// </summary>
internal sealed class CsvSheet : IDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly CsvReader _reader;
    private readonly int[] _columns;
    private readonly string[] _names;
    private readonly List<ImportIssue> _errors;

    private CsvSheet(CsvReader reader, int[] columns, string[] names, string encodingName, List<ImportIssue> errors)
    {
        _reader = reader;
        _columns = columns;
        _names = names;
        _errors = errors;
        EncodingName = encodingName;
    }

    /// <summary>Whether the header has the column (always true for a required one).</summary>
    public bool HasColumn(string name)
    {
        var i = Array.IndexOf(_names, name);
        return i >= 0 && _columns[i] >= 0;
    }

    /// <summary>"UTF-8" or "Shift_JIS": what the file was read as, for the preview and the audit log.</summary>
    public string EncodingName { get; }

    /// <summary>
    /// Strict CP932: an undefined byte sequence is an error rather than a silent "?", so a file in
    /// some third encoding is reported instead of being imported as garbage.
    /// </summary>
    private static readonly Encoding ShiftJis = CreateShiftJis();

    /// <summary>
    /// Decodes <paramref name="bytes"/> and maps the header to <paramref name="columns"/> (all of which
    /// are required) and <paramref name="optionalColumns"/> (which may be missing: then their value is
    /// "" in every row, see <see cref="HasColumn"/>). Order in the file is free and other columns are
    /// ignored. A row's values are the required columns, then the optional ones, in the given order.
    /// Returns null, with the reasons in <paramref name="errors"/>, when the file cannot be read as such a table.
    /// </summary>
    public static CsvSheet? Open(
        byte[] bytes, CsvEncoding encoding, IReadOnlyList<string> columns, List<ImportIssue> errors, IReadOnlyList<string>? optionalColumns = null)
    {
        optionalColumns ??= [];
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            errors.Add(ImportIssue.At(0, "ファイルが空です。"));
            return null;
        }
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            errors.Add(ImportIssue.At(0, "UTF-16（Unicode テキスト）のファイルには対応していません。CSV（UTF-8 または Shift_JIS）で保存し直してください。"));
            return null;
        }

        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            // A first line "sep=;" is an Excel habit, not something an HR export writes; reading it
            // as a hint could silently turn a roster into one-column rows.
            DetectSeparatorHint = false,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            // Every value is kept (in the records, and on to the entities), and most columns repeat
            // (所属コード, 職層, 雇用区分, dates, 所属長): pooled, a 100,000-row file decodes each distinct
            // value once instead of once per row.
            PoolStrings = true,
            OnMalformedRecord = m => errors.Add(ImportIssue.At((int)m.LineNumber, MalformedMessage(m.Reason))),
        };

        CsvReader reader;
        string encodingName;
        var hasBom = bytes.AsSpan().StartsWith(Utf8Bom);
        switch (encoding)
        {
            case CsvEncoding.ShiftJis when hasBom:
                errors.Add(ImportIssue.At(0, "このファイルは BOM 付きの UTF-8 です。文字コードに「UTF-8」か「自動判定」を選んでください。"));
                return null;
            case CsvEncoding.ShiftJis:
            case CsvEncoding.Auto when !hasBom && !Utf8.IsValid(bytes):
                if (!TryDecodeShiftJis(bytes, out var text, out var badLine))
                {
                    errors.Add(ImportIssue.At(badLine, encoding == CsvEncoding.Auto
                        ? "文字コードを判別できません（UTF-8 としても Shift_JIS としても読めない文字があります）。"
                        : "Shift_JIS として読めない文字があります。UTF-8 のファイルなら、文字コードに「UTF-8」か「自動判定」を選んでください。"));
                    return null;
                }
                reader = CsvReader.FromText(text, options);
                encodingName = "Shift_JIS";
                break;
            default:
                var utf8 = hasBom ? bytes.AsMemory(Utf8Bom.Length) : bytes.AsMemory();
                var invalidAt = FirstInvalidUtf8(utf8.Span);
                if (invalidAt >= 0)
                {
                    errors.Add(ImportIssue.At(LineOfByte(utf8.Span, invalidAt),
                        "UTF-8 として読めない文字があります。Excel で「CSV（コンマ区切り）」として保存したファイル（Shift_JIS）なら、文字コードに「Shift_JIS」か「自動判定」を選んでください。"));
                    return null;
                }
                // Read in place: no copy of a 100,000-row file.
                reader = CsvReader.Create(utf8, options);
                encodingName = "UTF-8";
                break;
        }

        var map = MapHeader(reader, columns, optionalColumns, errors);
        if (map is null)
        {
            reader.Dispose();
            return null;
        }
        return new CsvSheet(reader, map, [.. columns, .. optionalColumns], encodingName, errors);
    }

    /// <summary>
    /// The data rows in file order. Rows whose every field is blank are skipped: spreadsheet
    /// exports often end with a few ",,,," lines that nobody meant as a record.
    /// </summary>
    public IEnumerable<CsvRow> Rows()
    {
        while (_reader.Read())
        {
            if (IsBlank())
            {
                continue;
            }
            yield return new CsvRow((int)_reader.LineNumber, Values());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per row, see RosterCsvReader.ReadRow
    private string[] Values()
    {
        var values = new string[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            // CsvHelper trims ASCII spaces and tabs; Trim() also takes the full-width space
            // (U+3000) that Japanese spreadsheets leave around values.
            values[i] = _columns[i] < 0 ? "" : _reader.GetString(_columns[i]).Trim();
        }
        return values;
    }

    public void Dispose() => _reader.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsBlank()
    {
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            var bytes = _reader.GetSpan(i);
            if (bytes.IsEmpty)
            {
                continue;
            }
            // Almost every row starts with a value in ASCII (a 職員番号): decided without decoding
            // anything. Other bytes may be Unicode whitespace (U+3000), so those fields are decoded.
            if (bytes[0] < 0x80 && !char.IsWhiteSpace((char)bytes[0]))
            {
                return false;
            }
            if (!string.IsNullOrWhiteSpace(_reader.GetString(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static int[]? MapHeader(CsvReader reader, IReadOnlyList<string> columns, IReadOnlyList<string> optionalColumns, List<ImportIssue> errors)
    {
        IReadOnlyList<string> headers;
        try
        {
            headers = reader.Headers;
        }
        catch (CsvFormatException)
        {
            errors.Add(ImportIssue.At(1, "見出し行を読み取れません。"));
            return null;
        }
        if (headers.Count == 0)
        {
            errors.Add(ImportIssue.At(0, "ファイルが空です（見出し行がありません）。"));
            return null;
        }

        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim().Trim('\uFEFF');
            if (!positions.TryGetValue(name, out var list))
            {
                positions[name] = list = [];
            }
            list.Add(i);
        }

        var map = new int[columns.Count + optionalColumns.Count];
        var missing = 0;
        var before = errors.Count;
        for (var c = 0; c < columns.Count; c++)
        {
            if (!positions.TryGetValue(columns[c], out var found))
            {
                errors.Add(ImportIssue.At(1, $"必須の列「{columns[c]}」がありません。"));
                missing++;
                continue;
            }
            if (found.Count > 1)
            {
                errors.Add(ImportIssue.At(1, $"列「{columns[c]}」が {found.Count} つあります。1つにしてください。"));
                continue;
            }
            map[c] = found[0];
        }
        for (var c = 0; c < optionalColumns.Count; c++)
        {
            var at = columns.Count + c;
            map[at] = -1;
            if (!positions.TryGetValue(optionalColumns[c], out var found))
            {
                continue;
            }
            if (found.Count > 1)
            {
                errors.Add(ImportIssue.At(1, $"列「{optionalColumns[c]}」が {found.Count} つあります。1つにしてください。"));
                continue;
            }
            map[at] = found[0];
        }
        if (missing == columns.Count)
        {
            // Nothing matched at all: almost always the wrong encoding or a file of another kind.
            errors.Add(ImportIssue.At(1, "見出し行に必要な列が1つも見つかりません。ファイルの種類と文字コード（UTF-8 / Shift_JIS）の指定を確認してください。"));
        }
        return errors.Count == before ? map : null;
    }

    private static string MalformedMessage(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "引用符（\"）で囲まれていない項目の中に引用符があります。項目全体を引用符で囲み、中の引用符は \"\" と2つ重ねてください。",
        CsvMalformedReason.TextAfterClosingQuote => "引用符（\"）で囲んだ項目の閉じ引用符の後ろに文字があります。",
        CsvMalformedReason.UnterminatedQuote => "引用符（\"）が閉じられていません。",
        _ => "行の形式が正しくありません。",
    };

    private static Encoding CreateShiftJis()
    {
        // CP932 is not among .NET's built-in encodings; the provider that has it ships with the
        // runtime. Registered here, in the initializer itself, because a static constructor body
        // would run only after this field's initializer.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static bool TryDecodeShiftJis(byte[] bytes, out string text, out int badLine)
    {
        try
        {
            text = ShiftJis.GetString(bytes);
            badLine = 0;
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            text = "";
            badLine = LineOfByte(bytes, ex.Index >= 0 ? ex.Index : 0);
            return false;
        }
    }

    /// <summary>Offset of the first byte that is not valid UTF-8, or -1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }
        var buffer = ArrayPool<char>.Shared.Rent(8192);
        try
        {
            var offset = 0;
            while (offset < utf8.Length)
            {
                var status = Utf8.ToUtf16(utf8[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
                offset += read;
                if (status == OperationStatus.InvalidData)
                {
                    return offset;
                }
                if (status == OperationStatus.Done)
                {
                    break;
                }
            }
            return utf8.Length;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The 1-based line holding byte <paramref name="offset"/>. Counting LF bytes is right for
    /// Shift_JIS too: 0x0A is never the second byte of a double-byte character there.
    /// </summary>
    private static int LineOfByte(ReadOnlySpan<byte> bytes, int offset) =>
        bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;
}
