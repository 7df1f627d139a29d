using Meguro.Learning.Demo;
using Meguro.Learning.Domain.People;
using static Meguro.Learning.Roster.Tests.Infrastructure.TestCsv;

namespace Meguro.Learning.Roster.Tests;

/// <summary>The optional 休業区分・休業開始日・休業終了日 columns of the roster file: header and row rules.</summary>
public class RosterLeaveCsvReaderTests
{
    public const string LeaveHeader = DemoRoster.CsvHeader + ",休業区分,休業開始日,休業終了日";

    private static readonly RosterReference Reference = DemoReference();

    private static RosterCsv Read(string header, params string[] rows) => RosterCsvReader.Read(Utf8(Lines(header, rows)), CsvEncoding.Auto, Reference);

    /// <summary>A valid row with its three leave values.</summary>
    public static string LeaveRow(string number, string kind = "", string start = "", string end = "") => $"{Row(number)},{kind},{start},{end}";

    [Fact]
    public void A_file_without_the_leave_columns_has_no_leave_at_all()
    {
        var file = Read(DemoRoster.CsvHeader, Row("100001"));

        Assert.Empty(file.Errors);
        Assert.False(file.HasLeaveColumns);
        Assert.Null(Assert.Single(file.Records).Leave);
    }

    [Fact]
    public void Reads_kinds_synonyms_open_and_closed_leaves_and_no_leave()
    {
        var file = Read(LeaveHeader,
            LeaveRow("100001", "育児休業", "2026-04-01"),
            LeaveRow("100002", "休職", "2026/4/1", "2026/9/30"),
            LeaveRow("100003", "産前・産後休暇", "2026-05-10", "2026-05-10"),
            LeaveRow("100004"));

        Assert.Empty(file.Errors);
        Assert.True(file.HasLeaveColumns);
        Assert.Equal(
            [
                new LeavePeriod(LeaveKind.ChildcareLeave, new(2026, 4, 1), null),
                new LeavePeriod(LeaveKind.LeaveOfAbsence, new(2026, 4, 1), new(2026, 9, 30)),
                new LeavePeriod(LeaveKind.MaternityLeave, new(2026, 5, 10), new(2026, 5, 10)),
                null,
            ],
            file.Records.Select(r => r.Leave));
    }

    [Fact]
    public void The_leave_columns_come_in_any_order_among_the_others()
    {
        const string header = "休業終了日,職員番号,氏名,カナ,メールアドレス,所属コード,職層,雇用区分,任用期間終了日,採用日,所属長,休業区分,休業開始日";

        var file = Read(header, $"2026-09-30,{Row("100001")},育休,2026-04-01");

        Assert.Empty(file.Errors);
        Assert.Equal(new LeavePeriod(LeaveKind.ChildcareLeave, new(2026, 4, 1), new(2026, 9, 30)), Assert.Single(file.Records).Leave);
    }

    [Theory]
    [InlineData(",休業区分", "「休業開始日」「休業終了日」")]
    [InlineData(",休業区分,休業終了日", "「休業開始日」")]
    [InlineData(",休業開始日,休業終了日", "「休業区分」")]
    public void Some_but_not_all_leave_columns_is_an_error_on_line_1_naming_the_missing(string extra, string missing)
    {
        var file = Read(DemoRoster.CsvHeader + extra, Row("100001") + string.Concat(Enumerable.Repeat(",", extra.Count(c => c == ','))));

        var error = Assert.Single(file.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal($"1行目: 休業の列は「休業区分」「休業開始日」「休業終了日」の3つをそろえてください（{missing}がありません）。", error.Message);
        Assert.Empty(file.Records);
    }

    [Fact]
    public void Every_bad_leave_value_is_reported_with_its_line()
    {
        var file = Read(LeaveHeader,
            LeaveRow("100001", "病休", "2026-04-01"),
            LeaveRow("100002", "育休"),
            LeaveRow("100003", "育休", "2026-13-01"),
            LeaveRow("100004", "育休", "2026-04-01", "来年"),
            LeaveRow("100005", "育休", "2026-04-01", "2026-03-31"),
            LeaveRow("100006", "", "2026-04-01"),
            LeaveRow("100007", "", "", "2026-04-01"),
            LeaveRow("100008", "育休", "2026-04-01"));

        Assert.Equal(
            [
                (2, "2行目: 休業区分「病休」は読み取れません（休職・産休・育休のいずれか。休業していなければ空欄）。"),
                (3, "3行目: 休業区分があるときは休業開始日が必要です。"),
                (4, "4行目: 休業開始日「2026-13-01」は日付として読み取れません（2026-04-01 または 2026/4/1 の形で書いてください）。"),
                (5, "5行目: 休業終了日「来年」は日付として読み取れません（2026-04-01 または 2026/4/1 の形で書いてください）。"),
                (6, "6行目: 休業終了日（2026-03-31）が休業開始日（2026-04-01）より前です。"),
                (7, "7行目: 休業開始日・休業終了日があるときは休業区分（休職・産休・育休）が必要です。"),
                (8, "8行目: 休業開始日・休業終了日があるときは休業区分（休職・産休・育休）が必要です。"),
            ],
            file.Errors.Select(e => (e.Line, e.Message)));
        Assert.Equal(["100008"], file.Records.Select(r => r.Profile.EmployeeNumber));
    }
}
