namespace Meguro.Learning.Roster;

/// <summary>How the bytes of an uploaded CSV are to be read.</summary>
public enum CsvEncoding
{
    /// <summary>UTF-8 when the file has a BOM or is valid UTF-8, otherwise Shift_JIS (CP932).</summary>
    Auto = 0,
    Utf8 = 1,
    /// <summary>Shift_JIS as Windows and Excel write it, i.e. code page 932 with the NEC/IBM extensions.</summary>
    ShiftJis = 2,
}
