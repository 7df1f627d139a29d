using System.Collections.Concurrent;
using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Jobs.Curricula;

/// <summary>
/// The display name of each stored curriculum, read from its YAML (the single source of a
/// curriculum), or its code when the file cannot be read. Reports show these on every view; parsing
/// every file each time cost more than the report's own queries, so a name is kept with the exact
/// YAML it came from and parsed again only when the file changes.
/// </summary>
public sealed class CurriculumNames(LearningDbContext db, AssignmentEngine engine, CurriculumNames.Cache cache)
{
    /// <summary>One per app: the last name parsed for each code, with the YAML it was parsed from.</summary>
    public sealed class Cache
    {
        internal ConcurrentDictionary<string, (string Yaml, string Name)> ByCode { get; } = new(StringComparer.Ordinal);
    }

    public async Task<Dictionary<string, string>> AllAsync(CancellationToken cancellationToken)
    {
        var definitions = await db.CurriculumDefinitions.AsNoTracking().Select(d => new { d.Code, d.Yaml }).ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        CurriculumReference? reference = null;
        foreach (var d in definitions)
        {
            if (cache.ByCode.TryGetValue(d.Code, out var known) && string.Equals(known.Yaml, d.Yaml, StringComparison.Ordinal))
            {
                names[d.Code] = known.Name;
                continue;
            }
            reference ??= await engine.ReferenceAsync(cancellationToken);
            var curriculum = CurriculumCatalog.ParseFile(d.Yaml, CurriculumCatalog.FileLabel(d.Code + ".yml"), reference).Curriculum;
            names[d.Code] = curriculum?.Name ?? d.Code;
            // A file that does not read now may read once a course it names is imported: not remembered.
            if (curriculum is not null)
            {
                cache.ByCode[d.Code] = (d.Yaml, curriculum.Name);
            }
        }
        return names;
    }
}
