using System.Security.Claims;
using Meguro.Learning.Data;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Meguro.Learning.Web.Reports;

/// <summary>What the audit log and the file name say about an export: which report, with which filters.</summary>
/// <param name="Report">The report's name as people know it, e.g. 「全庁レポート」.</param>
/// <param name="FileName">The download's name without extension (ASCII, e.g. <c>city-report-2026-departments</c>).</param>
/// <param name="Filters">The filters in words, e.g. 「2026年度・カリキュラム: すべて」.</param>
public sealed record ReportExportRequest(string Report, string FileName, string Filters);

/// <summary>Either the file to send or, when the export was refused, why (a message for the page).</summary>
public sealed record ReportExportResult(IActionResult? File, ReportEncodingException? Refusal);

/// <summary>
/// Exports a <see cref="ReportTable"/> in a chosen format — the one way every report page (the city
/// report, the manager pages) hands out files. The file is written to a temporary file first, row by
/// row, and only sent once complete: a Shift_JIS export that meets a character CP932 lacks can then
/// still be refused with a readable message instead of a broken download, and the audit entry, with
/// the real row count, is saved before any personal data leaves the server. The temporary file is
/// deleted when the response has been sent (or the request aborted).
/// </summary>
public sealed class ReportExporter(LearningDbContext db, AuditLog audit)
{
    public const string AuditAction = "レポートを出力";

    /// <summary>Audited when the table holds personal data, and always for HR and administrators (their exports in general are).</summary>
    public static bool IsAudited(ClaimsPrincipal user, ReportTable table) =>
        table.ContainsPersonalData || OrgScope.SeesEverything(user);

    public async Task<ReportExportResult> ExportAsync(ClaimsPrincipal user, ReportTable table, ReportFormat format, ReportExportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.Combine(Path.GetTempPath(), $"meguro-report-{Guid.NewGuid():N}{format.Extension()}");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var rows = format == ReportFormat.Xlsx
                ? await ReportWriters.WriteXlsxAsync(table, file, cancellationToken)
                : await ReportWriters.WriteCsvAsync(table, file, format == ReportFormat.CsvShiftJis, cancellationToken);
            if (IsAudited(user, table))
            {
                audit.Record(user.Identity?.Name ?? "?", AuditAction, $"{request.Report}「{table.Caption}」",
                    $"{format.DisplayName()}・{request.Filters}・{rows}行{(table.ContainsPersonalData ? "・個人情報を含む" : "")}");
                await db.SaveChangesAsync(cancellationToken);
            }
            file.Position = 0;
            // FileStreamResult disposes the stream after sending, which deletes the temporary file.
            return new ReportExportResult(new FileStreamResult(file, format.ContentType()) { FileDownloadName = request.FileName + format.Extension() }, null);
        }
        catch (ReportEncodingException refused)
        {
            await file.DisposeAsync();
            return new ReportExportResult(null, refused);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
