using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meguro.Learning.Data.Configuration;

internal sealed class SkillCategoryConfiguration : IEntityTypeConfiguration<SkillCategory>
{
    public void Configure(EntityTypeBuilder<SkillCategory> b)
    {
        b.Property(x => x.Code).HasMaxLength(100).IsRequired();
        b.Property(x => x.FrameworkCode).HasMaxLength(50).IsRequired();
        b.Property(x => x.FrameworkName).HasMaxLength(200).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> b)
    {
        b.Property(x => x.Code).HasMaxLength(100).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SkillLevelConfiguration : IEntityTypeConfiguration<SkillLevel>
{
    public void Configure(EntityTypeBuilder<SkillLevel> b)
    {
        b.HasKey(x => x.Level);
        b.Property(x => x.Level).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Description).HasMaxLength(2000);
    }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.Property(x => x.Slug).HasMaxLength(100).IsRequired();
        b.Property(x => x.CreatedAtUtc).HasConversion(UtcConverters.DateTime);
        b.HasIndex(x => x.Slug).IsUnique();
        b.HasMany(x => x.Versions).WithOne(x => x.Course).HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(x => x.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.IsPublished);
    }
}

internal sealed class CourseVersionConfiguration : IEntityTypeConfiguration<CourseVersion>
{
    public void Configure(EntityTypeBuilder<CourseVersion> b)
    {
        b.Property(x => x.ContentHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(x => x.Title).HasMaxLength(200).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(2000);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.VersionNotes).HasMaxLength(2000);
        b.Property(x => x.PublishedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.Origin).HasConversion<int>();
        b.Property(x => x.PublishedAtUtc).HasConversion(UtcConverters.DateTime);
        // Unique (course, number): two app nodes importing the same change at once cannot both win.
        b.HasIndex(x => new { x.CourseId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.CourseId, x.ContentHash });
        b.HasMany(x => x.Skills).WithOne(x => x.CourseVersion).HasForeignKey(x => x.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Lessons).WithOne(x => x.CourseVersion).HasForeignKey(x => x.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Media).WithOne(x => x.CourseVersion).HasForeignKey(x => x.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Files).WithOne(x => x.CourseVersion).HasForeignKey(x => x.CourseVersionId).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(CourseVersion.Skills), nameof(CourseVersion.Lessons), nameof(CourseVersion.Media), nameof(CourseVersion.Files) })
        {
            b.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}

internal sealed class CourseVersionSkillConfiguration : IEntityTypeConfiguration<CourseVersionSkill>
{
    public void Configure(EntityTypeBuilder<CourseVersionSkill> b)
    {
        b.HasIndex(x => new { x.CourseVersionId, x.SkillId }).IsUnique();
        b.HasOne(x => x.Skill).WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    // Japanese heading text is stored as is, not as \uXXXX escapes: the column stays readable in SQL.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public void Configure(EntityTypeBuilder<Lesson> b)
    {
        b.Property(x => x.Slug).HasMaxLength(100).IsRequired();
        b.Property(x => x.Title).HasMaxLength(200).IsRequired();
        b.Property(x => x.Markdown).IsRequired();
        b.Property(x => x.Html).IsRequired();
        // The table of contents is only ever read whole with its lesson, so one JSON text column
        // ([{"level":2,"id":"…","text":"…"}]) is simpler than a table and the same on both providers.
        b.Property(x => x.Headings)
            .HasColumnName("HeadingsJson")
            .HasConversion(new ValueConverter<IReadOnlyList<LessonHeading>, string>(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<LessonHeading>>(v, Json) ?? new List<LessonHeading>()))
            .Metadata.SetValueComparer(new ValueComparer<IReadOnlyList<LessonHeading>>(
                (a, c) => a!.SequenceEqual(c!),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.GetHashCode())),
                v => v.ToList()));
        b.HasIndex(x => new { x.CourseVersionId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.CourseVersionId, x.Slug }).IsUnique();
    }
}

internal sealed class MediaBlobConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> b)
    {
        b.HasKey(x => x.Sha256);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        b.Property(x => x.Bytes).IsRequired();
    }
}

internal sealed class CourseVersionMediaConfiguration : IEntityTypeConfiguration<CourseVersionMedia>
{
    public void Configure(EntityTypeBuilder<CourseVersionMedia> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.HasIndex(x => new { x.CourseVersionId, x.FileName }).IsUnique();
        b.HasOne(x => x.Blob).WithMany().HasForeignKey(x => x.Sha256).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseVersionFileConfiguration : IEntityTypeConfiguration<CourseVersionFile>
{
    public void Configure(EntityTypeBuilder<CourseVersionFile> b)
    {
        b.Property(x => x.Path).HasMaxLength(200).IsRequired();
        b.Property(x => x.Text).IsRequired();
        b.HasIndex(x => new { x.CourseVersionId, x.Path }).IsUnique();
    }
}

internal sealed class CourseDraftConfiguration : IEntityTypeConfiguration<CourseDraft>
{
    public void Configure(EntityTypeBuilder<CourseDraft> b)
    {
        b.Property(x => x.Slug).HasMaxLength(100).IsRequired();
        // One draft per course (and per slug of a course not yet published).
        b.HasIndex(x => x.Slug).IsUnique();
        b.HasOne(x => x.Course).WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
        // Every save raises Revision; EF checks it in the UPDATE, so two saves of the same revision cannot both win.
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.UpdatedAtUtc).HasConversion(UtcConverters.DateTime);
        b.HasMany(x => x.Files).WithOne(x => x.Draft).HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Media).WithOne(x => x.Draft).HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Media).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CourseDraftFileConfiguration : IEntityTypeConfiguration<CourseDraftFile>
{
    public void Configure(EntityTypeBuilder<CourseDraftFile> b)
    {
        b.Property(x => x.Path).HasMaxLength(200).IsRequired();
        b.Property(x => x.Text).IsRequired();
        b.HasIndex(x => new { x.DraftId, x.Path }).IsUnique();
    }
}

internal sealed class CourseDraftMediaConfiguration : IEntityTypeConfiguration<CourseDraftMedia>
{
    public void Configure(EntityTypeBuilder<CourseDraftMedia> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.HasIndex(x => new { x.DraftId, x.FileName }).IsUnique();
        b.HasOne(x => x.Blob).WithMany().HasForeignKey(x => x.Sha256).OnDelete(DeleteBehavior.Restrict);
    }
}
