using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>Identity reports errors in English by code; people here read Japanese.</summary>
public static class IdentityMessages
{
    public static string Describe(IdentityError error, IStringLocalizer l) => error.Code switch
    {
        "PasswordMismatch" => l["現在のパスワードが正しくありません。"],
        "PasswordTooShort" => l["パスワードは10文字以上にしてください。"],
        "PasswordRequiresDigit" => l["パスワードに数字を1文字以上含めてください。"],
        "PasswordRequiresLower" => l["パスワードに英小文字を1文字以上含めてください。"],
        "PasswordRequiresUpper" => l["パスワードに英大文字を1文字以上含めてください。"],
        "PasswordRequiresUniqueChars" => l["パスワードに使う文字の種類を増やしてください。"],
        "DuplicateUserName" => l["このユーザー名は既に使われています。"],
        _ => l["処理できませんでした（{0}）。", error.Code],
    };
}
