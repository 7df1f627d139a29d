using Meguro.Learning.Domain.Calendar;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Reminders;

/// <summary>
/// When the reminders about one enrollment go out. The reminder job runs at 08:30 JST on business
/// days; on each run it asks <see cref="StepsToSend"/> and records every step it sends under a unique
/// (enrollment, <see cref="ReminderStep.Key"/>) key, so a step goes out at most once.
/// <para>Send dates:</para>
/// <list type="bullet">
/// <item><c>before-14</c> / <c>before-3</c>: 14 / 3 <em>business</em> days before the due date, so the
/// learner always has that many working days left.</item>
/// <item><c>due</c>: the due date, or the last business day before it when it falls on a closed day
/// (a reminder the day after would already be late).</item>
/// <item><c>overdue-k</c>: <em>calendar</em> weeks after the due date (due + 7k days), so "weekly" stays on
/// one weekday; when that day is closed it goes out on the next business day.</item>
/// <item><c>escalate-1</c> / <c>escalate-2</c>: 7 / 30 calendar days after the due date (the next
/// business day if closed), to the manager and to the manager's manager.</item>
/// </list>
/// A run that did not happen (server down, or the step's day was closed) is caught up by the next run,
/// because a step is due from its send date on, not only on it.
/// </summary>
public sealed class ReminderSchedule(BusinessCalendar calendar)
{
    public const int FirstReminderBusinessDays = 14;
    public const int LastReminderBusinessDays = 3;
    public const int EscalateToManagerAfterDays = 7;
    public const int EscalateToManagersManagerAfterDays = 30;
    public const int OverdueIntervalDays = 7;

    public BusinessCalendar Calendar { get; } = calendar ?? throw new ArgumentNullException(nameof(calendar));

