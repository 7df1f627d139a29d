using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace Meguro.Learning.Web.Reports;

/// <summary>
/// A value the chosen encoding cannot carry. The message names the line (as a spreadsheet numbers
/// it: the header is line 1), the column and the character, so HR can choose UTF-8 or fix the data.
/// </summary>
public sealed class ReportEncodingException(int line, string column, string character)
    : Exception($"{line}行目『{column}』の『{character}』は Shift_JIS で表せません。UTF-8 を選んでください。")
{
    public int Line { get; } = line;
    public string Column { get; } = column;
    public string Character { get; } = character;
}

/// <summary>Writes a <see cref="ReportTable"/> to a stream as CSV (CsvHelper) or XLSX (ClosedXML). Returns the number of data rows.</summary>
public static class ReportWriters
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly Encoding ShiftJis = CreateShiftJis();

    /// <summary>
    /// Rows are written as they arrive, so the table is never held whole in memory. In Shift_JIS every
    /// value is checked before it is written: the writer would otherwise replace a missing character
    /// with "?" and hand HR a file with silently wrong names.
    /// </summary>
    public static async Task<int> WriteCsvAsync(ReportTable table, Stream destination, bool shiftJis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var encoding = shiftJis ? ShiftJis : Utf8WithBom;
        var encoder = shiftJis ? ShiftJis.GetEncoder() : null;
        await using var text = new StreamWriter(destination, encoding, bufferSize: 64 * 1024, leaveOpen: true);
        // A value starting with = + - @ would run as a formula when the file is opened in Excel.
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };
        var count = 0;
        await using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            var headers = table.Columns.Select(c => c.Header).ToArray();
            Check(encoder, headers, table, 1);
            csv.WriteRecord(headers);
            await foreach (var row in table.RowsAsync(cancellationToken))
            {
                var values = row.Cells.Select(c => c.ToPlainText()).ToArray();
                Check(encoder, values, table, count + 2);
                csv.WriteRecord(values);
                count++;
                if (count % 1000 == 0)
                {
                    await csv.FlushAsync(cancellationToken);
                    await text.FlushAsync(cancellationToken);
                }
            }
            await csv.FlushAsync(cancellationToken);
        }
        await text.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// One sheet named after the table, a bold header row, numbers and percentages as numbers (so
    /// Excel can sum and sort them), dates as dates. ClosedXML builds the workbook in memory; the
    /// tables exported here are aggregates or lists of at most a few thousand people.
    /// </summary>
    public static async Task<int> WriteXlsxAsync(ReportTable table, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(table.Caption));
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.SetValue(table.Columns[c].Header);
            cell.Style.Font.Bold = true;
            // Set by hand: AdjustToContents measures text with GDI+, which a server may not have.
            sheet.Column(c + 1).Width = table.Columns[c].Kind == CellKind.Text ? 28 : 14;
        }
        var r = 1;
        await foreach (var row in table.RowsAsync(cancellationToken))
        {
            r++;
            for (var c = 0; c < row.Cells.Count; c++)
            {
                Write(sheet.Cell(r, c + 1), row.Cells[c]);
            }
            if (row.IsTotal)
            {
                sheet.Row(r).Style.Font.Bold = true;
            }
        }
        sheet.SheetView.FreezeRows(1);
        workbook.SaveAs(destination);
        return r - 1;
    }

    private static void Write(IXLCell cell, ReportCell value)
    {
        if (value.IsEmpty)
        {
            return;
        }
        switch (value.Kind)
        {
            case CellKind.Number:
                cell.Value = value.Number!.Value;
                cell.DataType = XLDataType.Number;
                break;
            case CellKind.Percent:
                cell.Value = value.Number!.Value;
                cell.DataType = XLDataType.Number;
                cell.Style.NumberFormat.Format = "0.0%";
                break;
            case CellKind.Date:
                cell.Value = value.Date!.Value.ToDateTime(TimeOnly.MinValue);
                cell.DataType = XLDataType.DateTime;
                cell.Style.NumberFormat.Format = "yyyy/m/d";
                break;
            default:
                // Text stays text: an employee number like 000123 must not lose its zeros.
                // SetValue, not Value: Value would read "000123" as the number 123.
                cell.SetValue(value.Text);
                break;
        }
    }

    /// <summary>Excel allows 31 characters and none of : \ / ? * [ ].</summary>
    private static string SheetName(string caption)
    {
        var name = new string([.. caption.Select(ch => ":\\/?*[]".Contains(ch) ? '_' : ch)]);
        return name.Length <= 31 ? name : name[..31];
    }

    private static void Check(Encoder? encoder, string[] values, ReportTable table, int line)
    {
        if (encoder is null)
        {
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            try
            {
                encoder.GetByteCount(values[i], flush: true);
            }
            catch (EncoderFallbackException ex)
            {
                encoder.Reset();
                var character = ex.CharUnknownHigh != '\0' ? new string([ex.CharUnknownHigh, ex.CharUnknownLow]) : ex.CharUnknown.ToString();
                throw new ReportEncodingException(line, table.Columns[i].Header, character);
            }
        }
    }

    private static Encoding CreateShiftJis()
    {
        // CP932 (with the NEC and IBM extensions, so 髙 and 﨑 are kept) comes from the code pages
        // provider; exception fallback so that nothing is ever replaced silently.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
