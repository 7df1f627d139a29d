namespace Meguro.Learning.Demo.Tests;

public class DemoOrganizationTests
{
    private static readonly List<string[]> Rows = CsvReader.Parse(DemoOrganization.ToCsv());
    private static readonly string[][] Units = [.. Rows.Skip(1)];

    [Fact]
    public void Header_is_the_HR_import_header()
    {
        Assert.Equal(["所属コード", "所属名", "種別", "上位所属コード"], Rows[0]);
        Assert.All(Units, u => Assert.Equal(4, u.Length));
    }

    [Fact]
    public void Output_is_stable()
    {
        Assert.Equal(DemoOrganization.ToCsv(), DemoOrganization.ToCsv());
    }

    [Fact]
    public void Has_a_city_sized_number_of_units_per_tier()
    {
        Assert.InRange(Units.Count(u => u[2] == "部"), 9, 12);
        Assert.InRange(Units.Count(u => u[2] == "課"), 35, 50);
        Assert.InRange(Units.Count(u => u[2] == "係"), 100, 140);
        Assert.All(Units, u => Assert.Contains(u[2], new[] { "部", "課", "係" }));
    }

    [Fact]
    public void Codes_are_unique_short_and_readable()
    {
        var codes = Units.Select(u => u[0]).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c =>
        {
            Assert.InRange(c.Length, 1, 32);
            Assert.Matches(@"^B\d{2}(-K\d{2}(-T\d{2})?)?$", c);
        });
    }

    [Fact]
    public void Every_unit_hangs_under_the_tier_above()
    {
        var kindByCode = Units.ToDictionary(u => u[0], u => u[2]);
        foreach (var unit in Units)
        {
            switch (unit[2])
            {
                case "部":
                    Assert.Equal("", unit[3]);
                    break;
                case "課":
                    Assert.Equal("部", kindByCode[unit[3]]);
                    break;
                case "係":
                    Assert.Equal("課", kindByCode[unit[3]]);
                    break;
            }
        }
    }

    [Theory]
    [InlineData("総務部", "人事課", "研修係")]
    [InlineData("企画経営部", "情報政策推進課", "DX推進係")]
    [InlineData("企画経営部", "情報政策推進課", "情報システム係")]
    [InlineData("区民生活部", "戸籍住民課", "住民記録係")]
    public void Units_the_personas_need_exist(string department, string section, string team)
    {
        var byCode = Units.ToDictionary(u => u[0]);
        var found = Units.Where(u => u[1] == team && u[2] == "係").Any(t =>
        {
            var s = byCode[t[3]];
            var d = byCode[s[3]];
            return s[1] == section && d[1] == department;
        });
        Assert.True(found, $"{department} › {section} › {team} is missing");
    }

    [Fact]
    public void Critical_unit_is_a_department()
    {
        Assert.Contains(Units, u => u[1] == "危機管理室" && u[2] == "部");
    }
}
