using System.Security.Cryptography;

namespace Meguro.Learning.Domain.Learning;

/// <summary>
/// 修了証. Issued once per enrollment when it is completed. The names and title are copied at issue
/// time because a certificate is a document: a later rename of the course or the person must not
/// change what was certified. Anyone signed in can check a code at /certificates/{code}.
/// </summary>
public class Certificate
{
    /// <summary>Crockford's Base32 without I, L, O, U: nothing a reader can mistake for another character.</summary>
    private const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int CodeLength = 12;

    private Certificate() { }

    private Certificate(Enrollment enrollment, string employeeName, int courseVersionId, string courseTitle, int versionNumber,
        long? attemptId, decimal? scorePercent, string code, DateTime issuedAtUtc, DateOnly? expiresOn)
    {
        EnrollmentId = enrollment.Id;
        Enrollment = enrollment;
        EmployeeId = enrollment.EmployeeId;
        CourseId = enrollment.CourseId;
        CourseVersionId = courseVersionId;
        EmployeeName = employeeName;
        CourseTitle = courseTitle;
        VersionNumber = versionNumber;
        AttemptId = attemptId;
        ScorePercent = scorePercent;
        Code = code;
        IssuedAtUtc = issuedAtUtc;
        ExpiresOn = expiresOn;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public int EnrollmentId { get; private set; }
    public Enrollment Enrollment { get; private set; } = null!;
    public int EmployeeId { get; private set; }
    public int CourseId { get; private set; }
    public int CourseVersionId { get; private set; }
    public string EmployeeName { get; private set; } = "";
    public string CourseTitle { get; private set; } = "";
    public int VersionNumber { get; private set; }
    public long? AttemptId { get; private set; }
    public decimal? ScorePercent { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }

    /// <summary>For a yearly course: the last day of the fiscal year the certificate is for.</summary>
    public DateOnly? ExpiresOn { get; private set; }

    public static Certificate Issue(Enrollment enrollment, string employeeName, int courseVersionId, string courseTitle, int versionNumber,
        Attempt? passedAttempt, DateTime nowUtc, DateOnly? expiresOn)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentException.ThrowIfNullOrWhiteSpace(employeeName);
        ArgumentException.ThrowIfNullOrWhiteSpace(courseTitle);
        if (enrollment.Status != EnrollmentStatus.Completed)
        {
            throw new DomainException("修了していないコースの修了証は発行できません。");
        }
        return new Certificate(enrollment, employeeName.Trim(), courseVersionId, courseTitle.Trim(), versionNumber,
            passedAttempt?.Id, passedAttempt?.ScorePercent, NewCode(), nowUtc, expiresOn);
    }

    public bool IsValidOn(DateOnly day) => ExpiresOn is not { } expires || day <= expires;

    /// <summary>A random code such as <c>7K2M-QX9D-T4HW</c> (60 bits: guessing one is hopeless).</summary>
    public static string NewCode()
    {
        Span<char> chars = stackalloc char[CodeLength];
        for (var i = 0; i < CodeLength; i++)
        {
            chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }
        return Format(chars);
    }

    /// <summary>
    /// The stored form of a code someone typed: upper case, hyphens and spaces ignored, and the
    /// look-alikes O→0, I/L→1 read as Crockford's Base32 does. Null when it cannot be a code.
    /// </summary>
    public static string? NormalizeCode(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        Span<char> chars = stackalloc char[CodeLength];
        var n = 0;
        foreach (var raw in typed.Trim())
        {
            if (raw is '-' or ' ' or '－' or '　')
            {
                continue;
            }
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (n == CodeLength || !CodeAlphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            chars[n++] = c;
        }
        return n == CodeLength ? Format(chars) : null;
    }

    private static string Format(ReadOnlySpan<char> chars) => $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
}
