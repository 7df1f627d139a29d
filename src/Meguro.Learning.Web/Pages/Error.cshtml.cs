using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Meguro.Learning.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code ?? 500);

    public void OnPost(int? code) => Describe(code ?? 500);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            404 => (l["ページが見つかりません"], l["お探しのページは見つかりませんでした。URLをご確認ください。"]),
            403 => (l["アクセスできません"], l["このページを表示する権限がありません。"]),
            400 => (l["リクエストを処理できません"], l["送信内容を確認できませんでした。画面を読み込み直してから、もう一度お試しください。"]),
            _ => (l["エラーが発生しました"], l["処理中にエラーが発生しました。時間をおいてもう一度お試しください。"]),
        };
    }
}
