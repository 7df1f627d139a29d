using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Certificates;

/// <summary>修了証の照合: type the code printed on a certificate and go to its page.</summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Null when the form was not sent; empty when it was sent blank, which deserves a message.</summary>
    [BindProperty(SupportsGet = true, Name = "code")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Code { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (Code is null)
        {
            return Page();
        }
        if (CertificateCodes.Canonical(Code) is { } canonical)
        {
            return Redirect(CertificateCodes.PathOf(canonical));
        }
        Error = string.IsNullOrWhiteSpace(Code)
            ? "確認コードを入力してください。"
            : "確認コードは英数字12文字です（例: 7K2M-QX9D-T4HW）。入力を確かめてください。";
        return Page();
    }
}
