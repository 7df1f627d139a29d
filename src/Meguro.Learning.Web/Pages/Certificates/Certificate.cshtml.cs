using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Certificates;

/// <summary>
/// 修了証 at its verification URL. Anyone signed in may open it (the 60-bit code is the secret):
/// the owner prints it, anyone else — a manager, HR, a colleague — checks that it is genuine.
/// </summary>
public sealed class CertificateModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    public sealed record CertificateView(int EmployeeId, string Code, string EmployeeName, string CourseTitle, int VersionNumber,
        decimal? ScorePercent, DateTime IssuedAtUtc, DateOnly? ExpiresOn);

    public CertificateView? Certificate { get; private set; }
    public string RequestedCode { get; private set; } = "";
    public bool IsOwner { get; private set; }
    public bool Expired { get; private set; }
    public string VerificationUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        RequestedCode = code;
        var canonical = CertificateCodes.Canonical(code);
        if (canonical is not null && canonical != code)
        {
            return Redirect(CertificateCodes.PathOf(canonical));
        }
        Certificate = canonical is null ? null : await FindAsync(canonical, ct);
        if (Certificate is not { } found)
        {
            return NotFoundPage();
        }
        IsOwner = User.GetEmployeeId() == found.EmployeeId;
        Expired = found.ExpiresOn is { } end && Jst.Today(clock) > end;
        VerificationUrl = $"{Request.Scheme}://{Request.Host}{CertificateCodes.PathOf(found.Code)}";
        return Page();
    }

    private Task<CertificateView?> FindAsync(string code, CancellationToken ct) =>
        db.Certificates.AsNoTracking()
            .Where(c => c.Code == code)
            .Select(c => new CertificateView(c.EmployeeId, c.Code, c.EmployeeName, c.CourseTitle, c.VersionNumber, c.ScorePercent, c.IssuedAtUtc, c.ExpiresOn))
            .SingleOrDefaultAsync(ct);

    /// <summary>
    /// A 404 that says which code was not found, rather than the generic 「ページが見つかりません」:
    /// someone checking a printed certificate needs to know the code itself is unknown.
    /// </summary>
    private PageResult NotFoundPage()
    {
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
