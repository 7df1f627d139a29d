namespace Meguro.Learning.Domain.People;

public enum EmploymentType
{
    /// <summary>正規</summary>
    Regular = 1,
    /// <summary>会計年度任用</summary>
    FiscalYearAppointed = 2,
    /// <summary>再任用</summary>
    Reappointed = 3,
}

public static class EmploymentTypeNames
{
    public static string ToJapanese(this EmploymentType type) => type switch
    {
        EmploymentType.Regular => "正規",
        EmploymentType.FiscalYearAppointed => "会計年度任用",
        EmploymentType.Reappointed => "再任用",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParseJapanese(string? text, out EmploymentType type)
    {
        type = default;
        switch (text?.Trim())
        {
            case "正規":
            case "正規職員":
                type = EmploymentType.Regular; return true;
            case "会計年度任用":
            case "会計年度任用職員":
                type = EmploymentType.FiscalYearAppointed; return true;
            case "再任用":
            case "再任用職員":
                type = EmploymentType.Reappointed; return true;
            default:
                return false;
        }
    }
}
