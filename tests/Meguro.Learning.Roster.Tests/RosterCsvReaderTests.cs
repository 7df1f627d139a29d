using Meguro.Learning.Demo;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Roster.Tests.Infrastructure;
using static Meguro.Learning.Roster.Tests.Infrastructure.TestCsv;

namespace Meguro.Learning.Roster.Tests;

/// <summary>The roster file as HR uploads it: encodings, CSV quoting, and every row check that needs no database.</summary>
public class RosterCsvReaderTests
{
    private static readonly RosterReference Reference = DemoReference(closedCodes: "B01-K01-T03");

    private static RosterCsv Read(string text, CsvEncoding encoding = CsvEncoding.Auto) => RosterCsvReader.Read(Utf8(text), encoding, Reference);

    private static ImportIssue SingleError(RosterCsv file) => Assert.Single(file.Errors);

    public static TheoryData<string, CsvEncoding, string> Encodings => new()
    {
        { "utf8-bom", CsvEncoding.Utf8, "UTF-8" },
        { "utf8", CsvEncoding.Utf8, "UTF-8" },
        { "sjis", CsvEncoding.ShiftJis, "Shift_JIS" },
        { "utf8-bom", CsvEncoding.Auto, "UTF-8" },
        { "utf8", CsvEncoding.Auto, "UTF-8" },
        { "sjis", CsvEncoding.Auto, "Shift_JIS" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Reads_utf8_with_and_without_bom_and_shift_jis(string bytesKind, CsvEncoding encoding, string expectedEncoding)
    {
        // ソ and 表 have 0x5C ("\") as their second Shift_JIS byte: a reader that decodes late breaks on them.
        var text = RosterText(Row("100001", name: "目黒　ソ表", kana: "メグロ　ソヒョウ", email: "s.meguro@demo.city.meguro.lg.jp"), Row("100002", name: "髙橋　①"));
        var bytes = bytesKind switch
        {
            "utf8-bom" => Utf8WithBom(text),
            "utf8" => Utf8(text),
            _ => Sjis(text),
        };

        var file = RosterCsvReader.Read(bytes, encoding, Reference);

        Assert.Empty(file.Errors);
        Assert.Equal(expectedEncoding, file.EncodingName);
        Assert.Equal(["目黒　ソ表", "髙橋　①"], file.Records.Select(r => r.Profile.Name));
        Assert.Equal("メグロ　ソヒョウ", file.Records[0].Profile.Kana);
        Assert.Equal("住民記録係", file.Records[0].Profile.OrgUnit.Name);
        Assert.Equal(2, file.Records[0].Line);
    }

    [Fact]
    public void Reads_the_whole_demo_roster_in_shift_jis_without_errors()
    {
        var csv = DemoRoster.ToCsv();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;

        var file = RosterCsvReader.Read(Sjis(csv), CsvEncoding.Auto, DemoReference());

        Assert.Empty(file.Errors);
        Assert.Equal("Shift_JIS", file.EncodingName);
        Assert.Equal(rows, file.RowCount);
        Assert.Equal(rows, file.Records.Count);
        Assert.Equal(csv.Split("\r\n").Count(l => l.EndsWith(",○", StringComparison.Ordinal)), file.Records.Count(r => r.IsUnitHead));
    }

    [Fact]
    public void Shift_jis_bytes_read_as_utf8_are_refused_with_the_line()
    {
        // The header and the first row are UTF-8; the second row was pasted in from a Shift_JIS file.
        byte[] bytes = [.. Utf8(RosterText(Row("100001"))), .. Sjis(Row("100002") + "\r\n")];

        var file = RosterCsvReader.Read(bytes, CsvEncoding.Utf8, Reference);

        var error = SingleError(file);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("3行目: UTF-8 として読めない文字があります。", error.Message);
        Assert.Empty(file.Records);
    }

    [Fact]
    public void A_utf8_file_with_bom_read_as_shift_jis_is_refused()
    {
        var file = RosterCsvReader.Read(Utf8WithBom(RosterText(Row("100001"))), CsvEncoding.ShiftJis, Reference);

        Assert.Contains("BOM 付きの UTF-8", SingleError(file).Message);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks_and_later_lines_keep_their_numbers()
    {
        var text = RosterText(
            Row("100001", name: "\"目黒, \"\"花子\"\"\"", kana: "\"メグロ\r\nハナコ\""),
            Row("100002", orgCode: "B99"));

        var file = Read(text);

        var error = SingleError(file);
        Assert.Equal(4, error.Line);
        Assert.Equal("4行目: 所属コード「B99」は存在しません。", error.Message);
        var first = Assert.Single(file.Records);
        Assert.Equal("目黒, \"花子\"", first.Profile.Name);
        Assert.Equal("メグロ\r\nハナコ", first.Profile.Kana);
        Assert.Equal(2, first.Line);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_unknown_columns_are_ignored()
    {
        var text = "備考,所属長,採用日,任用期間終了日,雇用区分,職層,所属コード,メールアドレス,カナ,氏名,職員番号\r\n" +
                   "メモ,○,2019-04-01,,正規,係長,B04-K02-T01,,メグロ　ハナコ,目黒　花子,100001\r\n";

        var record = Assert.Single(Read(text).Records);

        Assert.Equal("100001", record.Profile.EmployeeNumber);
        Assert.Equal("係長", record.Profile.JobLevel.Name);
        Assert.True(record.IsUnitHead);
    }

    [Fact]
    public void Each_missing_column_is_named_on_line_1()
    {
        var header = DemoRoster.CsvHeader.Replace(",職層", "", StringComparison.Ordinal).Replace(",所属長", "", StringComparison.Ordinal);

        var file = Read(Lines(header, "100001,目黒　花子,,,B04-K02-T01,正規,,2019-04-01"));

        Assert.Equal(["1行目: 必須の列「職層」がありません。", "1行目: 必須の列「所属長」がありません。"], file.Errors.Select(e => e.Message));
        Assert.All(file.Errors, e => Assert.Equal(1, e.Line));
        Assert.Empty(file.Records);
    }

    [Fact]
    public void An_unknown_job_level_is_named_with_the_choices()
    {
        var error = SingleError(Read(RosterText(Row("100001"), Row("100002", jobLevel: "班長"))));

        Assert.Equal(3, error.Line);
        Assert.Equal("3行目: 職層「班長」は登録されていません（係員・主任・係長・課長補佐・課長・部長 のいずれか）。", error.Message);
    }

    [Fact]
    public void A_job_level_may_be_given_by_its_code()
    {
        Assert.Equal("主任", Assert.Single(Read(RosterText(Row("100001", jobLevel: "shunin"))).Records).Profile.JobLevel.Name);
    }

    [Fact]
    public void A_duplicate_employee_number_names_both_lines()
    {
        var file = Read(RosterText(Row("100001"), Row("100002"), Row("100001", name: "別人　太郎")));

        var error = SingleError(file);
        Assert.Equal(4, error.Line);
        Assert.Equal("4行目: 職員番号「100001」が重複しています（2行目と4行目）。", error.Message);
    }

    [Fact]
    public void An_unknown_or_closed_org_code_is_an_error()
    {
        var file = Read(RosterText(Row("100001"), Row("100002", orgCode: "B99"), Row("100003", orgCode: "B01-K01-T03")));

        Assert.Equal(
            ["3行目: 所属コード「B99」は存在しません。", "4行目: 所属コード「B01-K01-T03」（行政改革係）は廃止されています。"],
            file.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("令和8年4月1日")]
    [InlineData("2026.04.01")]
    public void A_bad_date_names_the_column_and_value(string date)
    {
        var error = SingleError(Read(RosterText(Row("100001", hiredOn: date))));

        Assert.Equal($"2行目: 採用日「{date}」は日付として読み取れません（2026-04-01 または 2026/4/1 の形で書いてください）。", error.Message);
    }

    [Fact]
    public void Dates_are_read_in_iso_and_slash_forms()
    {
        var file = Read(RosterText(
            Row("100001", employmentType: "会計年度任用", appointmentEnd: "2027/3/31", hiredOn: "2026/4/1"),
            Row("100002", hiredOn: "2019/04/01")));

        Assert.Empty(file.Errors);
        Assert.Equal(new DateOnly(2027, 3, 31), file.Records[0].Profile.AppointmentEndDate);
        Assert.Equal(new DateOnly(2026, 4, 1), file.Records[0].Profile.HiredOn);
        Assert.Equal(new DateOnly(2019, 4, 1), file.Records[1].Profile.HiredOn);
    }

    [Fact]
    public void Fiscal_year_appointed_staff_need_an_appointment_end_date()
    {
        var file = Read(RosterText(Row("100001", employmentType: "会計年度任用", hiredOn: "2026-04-01")));

        Assert.Equal("2行目: 雇用区分が会計年度任用の職員には任用期間終了日が必要です。", SingleError(file).Message);
    }

    [Fact]
    public void Other_row_errors_name_their_column_and_value()
    {
        var file = Read(RosterText(
            Row("", name: ""),
            Row("100002", email: "目黒花子"),
            Row("100003", employmentType: "パート"),
            Row("100004", head: "x"),
            Row("100005", employmentType: "再任用", appointmentEnd: "2020-03-31", hiredOn: "2021-04-01")));

        Assert.Equal(
            [
                "2行目: 職員番号が空です。",
                "2行目: 氏名が空です。",
                "3行目: メールアドレス「目黒花子」の形式が正しくありません。",
                "4行目: 雇用区分「パート」は読み取れません（正規・会計年度任用・再任用のいずれか）。",
                "5行目: 所属長「x」は読み取れません（所属長なら ○、そうでなければ空欄）。",
                "6行目: 任用期間終了日（2020-03-31）が採用日（2021-04-01）より前です。",
            ],
            file.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("○", true)]
    [InlineData("〇", true)]
    [InlineData("1", true)]
    [InlineData("はい", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("", false)]
    [InlineData("0", false)]
    public void The_unit_head_mark_is_read_in_the_usual_forms(string mark, bool expected)
    {
        Assert.Equal(expected, Assert.Single(Read(RosterText(Row("100001", head: mark))).Records).IsUnitHead);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_stay_physical()
    {
        var text = RosterText(Row("100001"), "", "   ", ",,,,,,,,,", "\u3000,,", Row("100002", orgCode: "B99"), "");

        var file = Read(text);

        Assert.Equal(2, file.RowCount);
        Assert.Equal(7, SingleError(file).Line);
    }

    [Fact]
    public void Values_are_trimmed_including_full_width_spaces()
    {
        var record = Assert.Single(Read(RosterText(" 100001 ,\u3000目黒　花子\u3000,,, B04-K02-T01 , 係員 ,正規,,2019-04-01,")).Records);

        Assert.Equal("100001", record.Profile.EmployeeNumber);
        Assert.Equal("目黒　花子", record.Profile.Name);
        Assert.Equal("B04-K02-T01", record.Profile.OrgUnit.Code);
    }

    [Fact]
    public void A_header_without_rows_or_an_empty_file_is_refused()
    {
        Assert.Equal("データ行がありません。見出し行だけのファイルは取り込めません。", SingleError(Read(RosterText())).Message);
        Assert.Equal("ファイルが空です。", SingleError(RosterCsvReader.Read([], CsvEncoding.Auto, Reference)).Message);
    }

    [Fact]
    public void Broken_quoting_is_reported_at_its_line()
    {
        var file = Read(RosterText(Row("100001"), Row("100002", name: "\"目黒\"花子")));

        Assert.Contains(file.Errors, e => e.Line == 3 && e.Message.StartsWith("3行目: 引用符", StringComparison.Ordinal));
    }

    [Fact]
    public void The_profile_carries_every_column()
    {
        var record = Assert.Single(Read(RosterText(Row("100001", email: "h.meguro@demo.city.meguro.lg.jp", jobLevel: "主任",
            employmentType: "再任用", appointmentEnd: "2027-03-31", hiredOn: "2021-04-01", head: "○"))).Records);

        var p = record.Profile;
        Assert.Equal(("100001", "目黒　花子", "メグロ　ハナコ", "h.meguro@demo.city.meguro.lg.jp"), (p.EmployeeNumber, p.Name, p.Kana, p.Email));
        Assert.Equal(("B04-K02-T01", "主任", EmploymentType.Reappointed), (p.OrgUnit.Code, p.JobLevel.Name, p.EmploymentType));
        Assert.Equal((new DateOnly(2027, 3, 31), new DateOnly(2021, 4, 1)), (p.AppointmentEndDate!.Value, p.HiredOn!.Value));
        Assert.True(record.IsUnitHead);
    }
}
