using System.Globalization;

namespace Meguro.Learning.Demo.Tests;

public class DemoRosterTests
{
    private static readonly string DefaultCsv = DemoRoster.ToCsv();
    private static readonly List<string[]> Rows = CsvReader.Parse(DefaultCsv);
    private static readonly Row[] Roster = [.. Rows.Skip(1).Select(Row.From)];
    private static readonly string[][] OrgUnits = [.. CsvReader.Parse(DemoOrganization.ToCsv()).Skip(1)];
    private static readonly DateOnly AsOf = new(2026, 11, 1);

    private sealed record Row(
        string Number, string Name, string Kana, string Email, string OrgUnit, string JobLevel,
        string EmploymentType, string AppointmentEnd, string HiredOn, string Head)
    {
        public static Row From(string[] f)
        {
            Assert.Equal(10, f.Length);
            return new Row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
        }
    }

    [Fact]
    public void Header_is_the_HR_import_header()
    {
        Assert.Equal(
            ["職員番号", "氏名", "カナ", "メールアドレス", "所属コード", "職層", "雇用区分", "任用期間終了日", "採用日", "所属長"],
            Rows[0]);
    }

    [Fact]
    public void Same_seed_gives_identical_text()
    {
        Assert.Equal(DefaultCsv, DemoRoster.ToCsv(DemoRoster.DefaultSeed));
        Assert.Equal(DemoRoster.ToCsv(7, 1000), DemoRoster.ToCsv(7, 1000));
    }

