using Meguro.Learning.Domain.Calendar;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reminders;
using Meguro.Learning.Domain.Tests.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace Meguro.Learning.Domain.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    private static readonly BusinessCalendar Calendar = Holidays.Calendar();
    private static readonly ReminderSchedule Schedule = new(Calendar);

    private static DateOnly D(string date) => DateOnly.Parse(date);

    [Theory]
    // Due Friday 2026-05-22: 14 business days back crosses Golden Week (5/1 → 4/28).
    [InlineData("2026-05-22", "before-14", "2026-04-28")]
    [InlineData("2026-05-22", "before-3", "2026-05-19")]
    [InlineData("2026-05-22", "due", "2026-05-22")]
    [InlineData("2026-05-22", "overdue-1", "2026-05-29")]
    [InlineData("2026-05-22", "overdue-4", "2026-06-19")]
    [InlineData("2026-05-22", "escalate-1", "2026-05-29")]
    [InlineData("2026-05-22", "escalate-2", "2026-06-22")] // +30 = Sunday 6/21
    // Due on 春分の日 2027 (Sunday 3/21, 振替休日 3/22): the due-day reminder goes out the Friday before.
    [InlineData("2027-03-21", "due", "2027-03-19")]
    [InlineData("2027-03-21", "before-3", "2027-03-17")]
    [InlineData("2027-03-21", "overdue-1", "2027-03-29")]
    // Weekly overdue steps that land on a holiday move to the next business day.
    [InlineData("2026-04-22", "overdue-1", "2026-04-30")] // 4/29 昭和の日
    [InlineData("2026-04-22", "overdue-2", "2026-05-07")] // 5/6 振替休日
    [InlineData("2026-09-15", "overdue-1", "2026-09-24")] // 9/22 国民の休日 (and 9/23 秋分の日)
    [InlineData("2026-12-22", "overdue-1", "2027-01-04")] // 12/29 年末年始
    [InlineData("2026-12-22", "before-14", "2026-12-02")]
    [InlineData("2027-01-08", "before-3", "2027-01-05")] // 1/7, 1/6, 1/5
    [InlineData("2027-01-08", "before-14", "2026-12-15")] // skips 年末年始
    public void Send_dates_follow_the_business_day_calendar(string due, string key, string sendOn)
    {
        Assert.True(ReminderStep.TryParse(key, out var step));

        Assert.Equal(D(sendOn), Schedule.SendDate(step, D(due)));
    }

    [Theory]
    [InlineData("before-14")]
    [InlineData("before-3")]
    [InlineData("due")]
    [InlineData("overdue-1")]
    [InlineData("overdue-12")]
    [InlineData("escalate-1")]
    [InlineData("escalate-2")]
    public void Step_keys_are_stable_text_that_reads_back(string key)
    {
        Assert.True(ReminderStep.TryParse(key, out var step));
        Assert.Equal(key, step.Key);
    }

    [Theory]
    [InlineData("overdue-0")]
    [InlineData("overdue-01")]
    [InlineData("overdue-")]
    [InlineData("overdue-+1")]
    [InlineData("before-7")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_keys_do_not_parse(string? key) => Assert.False(ReminderStep.TryParse(key, out _));

    [Fact]
    public void Escalations_go_to_managers_and_the_rest_to_the_learner()
    {
        Assert.Equal(ReminderRecipient.Manager, ReminderStep.EscalateManager.Recipient);
        Assert.Equal(ReminderRecipient.ManagersManager, ReminderStep.EscalateManagersManager.Recipient);
        Assert.Equal(ReminderRecipient.Learner, ReminderStep.Overdue(3).Recipient);
        Assert.Equal(ReminderStep.Overdue(3), ReminderStep.Overdue(3));
    }

    public static TheoryData<string, string, string, string[], (string Date, string Key)[]> Runs => new()
    {
        {
            "every run happens: each step once, on its day",
            "2026-04-01", "2026-05-22", [],
            [
                ("2026-04-28", "before-14"), ("2026-05-19", "before-3"), ("2026-05-22", "due"),
                ("2026-05-29", "overdue-1"), ("2026-05-29", "escalate-1"), ("2026-06-05", "overdue-2"),
                ("2026-06-12", "overdue-3"), ("2026-06-19", "overdue-4"), ("2026-06-22", "escalate-2"),
                ("2026-06-26", "overdue-5"),
            ]
        },
        {
            "assigned two days before the due date: one before-3, no stale before-14",
            "2026-05-20", "2026-05-22", [],
            [("2026-05-20", "before-3"), ("2026-05-22", "due"), ("2026-05-29", "overdue-1"), ("2026-05-29", "escalate-1"),
             ("2026-06-05", "overdue-2"), ("2026-06-12", "overdue-3"), ("2026-06-19", "overdue-4"), ("2026-06-22", "escalate-2"),
             ("2026-06-26", "overdue-5")]
        },
        {
            "no runs from 5/18 to 5/28 (outage): the current overdue week only, before-3 and due are superseded",
            "2026-04-01", "2026-05-22", ["2026-05-18", "2026-05-19", "2026-05-20", "2026-05-21", "2026-05-22", "2026-05-25", "2026-05-26", "2026-05-27", "2026-05-28"],
            [("2026-04-28", "before-14"), ("2026-05-29", "overdue-1"), ("2026-05-29", "escalate-1"), ("2026-06-05", "overdue-2"),
             ("2026-06-12", "overdue-3"), ("2026-06-19", "overdue-4"), ("2026-06-22", "escalate-2"), ("2026-06-26", "overdue-5")]
        },
        {
            // Due Saturday 2025-12-20: overdue weeks 1 and 2 (12/27, 1/3) both fall in the closed days
            // 12/27–1/4; the first run after them (1/5) sends week 2 only. 1/10 is a Saturday and 1/12
            // 成人の日, so week 3 goes out on 1/13.
            "年末年始 and 成人の日: steps move to the next business day, weeks that collapse send once",
            "2025-11-20", "2025-12-20", [],
            [("2025-12-02", "before-14"), ("2025-12-17", "before-3"), ("2025-12-19", "due"),
             ("2026-01-05", "overdue-2"), ("2026-01-05", "escalate-1"), ("2026-01-13", "overdue-3"),
             ("2026-01-19", "overdue-4"), ("2026-01-19", "escalate-2"), ("2026-01-26", "overdue-5")]
        },
    };

    /// <summary>
    /// Drives "today" with a fake clock from the assignment day to 40 days after the due date: the job
    /// fires at 08:30 JST every day and sends on business days, twice per day as if two app nodes raced,
    /// and records what it sent as the unique (enrollment, step) key would.
    /// </summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public void Each_step_fires_once_across_consecutive_daily_runs(
        string because, string assignedOn, string due, string[] missedRuns, (string Date, string Key)[] expected)
    {
        var start = D(assignedOn);
        var until = D(due).AddDays(40);
        var time = new FakeTimeProvider(new DateTimeOffset(start.ToDateTime(new TimeOnly(8, 30)), TimeSpan.FromHours(9)));
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var log = new List<(string Date, string Key)>();

        for (var today = Jst.Today(time); today <= until; time.Advance(TimeSpan.FromDays(1)), today = Jst.Today(time))
        {
            if (!Calendar.IsBusinessDay(today))
            {
                Assert.Empty(Schedule.StepsToSend(D(due), today, sent, LeaveHistory.None));
                continue;
            }
            if (missedRuns.Contains(today.ToString("yyyy-MM-dd")))
            {
                continue;
            }
            foreach (var node in new[] { 1, 2 })
            {
                foreach (var step in Schedule.StepsToSend(D(due), today, sent, LeaveHistory.None))
                {
                    Assert.True(sent.Add(step.Key), $"{because}: {step.Key} sent twice ({today}, node {node})");
                    log.Add((today.ToString("yyyy-MM-dd"), step.Key));
                }
            }
        }

        Assert.Equal(expected, log);
    }

    [Fact]
    public void Nothing_goes_out_while_the_learner_is_on_leave_and_the_latest_step_follows_the_return()
    {
        var due = D("2026-05-22");
        var leave = new LeaveHistory([new LeavePeriod(LeaveKind.ChildcareLeave, D("2026-05-18"), D("2026-05-26"))]);
        var sent = new HashSet<string> { "before-14" };

        foreach (var day in new[] { "2026-05-18", "2026-05-19", "2026-05-22", "2026-05-26" })
        {
            Assert.Empty(Schedule.StepsToSend(due, D(day), sent, leave));
        }
        Assert.Equal([ReminderStep.DueDay], Schedule.StepsToSend(due, D("2026-05-27"), sent, leave));
    }

    [Fact]
    public void Open_ended_leave_silences_escalations_too()
    {
        var leave = new LeaveHistory([new LeavePeriod(LeaveKind.LeaveOfAbsence, D("2026-06-01"), null)]);

        Assert.Empty(Schedule.StepsToSend(D("2026-05-22"), D("2026-07-01"), new HashSet<string>(), leave));
    }

    [Fact]
    public void Both_escalations_go_out_when_a_late_run_finds_both_due()
    {
        var steps = Schedule.StepsToSend(D("2026-05-22"), D("2026-06-22"), new HashSet<string>(), LeaveHistory.None);

        Assert.Equal(["overdue-4", "escalate-1", "escalate-2"], steps.Select(s => s.Key));
    }

    [Fact]
    public void A_run_on_a_closed_day_sends_nothing()
    {
        Assert.Empty(Schedule.StepsToSend(D("2026-05-22"), D("2026-05-06"), new HashSet<string>(), LeaveHistory.None));
    }

    [Fact]
    public void Before_the_first_step_there_is_nothing_to_send()
    {
        Assert.Null(Schedule.LatestLearnerStep(D("2026-05-22"), D("2026-04-27")));
        Assert.Empty(Schedule.StepsToSend(D("2026-05-22"), D("2026-04-27"), new HashSet<string>(), LeaveHistory.None));
    }

    [Theory]
    [InlineData("2026-06-22")] // an ordinary Monday
    [InlineData("2026-05-07")] // the first business day after Golden Week
    [InlineData("2027-01-04")] // the first business day after 年末年始
    [InlineData("2026-05-06")] // a closed day: nothing is due for any due date
    public void Steps_due_by_due_date_name_exactly_what_each_due_date_would_be_sent(string run)
    {
        var runDate = D(run);
        var first = runDate.AddDays(-400);
        var last = runDate.AddDays(40);

        var ranges = Schedule.StepsDueByDueDate(first, last, runDate);

        for (var due = first; due <= last; due = due.AddDays(1))
        {
            var expected = Schedule.StepsToSend(due, runDate, new HashSet<string>(), LeaveHistory.None).Select(s => s.Key).Order(StringComparer.Ordinal);
            var named = ranges.Where(r => r.FirstDue <= due && due <= r.LastDue).Select(r => r.StepKey).Order(StringComparer.Ordinal);
            Assert.Equal(expected, named);
        }
        // One range per step: the query the reminder run builds from them stays small.
        Assert.Equal(ranges.Count, ranges.Select(r => r.StepKey).Distinct().Count());
    }

    [Fact]
    public void Steps_due_by_due_date_on_an_ordinary_day()
    {
        var ranges = Schedule.StepsDueByDueDate(D("2026-06-01"), D("2026-07-31"), D("2026-06-22"));

        // Monday 6/22. Each due date gets only its latest step whose send date has come: due 7/10 has
        // before-14 today (7/10 − 14 business days), due 6/25 before-3, due 6/16–6/22 the due-day one.
        Assert.Contains(new StepDueRange("before-14", D("2026-06-26"), D("2026-07-10")), ranges);
        Assert.Contains(new StepDueRange("before-3", D("2026-06-23"), D("2026-06-25")), ranges);
        Assert.Contains(new StepDueRange("due", D("2026-06-16"), D("2026-06-22")), ranges);
        Assert.Contains(new StepDueRange("overdue-1", D("2026-06-09"), D("2026-06-15")), ranges);
        Assert.Contains(new StepDueRange("escalate-1", D("2026-06-01"), D("2026-06-15")), ranges);
        Assert.DoesNotContain(ranges, r => r.StepKey.StartsWith("before", StringComparison.Ordinal) && r.LastDue > D("2026-07-10"));
        Assert.DoesNotContain(ranges, r => r.StepKey == "escalate-2");
    }

    [Fact]
    public void The_plan_lists_every_step_in_send_order()
    {
        var plan = Schedule.Plan(D("2026-05-22"), D("2026-06-12"));

        Assert.Equal(
            ["2026-04-28 before-14", "2026-05-19 before-3", "2026-05-22 due", "2026-05-29 overdue-1", "2026-05-29 escalate-1",
             "2026-06-05 overdue-2", "2026-06-12 overdue-3"],
            plan.Select(r => $"{r.SendOn:yyyy-MM-dd} {r.Step.Key}"));
    }
}
