using System.Text;
using Meguro.Learning.Domain.Learning;

namespace Meguro.Learning.Web.Pages.Certificates;

/// <summary>The one way both certificate pages read a code that someone typed or followed.</summary>
public static class CertificateCodes
{
    /// <summary>
    /// The stored form (7K2M-QX9D-T4HW) or null. NFKC first, because a code typed with a Japanese
    /// IME often arrives in full-width letters and digits (７Ｋ２Ｍ…), which are the same code.
    /// </summary>
    public static string? Canonical(string? typed) =>
        typed is null ? null : Certificate.NormalizeCode(typed.Normalize(NormalizationForm.FormKC));

    public static string PathOf(string canonicalCode) => "/certificates/" + canonicalCode;
}
