using Meguro.Learning.Domain.Organization;

namespace Meguro.Learning.Domain.People;

/// <summary>What the HR system says about one person; the roster import hands these to <see cref="Employee"/>.</summary>
public sealed record EmployeeProfile(
    string EmployeeNumber,
    string Name,
    string Kana,
    string Email,
    OrgUnit OrgUnit,
    JobLevel JobLevel,
    EmploymentType EmploymentType,
    DateOnly? AppointmentEndDate,
    DateOnly? HiredOn);

[Flags]
public enum EmployeeChanges
{
    None = 0,
    Name = 1,
    Email = 2,
    OrgUnit = 4,
    JobLevel = 8,
    EmploymentType = 16,
    AppointmentEnd = 32,
    HiredOn = 64,
    Reactivated = 128,
}

/// <summary>
/// 職員. Keyed by 職員番号, the HR system's natural key. Leavers are deactivated, never deleted,
/// because their learning history is evidence the city must keep.
/// </summary>
public class Employee
{
    private Employee() { }

    public Employee(EmployeeProfile profile)
    {
        Validate(profile);
        EmployeeNumber = profile.EmployeeNumber.Trim();
        IsActive = true;
        Apply(profile);
    }

    public int Id { get; private set; }
    public string EmployeeNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Kana { get; private set; } = "";
    public string Email { get; private set; } = "";
    public int OrgUnitId { get; private set; }
    public OrgUnit OrgUnit { get; private set; } = null!;
    public int JobLevelId { get; private set; }
    public JobLevel JobLevel { get; private set; } = null!;
    public EmploymentType EmploymentType { get; private set; }

    /// <summary>任用期間終了日: set for 会計年度任用職員, whose learning deadlines may not run past it.</summary>
    public DateOnly? AppointmentEndDate { get; private set; }

    /// <summary>採用日, used by tenure rules such as "new hires within 30 days".</summary>
    public DateOnly? HiredOn { get; private set; }

    public bool IsActive { get; private set; }
    public DateTime? DeactivatedAtUtc { get; private set; }

    /// <summary>The sign-in account (ASP.NET Core Identity user id) of this employee.</summary>
    public string? UserId { get; private set; }

    public static void Validate(EmployeeProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (string.IsNullOrWhiteSpace(profile.EmployeeNumber))
        {
            throw new DomainException("職員番号が空です。");
        }
        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            throw new DomainException("氏名が空です。");
        }
        if (profile.EmploymentType == EmploymentType.FiscalYearAppointed && profile.AppointmentEndDate is null)
        {
            throw new DomainException("会計年度任用職員には任用期間終了日が必要です。");
        }
        if (profile.AppointmentEndDate is { } end && profile.HiredOn is { } hired && end < hired)
        {
            throw new DomainException("任用期間終了日が採用日より前になっています。");
        }
        if (!profile.OrgUnit.IsActive)
        {
            throw new DomainException($"所属「{profile.OrgUnit.Name}」は廃止されています。");
        }
    }

    /// <summary>Brings the employee in line with the HR system and says what changed.</summary>
    public EmployeeChanges UpdateFromRoster(EmployeeProfile profile)
    {
        Validate(profile);
        if (!string.Equals(profile.EmployeeNumber.Trim(), EmployeeNumber, StringComparison.Ordinal))
        {
            throw new DomainException("職員番号は変更できません。");
        }
        var changes = EmployeeChanges.None;
        if (Name != profile.Name.Trim() || Kana != profile.Kana.Trim()) changes |= EmployeeChanges.Name;
        if (!string.Equals(Email, profile.Email.Trim(), StringComparison.OrdinalIgnoreCase)) changes |= EmployeeChanges.Email;
        if (OrgUnitId != profile.OrgUnit.Id || (OrgUnitId == 0 && OrgUnit != profile.OrgUnit)) changes |= EmployeeChanges.OrgUnit;
        if (JobLevelId != profile.JobLevel.Id || (JobLevelId == 0 && JobLevel != profile.JobLevel)) changes |= EmployeeChanges.JobLevel;
        if (EmploymentType != profile.EmploymentType) changes |= EmployeeChanges.EmploymentType;
        if (AppointmentEndDate != profile.AppointmentEndDate) changes |= EmployeeChanges.AppointmentEnd;
        if (HiredOn != profile.HiredOn) changes |= EmployeeChanges.HiredOn;
        if (!IsActive)
        {
            changes |= EmployeeChanges.Reactivated;
            IsActive = true;
            DeactivatedAtUtc = null;
        }
        if (changes != EmployeeChanges.None)
        {
            Apply(profile);
        }
        return changes;
    }

    /// <summary>The person left the city's employment (or the roster no longer lists them).</summary>
    public bool Deactivate(DateTime nowUtc)
    {
        if (!IsActive)
        {
            return false;
        }
        IsActive = false;
        DeactivatedAtUtc = nowUtc;
        return true;
    }

    public void LinkAccount(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (UserId is not null && UserId != userId)
        {
            throw new DomainException($"職員番号 {EmployeeNumber} には既に別のアカウントが紐付いています。");
        }
        UserId = userId;
    }

    /// <summary>Set when the mail server refused the address permanently; shown to HR until the roster brings a new address.</summary>
    public string? EmailProblem { get; private set; }

    public DateTime? EmailProblemAtUtc { get; private set; }

    /// <summary>宛先不明: the server said the address does not exist (5xx). Reminders to it stop being sent.</summary>
    public void MarkEmailUndeliverable(string reason, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EmailProblem = reason.Length > 500 ? reason[..500] : reason;
        EmailProblemAtUtc = nowUtc;
    }

    private void Apply(EmployeeProfile profile)
    {
        Name = profile.Name.Trim();
        Kana = profile.Kana.Trim();
        if (!string.Equals(Email, profile.Email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            // A new address gets a fresh chance.
            EmailProblem = null;
            EmailProblemAtUtc = null;
        }
        Email = profile.Email.Trim();
        OrgUnit = profile.OrgUnit;
        OrgUnitId = profile.OrgUnit.Id;
        JobLevel = profile.JobLevel;
        JobLevelId = profile.JobLevel.Id;
        EmploymentType = profile.EmploymentType;
        AppointmentEndDate = profile.AppointmentEndDate;
        HiredOn = profile.HiredOn;
    }
}
