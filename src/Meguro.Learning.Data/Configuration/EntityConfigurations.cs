using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Domain.Operations;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meguro.Learning.Data.Configuration;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.Property(x => x.Code).HasMaxLength(32).IsRequired();
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Path).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        // Subtree queries are "Path LIKE '/D01/%'": a plain index serves the prefix on both providers.
        b.HasIndex(x => x.Path);
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JobLevelConfiguration : IEntityTypeConfiguration<JobLevel>
{
    public void Configure(EntityTypeBuilder<JobLevel> b)
    {
        b.Property(x => x.Code).HasMaxLength(32).IsRequired();
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> b)
    {
        b.Property(x => x.EmployeeNumber).HasMaxLength(20).IsRequired();
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Kana).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.EmailProblem).HasMaxLength(500);
        b.Property(x => x.EmailProblemAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.HasIndex(x => x.EmployeeNumber).IsUnique();
        b.HasIndex(x => x.UserId).IsUnique();
        b.HasIndex(x => new { x.OrgUnitId, x.IsActive });
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.JobLevel).WithMany().HasForeignKey(x => x.JobLevelId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.EmploymentType).HasConversion<int>();
        b.Property(x => x.DeactivatedAtUtc).HasConversion(UtcConverters.NullableDateTime);
    }
}

internal sealed class ManagerAssignmentConfiguration : IEntityTypeConfiguration<ManagerAssignment>
{
    public void Configure(EntityTypeBuilder<ManagerAssignment> b)
    {
        b.HasIndex(x => new { x.EmployeeId, x.OrgUnitId }).IsUnique();
        b.HasOne(x => x.Employee).WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.Actor).HasMaxLength(256).IsRequired();
        b.Property(x => x.Action).HasMaxLength(100).IsRequired();
        b.Property(x => x.Target).HasMaxLength(400);
        b.Property(x => x.AtUtc).HasConversion(UtcConverters.DateTime);
        b.HasIndex(x => x.AtUtc);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.Property(x => x.Encoding).HasMaxLength(16);
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.UploadedAtUtc).HasConversion(UtcConverters.DateTime);
        b.Property(x => x.CompletedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.HasIndex(x => x.UploadedAtUtc);
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.HasKey(x => x.JobName);
        b.Property(x => x.JobName).HasMaxLength(100);
        b.Property(x => x.LastStartedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.LastSucceededAtUtc).HasConversion(UtcConverters.NullableDateTime);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(100);
        b.HasIndex(x => x.EmployeeId).IsUnique();
    }
}