    /// <summary>
    /// Demos, screenshots and benchmark baselines rely on the default roster staying the same
    /// across machines and releases (a Bogus upgrade could change its random sequence). When the
    /// data is changed on purpose, update this hash in the same commit.
    /// </summary>
    [Fact]
    public void Default_roster_is_pinned()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DefaultCsv)));
        Assert.Equal("33c35d13a690968b8c88dcfbc73118711a34c25fbeef8c5d392f0e94bf828a63", hash);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            Assert.Equal(DefaultCsv, DemoRoster.ToCsv());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Different_seed_gives_different_text()
    {
        Assert.NotEqual(DefaultCsv, DemoRoster.ToCsv(DemoRoster.DefaultSeed + 1));
    }

    [Fact]
    public void Has_about_three_thousand_rows()
    {
        Assert.InRange(Roster.Length, 2800, 3200);
    }

    [Fact]
    public void Numbers_are_unique_six_digits()
    {
        Assert.All(Roster, r => Assert.Matches(@"^\d{6}$", r.Number));
        Assert.Equal(Roster.Length, Roster.Select(r => r.Number).Distinct().Count());
    }

    [Fact]
    public void Emails_are_unique_ascii_and_under_a_demo_domain()
    {
        Assert.All(Roster, r => Assert.Matches(@"^[a-z0-9.]+@demo\.city\.meguro\.lg\.jp$", r.Email));
        Assert.Equal(Roster.Length, Roster.Select(r => r.Email.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void Every_org_unit_code_exists_in_the_organisation_csv()
    {
        var codes = OrgUnits.Select(u => u[0]).ToHashSet();
        Assert.All(Roster, r => Assert.Contains(r.OrgUnit, codes));
    }

    [Fact]
    public void Every_unit_has_exactly_one_head_of_the_right_level()
    {
        var expectedLevel = new Dictionary<string, string> { ["部"] = "部長", ["課"] = "課長", ["係"] = "係長" };
        Assert.All(Roster, r => Assert.Contains(r.Head, new[] { "○", "" }));
        var headsByUnit = Roster.Where(r => r.Head == "○").ToLookup(r => r.OrgUnit);
        foreach (var unit in OrgUnits)
        {
            var heads = headsByUnit[unit[0]].ToList();
            var head = Assert.Single(heads);
            Assert.Equal(expectedLevel[unit[2]], head.JobLevel);
        }
    }

    [Fact]
    public void Job_levels_sit_in_the_right_tier()
    {
        var kind = OrgUnits.ToDictionary(u => u[0], u => u[2]);
        var tierOf = new Dictionary<string, string>
        {
            ["部長"] = "部", ["課長"] = "課", ["課長補佐"] = "課", ["係長"] = "係", ["主任"] = "係", ["係員"] = "係",
        };
        Assert.All(Roster, r => Assert.Equal(tierOf[r.JobLevel], kind[r.OrgUnit]));
    }

    [Fact]
    public void Fixed_term_staff_have_an_appointment_end_and_regular_staff_none()
    {
        Assert.All(Roster, r =>
        {
            switch (r.EmploymentType)
            {
                case "会計年度任用":
                    Assert.Equal("係員", r.JobLevel);
                    Assert.Equal("2027-03-31", r.AppointmentEnd);
                    break;
                case "再任用":
                    Assert.Contains(r.JobLevel, new[] { "主任", "係員" });
                    Assert.Equal("2027-03-31", r.AppointmentEnd);
                    break;
                case "正規":
                    Assert.Equal("", r.AppointmentEnd);
                    break;
                default:
                    Assert.Fail($"Unknown 雇用区分 {r.EmploymentType}");
                    break;
            }
        });
    }

    [Fact]
    public void Employment_types_have_city_like_shares()
    {
        double Share(string type) => Roster.Count(r => r.EmploymentType == type) / (double)Roster.Length;
        Assert.InRange(Share("会計年度任用"), 0.15, 0.21);
        Assert.InRange(Share("再任用"), 0.03, 0.07);
    }

    [Fact]
    public void Dates_are_iso_and_consistent()
    {
        Assert.All(Roster, r =>
        {
            var hired = DateOnly.ParseExact(r.HiredOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.True(hired <= AsOf, $"{r.Number} hired after the roster date");
            Assert.True(hired.Year >= 1980, $"{r.Number} hired implausibly early");
            if (r.AppointmentEnd != "")
            {
                Assert.True(DateOnly.ParseExact(r.AppointmentEnd, "yyyy-MM-dd", CultureInfo.InvariantCulture) >= hired);
            }
        });
    }

    [Fact]
    public void About_thirty_people_joined_in_the_last_thirty_days()
    {
        var recent = Roster.Count(r =>
            DateOnly.ParseExact(r.HiredOn, "yyyy-MM-dd", CultureInfo.InvariantCulture) > AsOf.AddDays(-30));
        Assert.InRange(recent, 20, 40);
    }

    [Fact]
    public void Department_heads_were_hired_long_ago()
    {
        Assert.All(Roster.Where(r => r.JobLevel == "部長"), r => Assert.True(string.CompareOrdinal(r.HiredOn, "2000-01-01") < 0));
    }

    [Fact]
    public void Names_and_kana_are_family_and_given_with_a_full_width_space()
    {
        Assert.All(Roster, r =>
        {
            foreach (var text in new[] { r.Name, r.Kana })
            {
                var parts = text.Split('　');
                Assert.Equal(2, parts.Length);
                Assert.All(parts, p => Assert.NotEmpty(p));
            }
            Assert.All(r.Kana, c => Assert.True(c == '　' || (c >= '\u30A1' && c <= '\u30FC'), $"「{r.Kana}」 has {c}"));
            Assert.DoesNotContain(" ", r.Name + r.Kana);
        });
    }

    [Fact]
    public void Personas_are_the_demo_sign_ins()
    {
        Assert.Equal(
            [
                ("Learner", "learner", "900001"),
                ("Manager", "manager", "900002"),
                ("HR", "hr", "900003"),
                ("ContentEditor", "editor", "900004"),
                ("Administrator", "admin", "900005"),
            ],
            DemoPersonas.All.Select(p => (p.Role, p.UserName, p.EmployeeNumber)));
    }

    [Theory]
    [InlineData("900001", "係員", "", "区民生活部", "戸籍住民課", "住民記録係")]
    [InlineData("900002", "課長", "○", "区民生活部", "戸籍住民課", null)]
    [InlineData("900003", "主任", "", "総務部", "人事課", "研修係")]
    [InlineData("900004", "主任", "", "企画経営部", "情報政策推進課", "DX推進係")]
    [InlineData("900005", "係長", "○", "企画経営部", "情報政策推進課", "情報システム係")]
    public void Personas_are_in_the_roster_where_their_role_needs_them(
        string number, string jobLevel, string head, string department, string section, string? team)
    {
        var persona = Assert.Single(DemoPersonas.All, p => p.EmployeeNumber == number);
        var row = Assert.Single(Roster, r => r.Number == number);
        Assert.Equal(persona.Name, row.Name);
        Assert.Equal(persona.Kana, row.Kana);
        Assert.Equal(persona.Email, row.Email);
        Assert.Equal(persona.OrgUnitCode, row.OrgUnit);
        Assert.Equal(jobLevel, row.JobLevel);
        Assert.Equal("正規", row.EmploymentType);
        Assert.Equal(head, row.Head);

        var byCode = OrgUnits.ToDictionary(u => u[0]);
        var path = new List<string>();
        for (var code = row.OrgUnit; code != ""; code = byCode[code][3])
        {
            path.Insert(0, byCode[code][1]);
        }
        Assert.Equal(team is null ? [department, section] : new[] { department, section, team }, path);
    }

    [Fact]
    public void A_benchmark_sized_roster_scales_to_a_hundred_thousand()
    {
        var rows = CsvReader.Parse(DemoRoster.ToCsv(approximateSize: 100_000)).Skip(1).ToList();

        Assert.True(rows.Count >= 95_000, $"only {rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct().Count());
        Assert.All(rows, r => Assert.Matches(@"^\d{6}$", r[0]));
    }

    [Fact]
    public void Sizes_outside_the_supported_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoRoster.ToCsv(approximateSize: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoRoster.ToCsv(approximateSize: 1_000_000));
    }
}
