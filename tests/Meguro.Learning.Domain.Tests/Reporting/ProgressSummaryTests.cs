using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;

namespace Meguro.Learning.Domain.Tests.Reporting;

public class ProgressSummaryTests
{
    private static readonly SummaryEmployee Hanako = new(7, 30, 2, EmploymentType.Regular);

    /// <summary>Noon JST of a day, as stored (UTC).</summary>
    private static DateTime Jst(int year, int month, int day) => new DateTime(year, month, day, 3, 0, 0, DateTimeKind.Utc);

    private static SummaryEnrollment Open(string code, int cycle, DateTime assigned, DateOnly? due) =>
        new(code, cycle, EnrollmentStatus.Active, assigned, null, due);

    private static SummaryEnrollment Done(string code, int cycle, DateTime assigned, DateTime completed) =>
        new(code, cycle, EnrollmentStatus.Completed, assigned, completed, null);

    [Fact]
    public void A_yearly_course_counts_only_in_its_own_fiscal_year()
    {
        var rows = ProgressSummary.For(Hanako, [Done("all", 2025, Jst(2025, 4, 10), Jst(2025, 6, 1)), Open("all", 2026, Jst(2026, 4, 10), new DateOnly(2027, 3, 31))], 2026);

        Assert.Collection(rows,
            r => { Assert.Equal(2025, r.FiscalYear); Assert.Equal((1, 1), (r.RequiredCount, r.CompletedCount)); Assert.Equal(new DateOnly(2025, 6, 1), r.CompletedOn); },
            r => { Assert.Equal(2026, r.FiscalYear); Assert.Equal((1, 0), (r.RequiredCount, r.CompletedCount)); Assert.Null(r.CompletedOn); Assert.Equal(new DateOnly(2027, 3, 31), r.EarliestOpenDueDate); });
    }

    [Fact]
    public void A_one_off_course_counts_from_its_assignment_year_to_now_and_is_complete_only_in_years_ending_after_completion()
    {
        // Assigned in FY2024, completed in FY2025: FY2024 shows it open, FY2025 and FY2026 complete.
        var rows = ProgressSummary.For(Hanako, [Done("all", 0, Jst(2025, 2, 1), Jst(2025, 5, 20))], 2026);

        Assert.Equal([2024, 2025, 2026], rows.Select(r => r.FiscalYear));
        Assert.Equal([0, 1, 1], rows.Select(r => r.CompletedCount));
        Assert.All(rows, r => Assert.Equal(1, r.RequiredCount));
        Assert.Null(rows[0].CompletedOn);
        Assert.Equal(new DateOnly(2025, 5, 20), rows[2].CompletedOn);
    }

    [Fact]
    public void Not_required_and_exempt_courses_are_left_out_and_the_earliest_open_due_date_is_kept()
    {
        var rows = ProgressSummary.For(Hanako,
        [
            Open("all", 0, Jst(2026, 4, 10), new DateOnly(2026, 6, 30)),
            Open("all", 0, Jst(2026, 4, 10), new DateOnly(2026, 5, 31)),
            new SummaryEnrollment("all", 0, EnrollmentStatus.NotRequired, Jst(2026, 4, 10), null, new DateOnly(2026, 4, 30)),
            new SummaryEnrollment("all", 0, EnrollmentStatus.Exempt, Jst(2026, 4, 10), null, new DateOnly(2026, 4, 20)),
            Done("all", 0, Jst(2026, 4, 10), Jst(2026, 5, 1)),
        ], 2026);

        var row = Assert.Single(rows);
        Assert.Equal((3, 1), (row.RequiredCount, row.CompletedCount));
        Assert.Equal(new DateOnly(2026, 5, 31), row.EarliestOpenDueDate);
        Assert.True(row.IsOverdueOn(new DateOnly(2026, 6, 1)));
        Assert.False(row.IsOverdueOn(new DateOnly(2026, 5, 31)));
        Assert.False(row.IsComplete);
    }

    [Fact]
    public void Completion_day_is_the_jst_day_of_the_last_completion()
    {
        // 2026-05-31 16:00 UTC is already 1 June in Tokyo.
        var rows = ProgressSummary.For(Hanako,
        [
            Done("leaders", 0, Jst(2026, 4, 10), new DateTime(2026, 5, 31, 16, 0, 0, DateTimeKind.Utc)),
            Done("leaders", 0, Jst(2026, 4, 10), Jst(2026, 4, 20)),
        ], 2026);

        var row = Assert.Single(rows);
        Assert.True(row.IsComplete);
        Assert.Equal(new DateOnly(2026, 6, 1), row.CompletedOn);
        Assert.Equal((30, 2, EmploymentType.Regular), (row.OrgUnitId, row.JobLevelId, row.EmploymentType));
    }

    [Fact]
    public void Copying_figures_reports_a_change_only_when_there_is_one()
    {
        var stored = ProgressSummary.For(Hanako, [Open("all", 0, Jst(2026, 4, 10), new DateOnly(2026, 6, 30))], 2026)[0];
        var same = ProgressSummary.For(Hanako, [Open("all", 0, Jst(2026, 4, 10), new DateOnly(2026, 6, 30))], 2026)[0];
        var moved = ProgressSummary.For(Hanako with { OrgUnitId = 31 }, [Done("all", 0, Jst(2026, 4, 10), Jst(2026, 5, 1))], 2026)[0];

        Assert.False(stored.CopyFiguresFrom(same));
        Assert.True(stored.CopyFiguresFrom(moved));
        Assert.Equal((31, 1, new DateOnly(2026, 5, 1)), (stored.OrgUnitId, stored.CompletedCount, stored.CompletedOn));
        var otherYear = ProgressSummary.For(Hanako, [Open("all", 2027, Jst(2027, 4, 10), null)], 2027)[0];
        Assert.Throws<InvalidOperationException>(() => stored.CopyFiguresFrom(otherYear));
    }

    [Fact]
    public void A_file_target_never_overrides_one_hr_set()
    {
        var target = new SkillTarget(1, 2, 2, SkillTargetOrigin.File, "content", DateTime.UtcNow);
        Assert.True(target.Change(3, SkillTargetOrigin.HR, "hr", DateTime.UtcNow));
        Assert.False(target.Change(1, SkillTargetOrigin.File, "content", DateTime.UtcNow));
        Assert.Equal(3, target.TargetLevel);
        Assert.Throws<DomainException>(() => target.Change(5, SkillTargetOrigin.HR, "hr", DateTime.UtcNow));
        Assert.Equal(2, SkillTarget.Gap(1, 3));
        Assert.Equal(3, SkillTarget.Gap(null, 3));
        Assert.Equal(0, SkillTarget.Gap(4, 3));
    }
}