    public DateOnly SendDate(ReminderStep step, DateOnly dueDate)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Kind switch
        {
            ReminderStepKind.Before14 => Calendar.AddBusinessDays(dueDate, -FirstReminderBusinessDays),
            ReminderStepKind.Before3 => Calendar.AddBusinessDays(dueDate, -LastReminderBusinessDays),
            ReminderStepKind.DueDay => Calendar.PreviousBusinessDayOnOrBefore(dueDate),
            ReminderStepKind.Overdue => Calendar.NextBusinessDayOnOrAfter(dueDate.AddDays(OverdueIntervalDays * step.Week)),
            ReminderStepKind.EscalateManager => Calendar.NextBusinessDayOnOrAfter(dueDate.AddDays(EscalateToManagerAfterDays)),
            ReminderStepKind.EscalateManagersManager => Calendar.NextBusinessDayOnOrAfter(dueDate.AddDays(EscalateToManagersManagerAfterDays)),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>
    /// Every step with its send date up to <paramref name="through"/>, in send order (learner steps
    /// before escalations on the same day): what would go out if every run happened and nothing was
    /// superseded. For screens that show the reminder plan.
    /// </summary>
    public IReadOnlyList<ScheduledReminder> Plan(DateOnly dueDate, DateOnly through)
    {
        var steps = new List<ReminderStep> { ReminderStep.Before14, ReminderStep.Before3, ReminderStep.DueDay };
        for (var week = 1; dueDate.AddDays(OverdueIntervalDays * week) <= through; week++)
        {
            steps.Add(ReminderStep.Overdue(week));
        }
        steps.Add(ReminderStep.EscalateManager);
        steps.Add(ReminderStep.EscalateManagersManager);
        return [.. steps
            .Select(s => new ScheduledReminder(s, SendDate(s, dueDate)))
            .Where(r => r.SendOn <= through)
            .OrderBy(r => r.SendOn)
            .ThenBy(r => r.Step.Recipient)];
    }

    /// <summary>
    /// The steps to send on the run of <paramref name="runDate"/> for an enrollment that is due on
    /// <paramref name="dueDate"/> and not completed (or exempt — the caller leaves those out).
    /// <list type="bullet">
    /// <item>Nothing on a day that is not a business day, and nothing while the learner is on leave on
    /// <paramref name="runDate"/> (no escalation either: their manager knows about the leave). After the
    /// leave, what became due meanwhile follows the rules below.</item>
    /// <item>Learner steps: only the <em>latest</em> step whose send date has come, and only if it has not been
    /// sent. Earlier unsent steps are superseded, never sent late: someone assigned two days before the due
    /// date gets one <c>before-3</c> reminder, not <c>before-14</c> as well, and a run missed for a week sends
    /// the current overdue week, not the ones it missed.</item>
    /// <item>Escalations are to different people, so each is sent once its date has come, independently:
    /// after a long outage both may go out on the same run.</item>
    /// </list>
    /// </summary>
    /// <param name="alreadySent">Keys (<see cref="ReminderStep.Key"/>) already sent for this enrollment.</param>
    public IReadOnlyList<ReminderStep> StepsToSend(DateOnly dueDate, DateOnly runDate, IReadOnlyCollection<string> alreadySent, LeaveHistory leave)
    {
        ArgumentNullException.ThrowIfNull(alreadySent);
        ArgumentNullException.ThrowIfNull(leave);
        if (!Calendar.IsBusinessDay(runDate) || leave.IsOnLeave(runDate))
        {
            return [];
        }
        var toSend = new List<ReminderStep>();
        if (LatestLearnerStep(dueDate, runDate) is { } latest && !alreadySent.Contains(latest.Key))
        {
            toSend.Add(latest);
        }
        foreach (var escalation in new[] { ReminderStep.EscalateManager, ReminderStep.EscalateManagersManager })
        {
            if (SendDate(escalation, dueDate) <= runDate && !alreadySent.Contains(escalation.Key))
            {
                toSend.Add(escalation);
            }
        }
        return toSend;
    }

    /// <summary>
    /// For a run on <paramref name="runDate"/>: which step is due for which due dates between
    /// <paramref name="firstDue"/> and <paramref name="lastDue"/>, as ranges of due dates per step key.
    /// The steps due depend only on the due date, so an enrollment still has something to send exactly
    /// when its due date lies in a range whose step it has not been sent. The run selects those
    /// enrollments in one query instead of reading every open enrollment and what each was sent.
    /// Leave is not considered here: <see cref="StepsToSend"/> still decides for each selected enrollment.
    /// </summary>
    public IReadOnlyList<StepDueRange> StepsDueByDueDate(DateOnly firstDue, DateOnly lastDue, DateOnly runDate)
    {
        var ranges = new List<StepDueRange>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var due = firstDue; due <= lastDue; due = due.AddDays(1))
        {
            foreach (var step in StepsToSend(due, runDate, [], LeaveHistory.None))
            {
                if (open.TryGetValue(step.Key, out var index) && ranges[index].LastDue == due.AddDays(-1))
                {
                    ranges[index] = ranges[index] with { LastDue = due };
                }
                else
                {
                    open[step.Key] = ranges.Count;
                    ranges.Add(new StepDueRange(step.Key, due, due));
                }
            }
        }
        return ranges;
    }

    /// <summary>The last learner step whose send date is on or before <paramref name="runDate"/>, or null before the first.</summary>
    public ReminderStep? LatestLearnerStep(DateOnly dueDate, DateOnly runDate)
    {
        // A business-day run date on or after a nominal date is also on or after the business day the
        // step moves to, so the overdue week can be computed; the loop only guards non-business run dates.
        for (var week = (runDate.DayNumber - dueDate.DayNumber) / OverdueIntervalDays; week >= 1; week--)
        {
            var overdue = ReminderStep.Overdue(week);
            if (SendDate(overdue, dueDate) <= runDate)
            {
                return overdue;
            }
        }
        return new[] { ReminderStep.DueDay, ReminderStep.Before3, ReminderStep.Before14 }
            .FirstOrDefault(step => SendDate(step, dueDate) <= runDate);
    }
}

/// <summary>The step <see cref="StepKey"/> is due on a run for every due date from <see cref="FirstDue"/> to <see cref="LastDue"/>.</summary>
public sealed record StepDueRange(string StepKey, DateOnly FirstDue, DateOnly LastDue);
