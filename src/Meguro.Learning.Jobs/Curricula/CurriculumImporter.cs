using System.Security.Cryptography;
using System.Text;
using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Curricula;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Jobs.Curricula;

/// <summary>What an import of <c>content/curricula/</c> did.</summary>
public sealed record CurriculumImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<ContentIssue> Issues)
{
    public bool Succeeded => Issues.Count == 0;

    public bool Changed => Created + Updated > 0;

    public string Summary => $"新規 {Created} 件、更新 {Updated} 件、変更なし {Unchanged} 件";
}

/// <summary>
/// Copies <c>content/curricula/*.yml</c> into <see cref="CurriculumDefinition"/> rows. A stored
/// curriculum is overwritten only when its file changed since the last import (its hash), so HR's
/// browser edits survive restarts until someone edits the file. All or nothing: one malformed file
/// and nothing is written.
/// </summary>
public sealed class CurriculumImporter(LearningDbContext db, TimeProvider clock)
{
    public const string AuditAction = "カリキュラム取込";

    public async Task<CurriculumImportResult> ImportAsync(string contentRoot, string actor, CancellationToken cancellationToken)
    {
        var set = CurriculumCatalog.Load(contentRoot);
        if (!set.IsValid)
        {
            return new CurriculumImportResult(0, 0, 0, set.Issues);
        }
        var folder = Path.Combine(contentRoot, CurriculumCatalog.FolderName);
        var texts = Directory.GetFiles(folder, "*.yml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Zip(set.Curricula, (text, curriculum) => (curriculum.Id, Text: Normalize(text)))
            .ToList();
        var stored = await db.CurriculumDefinitions.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (code, text) in texts)
        {
            var hash = Hash(text);
            if (!stored.TryGetValue(code, out var definition))
            {
                db.CurriculumDefinitions.Add(new CurriculumDefinition(code, text, CurriculumOrigin.File, hash, actor, now));
                created++;
            }
            else if (definition.FileHash != hash)
            {
                definition.Update(text, CurriculumOrigin.File, hash, actor, now);
                updated++;
            }
            else
            {
                unchanged++;
            }
        }
        var result = new CurriculumImportResult(created, updated, unchanged, []);
        if (result.Changed)
        {
            db.AuditEntries.Add(new AuditEntry(now, actor, AuditAction, "content/curricula", result.Summary));
            await db.SaveChangesAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>Line endings and a BOM are not changes: the same file checked out on Windows hashes the same.</summary>
    public static string Normalize(string text) => text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text))));
}
