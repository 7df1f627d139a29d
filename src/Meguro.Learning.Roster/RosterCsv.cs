using System.Runtime.CompilerServices;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Roster.Csv;

namespace Meguro.Learning.Roster;

/// <summary>One valid roster row: what HR says about a person, resolved against the organisation and job levels.</summary>
/// <param name="Line">The physical line of the file where the row starts (the header is line 1).</param>
/// <param name="IsUnitHead">所属長: the person heads their 所属.</param>
/// <param name="Leave">The person's current or most recent leave as the file states it; null when the file says none
/// (or has no leave columns, see <see cref="RosterCsv.HasLeaveColumns"/>).</param>
public sealed record RosterRecord(int Line, EmployeeProfile Profile, bool IsUnitHead, LeavePeriod? Leave = null);

/// <summary>A roster file as read: the valid rows, and everything wrong with the others.</summary>
public sealed class RosterCsv
{
    internal RosterCsv(IReadOnlyList<RosterRecord> records, IReadOnlyList<ImportIssue> errors, string encodingName, int rowCount, bool hasLeaveColumns = false)
    {
        HasLeaveColumns = hasLeaveColumns;
        Records = records;
        Errors = errors;
        EncodingName = encodingName;
        RowCount = rowCount;
    }

    /// <summary>Rows without any error, in file order.</summary>
    public IReadOnlyList<RosterRecord> Records { get; }

    /// <summary>Every problem, in line order. The file may only be applied when this is empty.</summary>
    public IReadOnlyList<ImportIssue> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>"UTF-8" or "Shift_JIS"; empty when the file could not be decoded.</summary>
    public string EncodingName { get; }

    /// <summary>Data rows in the file (blank lines not counted), valid or not.</summary>
    public int RowCount { get; }

    /// <summary>
    /// The file has the 休業区分・休業開始日・休業終了日 columns. Without them the import leaves every
    /// recorded leave as it is (HR exports that do not carry leave keep working).
    /// </summary>
    public bool HasLeaveColumns { get; }
}

/// <summary>
/// Reads the 職員名簿 CSV the HR system exports:
/// <c>職員番号,氏名,カナ,メールアドレス,所属コード,職層,雇用区分,任用期間終了日,採用日,所属長</c>,
/// optionally with <c>休業区分,休業開始日,休業終了日</c> (all three or none).
/// </summary>
public static class RosterCsvReader
{
    public const string EmployeeNumberColumn = "職員番号";
    public const string NameColumn = "氏名";
    public const string KanaColumn = "カナ";
    public const string EmailColumn = "メールアドレス";
    public const string OrgUnitCodeColumn = "所属コード";
    public const string JobLevelColumn = "職層";
    public const string EmploymentTypeColumn = "雇用区分";
    public const string AppointmentEndColumn = "任用期間終了日";
    public const string HiredOnColumn = "採用日";
    public const string UnitHeadColumn = "所属長";
    public const string LeaveKindColumn = "休業区分";
    public const string LeaveStartColumn = "休業開始日";
    public const string LeaveEndColumn = "休業終了日";

