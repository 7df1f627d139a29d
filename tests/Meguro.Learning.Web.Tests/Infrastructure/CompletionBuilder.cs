using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>What <see cref="CompletionBuilder"/> wrote: enough for a test to find it on a page.</summary>
public sealed record CompletedCourse(int EnrollmentId, string CourseTitle, int VersionNumber, string? CertificateCode);

/// <summary>
/// A completed course with its skills evidence and 修了証, written straight into the database in the
/// shape the completion code and the scoring job leave them (every lesson marked done), so the pages
/// can be tested without clicking through lessons and quizzes. Defaults: completed now, the skills the
/// published version grants, no score, no expiry, a certificate.
/// <code>await Completion.Of(employeeId, "data-literacy").On(day).Grants("dssl.data.read", 2).SaveAsync(app.Services);</code>
/// </summary>
public sealed class CompletionBuilder
{
    private readonly int _employeeId;
    private readonly string _courseSlug;
    private readonly List<(string Code, int Level)> _skills = [];
    private DateTime _completedAtUtc = DateTime.UtcNow;
    private int _cycle;
    private DateOnly? _expiresOn;
    private decimal? _scorePercent;
    private bool _certificate = true;

    internal CompletionBuilder(int employeeId, string courseSlug)
    {
        _employeeId = employeeId;
        _courseSlug = courseSlug;
    }

    /// <summary>Completed at noon JST on <paramref name="day"/>.</summary>
    public CompletionBuilder On(DateOnly day)
    {
        _completedAtUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(12, 0)), Jst.Zone);
        return this;
    }

    /// <summary>Taken for a fiscal year, as a yearly course is; the evidence lasts until that year ends.</summary>
    public CompletionBuilder ForFiscalYear(int fiscalYear)
    {
        _cycle = fiscalYear;
        _expiresOn = Jst.FiscalYearEnd(fiscalYear);
        return this;
    }

    public CompletionBuilder ExpiringOn(DateOnly? day)
    {
        _expiresOn = day;
        return this;
    }

    /// <summary>Evidence for this skill at this level instead of the course's own list (call once per skill).</summary>
    public CompletionBuilder Grants(string skillCode, int level)
    {
        _skills.Add((skillCode, level));
        return this;
    }

    /// <summary>Completed through a passed quiz with this score, which the evidence and the certificate then carry.</summary>
    public CompletionBuilder WithScore(decimal percent)
    {
        _scorePercent = percent;
        return this;
    }

    public CompletionBuilder WithoutCertificate()
    {
        _certificate = false;
        return this;
    }

    public async Task<CompletedCourse> SaveAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var version = await db.CourseVersions
            .Where(v => v.Course.Slug == _courseSlug && v.Number == v.Course.PublishedVersionNumber)
            .Select(v => new
            {
                v.Id, v.CourseId, v.Title, v.Number,
                Lessons = v.Lessons.OrderBy(l => l.Number).Select(l => l.Slug).ToList(),
                Skills = v.Skills.Select(s => new { s.Skill.Code, s.Level }).ToList(),
            })
            .SingleAsync();
        var skills = _skills.Count > 0 ? _skills : version.Skills.Select(s => (s.Code, s.Level)).ToList();
        var codes = skills.Select(s => s.Code).ToList();
        var skillIds = await db.Skills.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id);
        var employee = await db.Employees.SingleAsync(e => e.Id == _employeeId);

        var enrollment = Enrollment.Assign(employee, version.CourseId, EnrollmentSource.HR, _cycle, _completedAtUtc.AddDays(-14), null);
        foreach (var lesson in version.Lessons)
        {
            enrollment.MarkLessonDone(lesson, _completedAtUtc.AddDays(-1));
        }
        db.Enrollments.Add(enrollment);
        // Saved first: the evidence cites the enrollment by id and has no navigation to fix it up.
        await db.SaveChangesAsync();
        var attempt = _scorePercent is { } percent ? await PassQuizAsync(db, enrollment, version.Id, percent) : null;
        enrollment.Complete(_completedAtUtc);
        foreach (var (code, level) in skills)
        {
            db.SkillRecords.Add(attempt is null
                ? SkillRecord.FromCompletion(enrollment, version.Id, skillIds[code], level, _completedAtUtc, _expiresOn)
                : SkillRecord.FromPassedAttempt(attempt, skillIds[code], level, _completedAtUtc, _expiresOn));
        }
        await db.SaveChangesAsync();
        Certificate? certificate = null;
        if (_certificate)
        {
            certificate = Certificate.Issue(enrollment, employee.Name, version.Id, version.Title, version.Number, attempt, _completedAtUtc, _expiresOn);
            db.Certificates.Add(certificate);
            await db.SaveChangesAsync();
        }
        return new CompletedCourse(enrollment.Id, version.Title, version.Number, certificate?.Code);
    }

    /// <summary>A submitted, scored and passed attempt (saved first: the evidence cites its id).</summary>
    private async Task<Attempt> PassQuizAsync(LearningDbContext db, Enrollment enrollment, int versionId, decimal percent)
    {
        var started = _completedAtUtc.AddMinutes(-20);
        var attempt = Attempt.Start(enrollment, versionId, 0, 0, "{}", started, null);
        db.Attempts.Add(attempt);
        attempt.Submit("{}", 1, _completedAtUtc.AddMinutes(-1));
        attempt.RecordScore(percent, 100, percent, passed: true, "{}", _completedAtUtc);
        await db.SaveChangesAsync();
        enrollment.RecordQuizPass(attempt.Id, _completedAtUtc);
        return attempt;
    }
}

public static class Completion
{
    public static CompletionBuilder Of(int employeeId, string courseSlug) => new(employeeId, courseSlug);
}
