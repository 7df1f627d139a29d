using System.Text;
using ClosedXML.Excel;
using Meguro.Learning.Web.Reports;

namespace Meguro.Learning.Web.Tests.Reports;

/// <summary>
/// The export writers on a table of people (names, employee numbers), as the manager pages will
/// export: UTF-8 with a BOM, Shift_JIS that keeps the IBM-extension kanji of real names and refuses
/// what CP932 cannot hold, XLSX with typed cells, and a streamed table written as it is read.
/// </summary>
public sealed class ReportWritersTests
{
    static ReportWritersTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Encoding Cp932 = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static ReportTable People(params (string Number, string Name)[] people) => ReportTable.Of("people", "職員一覧",
        [new("職員番号"), new("氏名"), new("修了率", CellKind.Percent), new("修了日", CellKind.Date)],
        [.. people.Select((p, i) => ReportRow.Of(ReportCell.Of(p.Number), ReportCell.Of(p.Name), ReportCell.Percent(i + 1, 3), ReportCell.Of(new DateOnly(2026, 6, 30))))],
        containsPersonalData: true);

    [Fact]
    public async Task Utf8_csv_starts_with_the_bom_and_keeps_every_character()
    {
        using var stream = new MemoryStream();

        var rows = await ReportWriters.WriteCsvAsync(People(("000123", "髙橋 一郎"), ("000124", "𠮷田 花子")), stream, shiftJis: false, CancellationToken.None);

        var bytes = stream.ToArray();
        Assert.Equal(2, rows);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("職員番号,氏名,修了率,修了日\r\n000123,髙橋 一郎,33.3%,2026-06-30\r\n000124,𠮷田 花子,66.7%,2026-06-30\r\n",
            new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public async Task Shift_jis_csv_round_trips_the_ibm_extension_kanji()
    {
        using var stream = new MemoryStream();

        await ReportWriters.WriteCsvAsync(People(("000123", "髙橋 一郎"), ("000125", "山﨑 次郎")), stream, shiftJis: true, CancellationToken.None);

        var text = Cp932.GetString(stream.ToArray());
        Assert.Equal("職員番号,氏名,修了率,修了日\r\n000123,髙橋 一郎,33.3%,2026-06-30\r\n000125,山﨑 次郎,66.7%,2026-06-30\r\n", text);
        // 髙 and 﨑 are two bytes each in CP932 (0xFB 0xFC, 0xFA 0xB1), not "?".
        Assert.DoesNotContain((byte)'?', stream.ToArray());
    }

    [Fact]
    public async Task Shift_jis_csv_refuses_a_character_outside_cp932_naming_line_column_and_character()
    {
        using var stream = new MemoryStream();

        var refused = await Assert.ThrowsAsync<ReportEncodingException>(() =>
            ReportWriters.WriteCsvAsync(People(("000123", "髙橋 一郎"), ("000124", "𠮷田 花子")), stream, shiftJis: true, CancellationToken.None));

        Assert.Equal("3行目『氏名』の『𠮷』は Shift_JIS で表せません。UTF-8 を選んでください。", refused.Message);
        Assert.Equal((3, "氏名", "𠮷"), (refused.Line, refused.Column, refused.Character));
    }

    [Fact]
    public async Task A_value_that_would_run_as_a_formula_in_excel_is_escaped()
    {
        using var stream = new MemoryStream();

        await ReportWriters.WriteCsvAsync(People(("000123", "=HYPERLINK(\"http://x\")")), stream, shiftJis: false, CancellationToken.None);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_has_the_same_cells_with_text_numbers_percentages_and_dates_typed()
    {
        using var stream = new MemoryStream();

        var rows = await ReportWriters.WriteXlsxAsync(People(("000123", "髙橋 一郎"), ("000124", "𠮷田 花子")), stream, CancellationToken.None);

        Assert.Equal(2, rows);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet("職員一覧");
        Assert.Equal(["職員番号", "氏名", "修了率", "修了日"], Enumerable.Range(1, 4).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal("000123", sheet.Cell(2, 1).GetString()); // the leading zeros stay
        Assert.Equal(XLDataType.Text, sheet.Cell(2, 1).DataType);
        Assert.Equal("𠮷田 花子", sheet.Cell(3, 2).GetString());
        Assert.Equal(0.333, sheet.Cell(2, 3).GetDouble(), 10);
        Assert.Equal("0.0%", sheet.Cell(2, 3).Style.NumberFormat.Format);
        Assert.Equal(new DateTime(2026, 6, 30), sheet.Cell(2, 4).GetDateTime());
    }

    [Fact]
    public async Task A_streamed_table_is_written_as_its_rows_arrive()
    {
        var produced = 0;
        async IAsyncEnumerable<ReportRow> Rows()
        {
            for (var i = 0; i < 20000; i++)
            {
                produced++;
                await Task.Yield();
                yield return ReportRow.Of(ReportCell.Of(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)), ReportCell.Of(i));
            }
        }
        var table = ReportTable.Streamed("big", "大きな表", [new("職員番号"), new("件数", CellKind.Number)], Rows(), containsPersonalData: true);
        using var stream = new ProbeStream(() => produced);

        var rows = await ReportWriters.WriteCsvAsync(table, stream, shiftJis: false, CancellationToken.None);

        Assert.Equal(20000, rows);
        Assert.Null(table.Materialized);
        // Bytes reached the destination while rows were still being produced: nothing waited for the whole table.
        Assert.True(stream.ProducedAtFirstWrite < 20000, $"first write after {stream.ProducedAtFirstWrite} rows");
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_cells_is_a_programming_error()
    {
        var table = ReportTable.Of("bad", "不正", [new("A"), new("B")], [ReportRow.Of(ReportCell.Of("x"))]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReportWriters.WriteCsvAsync(table, Stream.Null, false, CancellationToken.None));
    }

    /// <summary>Remembers how many rows had been produced when the first bytes arrived.</summary>
    private sealed class ProbeStream(Func<int> produced) : MemoryStream
    {
        public int? ProducedAtFirstWrite { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            ProducedAtFirstWrite ??= produced();
            base.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            ProducedAtFirstWrite ??= produced();
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ProducedAtFirstWrite ??= produced();
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
