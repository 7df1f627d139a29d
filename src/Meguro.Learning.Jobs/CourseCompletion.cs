using Meguro.Learning.Content.Quizzes;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Jobs;

/// <summary>
/// 修了の判定. One place decides when an enrollment is complete (every lesson of the published version
/// done, and the quiz passed if the course has one) and what completion brings: the 修了証, and for a
/// course without a quiz the skills it grants. The lesson page and the scoring job both call it, so
/// whichever happens last completes the course. Changes are added to <see cref="LearningDbContext"/>;
/// the caller saves them in its own transaction.
/// </summary>
public sealed class CourseCompletion(LearningDbContext db)
{
    /// <summary>The certificate when this call completed the enrollment; null when it is not (yet, or already) complete.</summary>
    public async Task<Certificate?> TryCompleteAsync(Enrollment enrollment, Attempt? passedAttempt, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            return null;
        }
        var version = await db.CourseVersions
            .Where(v => v.CourseId == enrollment.CourseId && v.Number == v.Course.PublishedVersionNumber)
            .Select(v => new
            {
                v.Id,
                v.Title,
                v.Number,
                Lessons = v.Lessons.Select(l => l.Slug).ToList(),
                HasQuiz = v.Files.Any(f => f.Path == QuizMarkdownParser.FileName || f.Path == GiftParser.FileName),
                Skills = v.Skills.Select(s => new { s.SkillId, s.Level }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }
        if (!enrollment.TryComplete(version.Lessons, version.HasQuiz || enrollment.QuizPassedAtUtc is not null, nowUtc))
        {
            return null;
        }
        var expiresOn = ExpiryFor(enrollment);
        if (!version.HasQuiz && enrollment.QuizPassedAtUtc is null)
        {
            foreach (var skill in version.Skills)
            {
                db.SkillRecords.Add(SkillRecord.FromCompletion(enrollment, version.Id, skill.SkillId, skill.Level, nowUtc, expiresOn));
            }
        }
        if (passedAttempt is null && enrollment.PassedAttemptId is { } passedId)
        {
            passedAttempt = await db.Attempts.SingleOrDefaultAsync(a => a.Id == passedId, cancellationToken);
        }
        var name = await db.Employees.Where(e => e.Id == enrollment.EmployeeId).Select(e => e.Name).SingleAsync(cancellationToken);
        var certificate = Certificate.Issue(enrollment, name, version.Id, version.Title, version.Number, passedAttempt, nowUtc, expiresOn);
        db.Certificates.Add(certificate);
        return certificate;
    }

    /// <summary>Evidence from a yearly course counts until the end of the fiscal year it was taken for.</summary>
    public static DateOnly? ExpiryFor(Enrollment enrollment) =>
        enrollment.Cycle > 0 ? Jst.FiscalYearEnd(enrollment.Cycle) : null;
}
