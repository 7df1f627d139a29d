using System.Collections.Concurrent;
using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Content.Quizzes;

/// <summary>
/// The quiz of a published course version. A version never changes once published, so its parsed
/// quiz is cached for the life of the process: the scoring job and the quiz pages parse each
/// version once, not per request.
/// </summary>
public sealed class QuizCatalog(CourseParser parser)
{
    private readonly ConcurrentDictionary<int, QuizDefinition?> _byVersion = new();

    /// <summary>The quiz of version <paramref name="courseVersionId"/>, or null when the course has none.</summary>
    public async Task<QuizDefinition?> ForVersionAsync(LearningDbContext db, int courseVersionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_byVersion.TryGetValue(courseVersionId, out var cached))
        {
            return cached;
        }
        var version = await db.CourseVersions.AsNoTracking()
            .Where(v => v.Id == courseVersionId)
            .Select(v => new { v.Number, v.Course.Slug })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Course version {courseVersionId} does not exist.");
        var files = await db.CourseVersionFiles.AsNoTracking()
            .Where(f => f.CourseVersionId == courseVersionId)
            .ToDictionaryAsync(f => f.Path, f => f.Text, StringComparer.Ordinal, cancellationToken);
        var media = await db.CourseVersionMedia.AsNoTracking()
            .Where(m => m.CourseVersionId == courseVersionId)
            .Select(m => m.FileName)
            .ToListAsync(cancellationToken);
        var parsed = parser.ParseQuiz(version.Slug, version.Number, files, media);
        if (parsed is not null && !parsed.IsValid)
        {
            // Publication refuses a malformed quiz, so this means the stored files were changed by hand.
            var first = parsed.Issues.FirstOrDefault();
            throw new InvalidOperationException($"The stored quiz of course version {courseVersionId} does not parse: {first?.File}:{first?.Line} {first?.Message}");
        }
        var definition = parsed?.Definition;
        _byVersion.TryAdd(courseVersionId, definition);
        return definition;
    }
}
