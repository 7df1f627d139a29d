using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Domain.Operations;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reminders;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Domain.Skills;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Data;

/// <summary>
/// The application database. One subclass per provider (<see cref="SqliteLearningDbContext"/>,
/// <see cref="PostgresLearningDbContext"/>) so each keeps its own migrations; code depends on this base.
/// </summary>
public abstract class LearningDbContext : IdentityDbContext<AppUser>
{
    protected LearningDbContext(DbContextOptions options) : base(options) { }

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<JobLevel> JobLevels => Set<JobLevel>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<ManagerAssignment> ManagerAssignments => Set<ManagerAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<SkillCategory> SkillCategories => Set<SkillCategory>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<SkillLevel> SkillLevels => Set<SkillLevel>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseVersion> CourseVersions => Set<CourseVersion>();
    public DbSet<CourseVersionSkill> CourseVersionSkills => Set<CourseVersionSkill>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<MediaBlob> MediaBlobs => Set<MediaBlob>();
    public DbSet<CourseVersionMedia> CourseVersionMedia => Set<CourseVersionMedia>();
    public DbSet<CourseVersionFile> CourseVersionFiles => Set<CourseVersionFile>();
    public DbSet<CourseDraft> CourseDrafts => Set<CourseDraft>();
    public DbSet<CourseDraftFile> CourseDraftFiles => Set<CourseDraftFile>();
    public DbSet<CourseDraftMedia> CourseDraftMedia => Set<CourseDraftMedia>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<LessonProgress> LessonProgress => Set<LessonProgress>();
    public DbSet<Attempt> Attempts => Set<Attempt>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<SkillRecord> SkillRecords => Set<SkillRecord>();
    public DbSet<CurriculumDefinition> CurriculumDefinitions => Set<CurriculumDefinition>();
    public DbSet<EmployeeLeave> EmployeeLeaves => Set<EmployeeLeave>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<MailTemplate> MailTemplates => Set<MailTemplate>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ProgressSummary> ProgressSummaries => Set<ProgressSummary>();
    public DbSet<OrgUnitProgressSummary> OrgUnitProgressSummaries => Set<OrgUnitProgressSummary>();
    public DbSet<ProgressRollup> ProgressRollups => Set<ProgressRollup>();
    public DbSet<CompletionMonthCount> CompletionMonthCounts => Set<CompletionMonthCount>();
    public DbSet<EmployeeSkillLevel> EmployeeSkillLevels => Set<EmployeeSkillLevel>();
    public DbSet<SkillTarget> SkillTargets => Set<SkillTarget>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LearningDbContext).Assembly);
    }
}

public sealed class SqliteLearningDbContext(DbContextOptions<SqliteLearningDbContext> options) : LearningDbContext(options);

public sealed class PostgresLearningDbContext(DbContextOptions<PostgresLearningDbContext> options) : LearningDbContext(options);
