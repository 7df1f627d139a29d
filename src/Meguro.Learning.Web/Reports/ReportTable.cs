using System.Globalization;

namespace Meguro.Learning.Web.Reports;

/// <summary>What a cell holds, which decides how each format writes it (a percentage is a number in Excel, text in CSV).</summary>
public enum CellKind
{
    Text,
    Number,
    Percent,
    Date,
}

/// <summary>
/// One typed cell of a report. Percentages are kept as a ratio rounded to 0.1 % once, here, so the
/// page, the CSV and the spreadsheet can never show different figures for the same cell.
/// </summary>
public readonly record struct ReportCell(CellKind Kind, string? Text, decimal? Number, DateOnly? Date)
{
    public static ReportCell Of(string? text) => new(CellKind.Text, text, null, null);

    public static ReportCell Of(int number) => new(CellKind.Number, null, number, null);

    public static ReportCell Of(DateOnly? date) => new(CellKind.Date, null, null, date);

    /// <summary><paramref name="part"/> of <paramref name="whole"/>; empty when there is no whole to divide by.</summary>
    public static ReportCell Percent(int part, int whole) =>
        new(CellKind.Percent, null, whole <= 0 ? null : Math.Round(part * 1000m / whole, MidpointRounding.AwayFromZero) / 1000m, null);

    /// <summary>A percentage the query has no figure for (e.g. a month not yet reached).</summary>
    public static ReportCell NoPercent => new(CellKind.Percent, null, null, null);

    public bool IsEmpty => Kind switch
    {
        CellKind.Text => string.IsNullOrEmpty(Text),
        CellKind.Date => Date is null,
        _ => Number is null,
    };

    /// <summary>The value as CSV writes it: plain digits, "62.5%", ISO dates, empty when there is nothing.</summary>
    public string ToPlainText() => Kind switch
    {
        CellKind.Text => Text ?? "",
        CellKind.Number => Number?.ToString("0", CultureInfo.InvariantCulture) ?? "",
        CellKind.Percent => Number is { } ratio ? (ratio * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "",
        CellKind.Date => Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        _ => "",
    };

    /// <summary>The value as the page shows it: thousands separators, "—" for no value.</summary>
    public string ToDisplayText() => IsEmpty && Kind != CellKind.Text
        ? "—"
        : Kind == CellKind.Number ? Number!.Value.ToString("#,0", CultureInfo.InvariantCulture) : ToPlainText();
}

/// <summary>A column: its header and the kind of its cells (numbers are right-aligned on the page).</summary>
public sealed record ReportColumn(string Header, CellKind Kind = CellKind.Text);

/// <summary>One row. A total row is marked so the page can set it apart; exports write it like any other.</summary>
public sealed record ReportRow(IReadOnlyList<ReportCell> Cells, bool IsTotal = false)
{
    public static ReportRow Of(params ReportCell[] cells) => new(cells);

    public static ReportRow Total(params ReportCell[] cells) => new(cells, IsTotal: true);
}

/// <summary>
/// A report table: caption, column headers and rows of typed cells. The same model renders as an
/// HTML table (<c>_ReportTable.cshtml</c>) and exports as CSV or XLSX (<see cref="ReportExporter"/>),
/// so what HR downloads is exactly what the page shows. Rows are an async stream: a large table
/// (a list of people) is read from the database as it is written and never held whole in memory;
/// a small aggregate table can be built in memory with <see cref="Of"/> and also shown on the page.
/// </summary>
public sealed class ReportTable
{
    private ReportTable(string id, string caption, IReadOnlyList<ReportColumn> columns, IAsyncEnumerable<ReportRow> rows, IReadOnlyList<ReportRow>? materialized, bool containsPersonalData)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(caption);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A report table needs at least one column.", nameof(columns));
        }
        Id = id;
        Caption = caption;
        Columns = columns;
        _rows = rows;
        Materialized = materialized;
        ContainsPersonalData = containsPersonalData;
    }

    private readonly IAsyncEnumerable<ReportRow> _rows;

    /// <summary>Short ASCII name, used in the export link (<c>table=…</c>) and the file name.</summary>
    public string Id { get; }

    public string Caption { get; }
    public IReadOnlyList<ReportColumn> Columns { get; }

    /// <summary>The rows when they are in memory (small tables shown on a page); null for a streamed table.</summary>
    public IReadOnlyList<ReportRow>? Materialized { get; }

    /// <summary>Names or employee numbers: every export of the table is then written to the audit log, whoever asks.</summary>
    public bool ContainsPersonalData { get; }

    public static ReportTable Of(string id, string caption, IReadOnlyList<ReportColumn> columns, IReadOnlyList<ReportRow> rows, bool containsPersonalData = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new ReportTable(id, caption, columns, rows.ToAsyncEnumerable(), rows, containsPersonalData);
    }

    public static ReportTable Streamed(string id, string caption, IReadOnlyList<ReportColumn> columns, IAsyncEnumerable<ReportRow> rows, bool containsPersonalData) =>
        new(id, caption, columns, rows, null, containsPersonalData);

    /// <summary>The rows, checked to have one cell per column (a wrong row would shift every column after it in the export).</summary>
    public async IAsyncEnumerable<ReportRow> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in _rows.WithCancellation(cancellationToken))
        {
            if (row.Cells.Count != Columns.Count)
            {
                throw new InvalidOperationException($"Report '{Id}': a row has {row.Cells.Count} cells for {Columns.Count} columns.");
            }
            yield return row;
        }
    }
}

/// <summary>A table for <c>_ReportTable.cshtml</c> with its download links (label, URL); pages build the URLs with their own filters.</summary>
public sealed record ReportTableView(ReportTable Table, IReadOnlyList<(string Label, string Url)> Downloads);
