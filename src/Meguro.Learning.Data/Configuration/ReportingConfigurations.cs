using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meguro.Learning.Data.Configuration;

internal sealed class ProgressSummaryConfiguration : IEntityTypeConfiguration<ProgressSummary>
{
    public void Configure(EntityTypeBuilder<ProgressSummary> b)
    {
        b.Property(x => x.CurriculumCode).HasMaxLength(100).IsRequired();
        b.Property(x => x.EmploymentType).HasConversion<int>();
        b.Ignore(x => x.IsComplete);
        b.HasIndex(x => new { x.EmployeeId, x.CurriculumCode, x.FiscalYear }).IsUnique();
        // The report queries: a year's rows by unit (manager overview, 部/課 report), by job level and
        // employment type (city report), and the overdue people of a year.
        b.HasIndex(x => new { x.FiscalYear, x.OrgUnitId, x.CurriculumCode });
        b.HasIndex(x => new { x.FiscalYear, x.JobLevelId, x.EmploymentType });
        b.HasIndex(x => new { x.FiscalYear, x.EarliestOpenDueDate });
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<JobLevel>().WithMany().HasForeignKey(x => x.JobLevelId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrgUnitProgressSummaryConfiguration : IEntityTypeConfiguration<OrgUnitProgressSummary>
{
    public void Configure(EntityTypeBuilder<OrgUnitProgressSummary> b)
    {
        b.Property(x => x.CurriculumCode).HasMaxLength(100).IsRequired();
        b.HasIndex(x => new { x.FiscalYear, x.OrgUnitId, x.CurriculumCode }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgressRollupConfiguration : IEntityTypeConfiguration<ProgressRollup>
{
    public void Configure(EntityTypeBuilder<ProgressRollup> b)
    {
        // Not required-non-empty: "" is the row over all curricula together.
        b.Property(x => x.CurriculumCode).HasMaxLength(100).IsRequired();
        b.Property(x => x.EmploymentType).HasConversion<int>();
        b.Ignore(x => x.IsAllCurricula);
        // The city report reads one year's rows; the refresh reads and replaces one unit's rows of a year.
        b.HasIndex(x => new { x.FiscalYear, x.OrgUnitId, x.CurriculumCode, x.JobLevelId, x.EmploymentType }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<JobLevel>().WithMany().HasForeignKey(x => x.JobLevelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompletionMonthCountConfiguration : IEntityTypeConfiguration<CompletionMonthCount>
{
    public void Configure(EntityTypeBuilder<CompletionMonthCount> b)
    {
        b.Property(x => x.CurriculumCode).HasMaxLength(100).IsRequired();
        b.HasIndex(x => new { x.FiscalYear, x.OrgUnitId, x.CurriculumCode, x.CompletedMonth }).IsUnique();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmployeeSkillLevelConfiguration : IEntityTypeConfiguration<EmployeeSkillLevel>
{
    public void Configure(EntityTypeBuilder<EmployeeSkillLevel> b)
    {
        b.HasIndex(x => new { x.EmployeeId, x.SkillId }).IsUnique();
        b.HasIndex(x => new { x.SkillId, x.Level });
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SkillTargetConfiguration : IEntityTypeConfiguration<SkillTarget>
{
    public void Configure(EntityTypeBuilder<SkillTarget> b)
    {
        b.HasIndex(x => new { x.JobLevelId, x.SkillId }).IsUnique();
        b.Property(x => x.Origin).HasConversion<int>();
        b.Property(x => x.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.UpdatedAtUtc).HasConversion(UtcConverters.DateTime);
        b.HasOne<JobLevel>().WithMany().HasForeignKey(x => x.JobLevelId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Skill>().WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}
