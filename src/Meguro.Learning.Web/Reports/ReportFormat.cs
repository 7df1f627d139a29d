namespace Meguro.Learning.Web.Reports;

/// <summary>The download formats of a report table.</summary>
public enum ReportFormat
{
    /// <summary>CSV in UTF-8 with a byte order mark, which current Excel opens correctly. The default.</summary>
    Csv,
    /// <summary>CSV in Shift_JIS (CP932) for older Excel; refused when a value has a character CP932 lacks.</summary>
    CsvShiftJis,
    Xlsx,
}

public static class ReportFormats
{
    /// <summary>The <c>format=</c> values of the export links.</summary>
    public static bool TryParse(string? value, out ReportFormat format)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "csv":
                format = ReportFormat.Csv;
                return true;
            case "csv-sjis":
                format = ReportFormat.CsvShiftJis;
                return true;
            case "xlsx":
                format = ReportFormat.Xlsx;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string QueryValue(this ReportFormat format) => format switch
    {
        ReportFormat.CsvShiftJis => "csv-sjis",
        ReportFormat.Xlsx => "xlsx",
        _ => "csv",
    };

    public static string Extension(this ReportFormat format) => format == ReportFormat.Xlsx ? ".xlsx" : ".csv";

    public static string ContentType(this ReportFormat format) => format switch
    {
        ReportFormat.CsvShiftJis => "text/csv; charset=shift_jis",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/csv; charset=utf-8",
    };

    /// <summary>How the audit log names the format.</summary>
    public static string DisplayName(this ReportFormat format) => format switch
    {
        ReportFormat.CsvShiftJis => "CSV（Shift_JIS）",
        ReportFormat.Xlsx => "Excel（XLSX）",
        _ => "CSV（UTF-8）",
    };
}
