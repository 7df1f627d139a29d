namespace Meguro.Learning.Domain.People;

/// <summary>The kinds of leave during which a person is not expected to study (and is not reminded).</summary>
public enum LeaveKind
{
    /// <summary>休職</summary>
    LeaveOfAbsence = 1,
    /// <summary>産休（産前・産後休暇）</summary>
    MaternityLeave = 2,
    /// <summary>育休（育児休業）</summary>
    ChildcareLeave = 3,
}

public static class LeaveKindNames
{
    public static string ToJapanese(this LeaveKind kind) => kind switch
    {
        LeaveKind.LeaveOfAbsence => "休職",
        LeaveKind.MaternityLeave => "産休",
        LeaveKind.ChildcareLeave => "育休",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseJapanese(string? text, out LeaveKind kind)
    {
        kind = default;
        switch (text?.Trim())
        {
            case "休職":
                kind = LeaveKind.LeaveOfAbsence; return true;
            case "産休":
            case "産前産後休暇":
            case "産前・産後休暇":
                kind = LeaveKind.MaternityLeave; return true;
            case "育休":
            case "育児休業":
                kind = LeaveKind.ChildcareLeave; return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// One leave, both ends inclusive. <see cref="End"/> is null while the return date is not known
/// (the person is still on leave): such a leave is only counted up to "today", see <see cref="LeaveHistory"/>.
/// </summary>
public sealed record LeavePeriod
{
    public LeavePeriod(LeaveKind kind, DateOnly start, DateOnly? end)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }
        if (end is { } last && last < start)
        {
            throw new DomainException($"{kind.ToJapanese()}の終了日 {last:yyyy-MM-dd} が開始日 {start:yyyy-MM-dd} より前になっています。");
        }
        Kind = kind;
        Start = start;
        End = end;
    }

    public LeaveKind Kind { get; }

    public DateOnly Start { get; }

    /// <summary>The last day of leave (inclusive), or null when the person has not come back yet.</summary>
    public DateOnly? End { get; }

    public bool Includes(DateOnly day) => day >= Start && (End is null || day <= End);
}