    /// <summary>
    /// Every column must be present, even those whose values may be empty (カナ, メールアドレス, …):
    /// the roster is the whole truth about each person, so a file without the 所属長 or
    /// メールアドレス column would silently strip every manager or address.
    /// </summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        EmployeeNumberColumn, NameColumn, KanaColumn, EmailColumn, OrgUnitCodeColumn,
        JobLevelColumn, EmploymentTypeColumn, AppointmentEndColumn, HiredOnColumn, UnitHeadColumn,
    ];

    /// <summary>
    /// Optional, but all three or none: the person's current (or most recent) leave. An empty
    /// 休業区分 means "not on leave"; an empty 休業終了日 means the return date is not known yet.
    /// </summary>
    public static IReadOnlyList<string> LeaveColumns { get; } = [LeaveKindColumn, LeaveStartColumn, LeaveEndColumn];

    // Column lengths of the Employees table: longer values would fail at save time on PostgreSQL.
    private const int MaxEmployeeNumberLength = 20;
    private const int MaxNameLength = 100;
    private const int MaxEmailLength = 256;

    public static RosterCsv Read(byte[] csv, CsvEncoding encoding, RosterReference reference) => Read(csv, encoding, reference, null);

    /// <summary>
    /// <see cref="Read(byte[], CsvEncoding, RosterReference)"/>, handing on the valid records while it reads.
    /// </summary>
    /// <param name="stream">
    /// Called once the header has been read, with <see cref="RosterCsv.HasLeaveColumns"/>; the action it
    /// returns gets each valid record, in file order, as soon as it is read — but only while the file has
    /// no error so far: a file with one cannot be applied, so nothing after it is handed on (the rest is
    /// still read, for the whole list of errors). Not called when the header itself is wrong.
    /// </param>
    internal static RosterCsv Read(byte[] csv, CsvEncoding encoding, RosterReference reference, Func<bool, Action<RosterRecord>>? stream)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var errors = new List<ImportIssue>();
        var records = new List<RosterRecord>();
        using var sheet = CsvSheet.Open(csv, encoding, Columns, errors, LeaveColumns);
        if (sheet is null)
        {
            return new RosterCsv(records, errors, "", 0);
        }
        var leaveColumns = LeaveColumns.Where(sheet.HasColumn).ToList();
        if (leaveColumns.Count is > 0 and < 3)
        {
            var missing = LeaveColumns.Except(leaveColumns).Select(c => $"「{c}」");
            errors.Add(ImportIssue.At(1,
                $"休業の列は「{LeaveKindColumn}」「{LeaveStartColumn}」「{LeaveEndColumn}」の3つをそろえてください（{string.Concat(missing)}がありません）。"));
            return new RosterCsv(records, errors, sheet.EncodingName, 0);
        }
        var hasLeave = leaveColumns.Count == 3;

        var jobLevelChoices = string.Join("・", reference.JobLevels.Select(l => l.Name));
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowCount = 0;
        var onRecord = stream?.Invoke(hasLeave);
        foreach (var row in sheet.Rows())
        {
            rowCount++;
            var record = ReadRow(row, reference, jobLevelChoices, firstLineOf, errors);
            if (record is not null)
            {
                records.Add(record);
                if (onRecord is not null && errors.Count == 0)
                {
                    onRecord(record);
                }
            }
        }
        if (rowCount == 0 && errors.Count == 0)
        {
            // An empty roster would mark every employee as a leaver: never what HR meant.
            errors.Add(ImportIssue.At(0, "データ行がありません。見出し行だけのファイルは取り込めません。"));
        }
        return new RosterCsv(records, Sorted(errors), sheet.EncodingName, rowCount, hasLeave);
    }

    // Runs once per row, 100,000 times in a process that has usually not run it before: compiled
    // optimised at once rather than first as quick unoptimised code (tiered compilation), which
    // cost a cold first import about as much time again as the reading itself. The same holds
    // for the other per-row methods marked so.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RosterRecord? ReadRow(
        CsvRow row, RosterReference reference, string jobLevelChoices, Dictionary<string, int> firstLineOf, List<ImportIssue> errors)
    {
        var line = row.Line;
        var v = row.Values;
        var before = errors.Count;
        void Error(string message) => errors.Add(ImportIssue.At(line, message));

        var number = v[0];
        if (number.Length == 0)
        {
            Error("職員番号が空です。");
        }
        else if (number.Length > MaxEmployeeNumberLength)
        {
            Error($"職員番号「{number}」が長すぎます（{MaxEmployeeNumberLength}文字まで）。");
        }
        else if (firstLineOf.TryGetValue(number, out var firstLine))
        {
            Error($"職員番号「{number}」が重複しています（{firstLine}行目と{line}行目）。");
        }
        else
        {
            firstLineOf[number] = line;
        }

        var name = v[1];
        if (name.Length == 0)
        {
            Error("氏名が空です。");
        }
        else if (name.Length > MaxNameLength)
        {
            Error($"氏名が長すぎます（{MaxNameLength}文字まで）。");
        }

        var kana = v[2];
        if (kana.Length > MaxNameLength)
        {
            Error($"カナが長すぎます（{MaxNameLength}文字まで）。");
        }

        var email = v[3];
        if (email.Length > MaxEmailLength)
        {
            Error($"メールアドレスが長すぎます（{MaxEmailLength}文字まで）。");
        }
        else if (email.Length > 0 && !CsvValues.LooksLikeEmail(email))
        {
            Error($"メールアドレス「{email}」の形式が正しくありません。");
        }

        var orgCode = v[4];
        var orgUnit = orgCode.Length == 0 ? null : reference.FindOrgUnit(orgCode);
        if (orgCode.Length == 0)
        {
            Error("所属コードが空です。");
        }
        else if (orgUnit is null)
        {
            Error($"所属コード「{orgCode}」は存在しません。");
        }
        else if (!orgUnit.IsActive)
        {
            Error($"所属コード「{orgCode}」（{orgUnit.Name}）は廃止されています。");
        }

        var jobLevelText = v[5];
        var jobLevel = jobLevelText.Length == 0 ? null : reference.FindJobLevel(jobLevelText);
        if (jobLevelText.Length == 0)
        {
            Error("職層が空です。");
        }
        else if (jobLevel is null)
        {
            Error($"職層「{jobLevelText}」は登録されていません（{jobLevelChoices} のいずれか）。");
        }

        var typeText = v[6];
        var typeOk = EmploymentTypeNames.TryParseJapanese(typeText, out var employmentType);
        if (typeText.Length == 0)
        {
            Error("雇用区分が空です。");
        }
        else if (!typeOk)
        {
            Error($"雇用区分「{typeText}」は読み取れません（正規・会計年度任用・再任用のいずれか）。");
        }

        var appointmentEnd = Date(v[7], AppointmentEndColumn);
        var hiredOn = Date(v[8], HiredOnColumn);
        if (typeOk && employmentType == EmploymentType.FiscalYearAppointed && v[7].Length == 0)
        {
            Error("雇用区分が会計年度任用の職員には任用期間終了日が必要です。");
        }
        if (appointmentEnd is { } end && hiredOn is { } hired && end < hired)
        {
            Error($"任用期間終了日（{CsvValues.FormatDate(end)}）が採用日（{CsvValues.FormatDate(hired)}）より前です。");
        }

        if (!CsvValues.TryParseMark(v[9], out var isUnitHead))
        {
            Error($"所属長「{v[9]}」は読み取れません（所属長なら ○、そうでなければ空欄）。");
        }

        var leave = ReadLeave(v[10], v[11], v[12], Error, Date);

        if (errors.Count != before)
        {
            return null;
        }

        var profile = new EmployeeProfile(number, name, kana, email, orgUnit!, jobLevel!, employmentType, appointmentEnd, hiredOn);
        try
        {
            // The entity's own rules have the last word; the checks above only word them per column.
            Employee.Validate(profile);
        }
        catch (DomainException ex)
        {
            Error(ex.Message);
            return null;
        }
        return new RosterRecord(line, profile, isUnitHead, leave);

        DateOnly? Date(string text, string column)
        {
            if (text.Length == 0)
            {
                return null;
            }
            if (CsvValues.TryParseDate(text, out var date))
            {
                return date;
            }
            Error($"{column}「{text}」は日付として読み取れません（{CsvValues.DateExample} の形で書いてください）。");
            return null;
        }
    }

    /// <summary>The 休業 columns of one row (all "" when the file has none of them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LeavePeriod? ReadLeave(string kindText, string startText, string endText, Action<string> error, Func<string, string, DateOnly?> date)
    {
        var failed = false;
        void Fail(string message)
        {
            failed = true;
            error(message);
        }

        var start = date(startText, LeaveStartColumn);
        var end = date(endText, LeaveEndColumn);
        failed |= (startText.Length > 0 && start is null) || (endText.Length > 0 && end is null);
        if (kindText.Length == 0)
        {
            if (startText.Length > 0 || endText.Length > 0)
            {
                Fail($"{LeaveStartColumn}・{LeaveEndColumn}があるときは{LeaveKindColumn}（休職・産休・育休）が必要です。");
            }
            return null;
        }
        if (!LeaveKindNames.TryParseJapanese(kindText, out var kind))
        {
            Fail($"{LeaveKindColumn}「{kindText}」は読み取れません（休職・産休・育休のいずれか。休業していなければ空欄）。");
        }
        if (startText.Length == 0)
        {
            Fail($"{LeaveKindColumn}があるときは{LeaveStartColumn}が必要です。");
        }
        if (start is { } s && end is { } e && e < s)
        {
            Fail($"{LeaveEndColumn}（{CsvValues.FormatDate(e)}）が{LeaveStartColumn}（{CsvValues.FormatDate(s)}）より前です。");
        }
        return failed ? null : new LeavePeriod(kind, start!.Value, end);
    }

    internal static List<ImportIssue> Sorted(List<ImportIssue> errors) =>
        // Stable: problems of one line stay in column order.
        [.. errors.OrderBy(e => e.Line)];
}
