using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meguro.Learning.Domain.Reminders;

/// <summary>Who a reminder step goes to.</summary>
public enum ReminderRecipient
{
    Learner = 1,
    /// <summary>The learner's 所属長, in a digest of their overdue staff.</summary>
    Manager = 2,
    /// <summary>The manager's own manager.</summary>
    ManagersManager = 3,
}

public enum ReminderStepKind
{
    /// <summary>14 business days before the due date.</summary>
    Before14 = 1,
    /// <summary>3 business days before the due date.</summary>
    Before3 = 2,
    /// <summary>On the due date.</summary>
    DueDay = 3,
    /// <summary>Week <see cref="ReminderStep.Week"/> of being overdue.</summary>
    Overdue = 4,
    /// <summary>7 days overdue: to the manager.</summary>
    EscalateManager = 5,
    /// <summary>30 days overdue: to the manager's manager.</summary>
    EscalateManagersManager = 6,
}

/// <summary>
/// One step of the reminder policy. <see cref="Key"/> is stable text (<c>before-14</c>, <c>before-3</c>,
/// <c>due</c>, <c>overdue-1</c>, <c>overdue-2</c>…, <c>escalate-1</c>, <c>escalate-2</c>) stored with the
/// enrollment under a unique key, which is what makes a step go out at most once even with several
/// app nodes: never change the text of an existing key.
/// </summary>
public sealed record ReminderStep
{
    public static readonly ReminderStep Before14 = new(ReminderStepKind.Before14, 0);
    public static readonly ReminderStep Before3 = new(ReminderStepKind.Before3, 0);
    public static readonly ReminderStep DueDay = new(ReminderStepKind.DueDay, 0);
    public static readonly ReminderStep EscalateManager = new(ReminderStepKind.EscalateManager, 0);
    public static readonly ReminderStep EscalateManagersManager = new(ReminderStepKind.EscalateManagersManager, 0);

    private const string OverduePrefix = "overdue-";

    private ReminderStep(ReminderStepKind kind, int week)
    {
        Kind = kind;
        Week = week;
    }

    /// <summary>Week <paramref name="week"/> (1, 2, …) of being overdue.</summary>
    public static ReminderStep Overdue(int week)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(week, 1);
        return new(ReminderStepKind.Overdue, week);
    }

    public ReminderStepKind Kind { get; }

    /// <summary>The overdue week for <see cref="ReminderStepKind.Overdue"/>; 0 for the other steps.</summary>
    public int Week { get; }

    public string Key => Kind switch
    {
        ReminderStepKind.Before14 => "before-14",
        ReminderStepKind.Before3 => "before-3",
        ReminderStepKind.DueDay => "due",
        ReminderStepKind.Overdue => OverduePrefix + Week.ToString(CultureInfo.InvariantCulture),
        ReminderStepKind.EscalateManager => "escalate-1",
        ReminderStepKind.EscalateManagersManager => "escalate-2",
        _ => throw new InvalidOperationException(),
    };

    public ReminderRecipient Recipient => Kind switch
    {
        ReminderStepKind.EscalateManager => ReminderRecipient.Manager,
        ReminderStepKind.EscalateManagersManager => ReminderRecipient.ManagersManager,
        _ => ReminderRecipient.Learner,
    };

    public static bool TryParse(string? key, [NotNullWhen(true)] out ReminderStep? step)
    {
        step = key switch
        {
            "before-14" => Before14,
            "before-3" => Before3,
            "due" => DueDay,
            "escalate-1" => EscalateManager,
            "escalate-2" => EscalateManagersManager,
            _ => null,
        };
        if (step is null
            && key is not null && key.StartsWith(OverduePrefix, StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(OverduePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            && week >= 1 && Overdue(week).Key == key)
        {
            step = Overdue(week);
        }
        return step is not null;
    }

    public override string ToString() => Key;
}

/// <summary>A step and the business day it is sent on.</summary>
public sealed record ScheduledReminder(ReminderStep Step, DateOnly SendOn);
