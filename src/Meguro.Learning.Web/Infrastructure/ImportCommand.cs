using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Roster;
using Meguro.Learning.Web.Pages.Hr.Roster;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Meguro.Learning.Web -- import roster|org FILE [--encoding auto|utf-8|shift_jis] [--apply]</c>:
/// the HR upload for scripts and night batches. Without <c>--apply</c> it is a dry run. It goes
/// through the same <see cref="ImportRunner"/> as the upload page, stores the file as an import
/// batch (visible on /hr/roster) and writes the same audit entries. <c>import courses</c> is
/// <see cref="CourseImportCommand"/>.
/// </summary>
public sealed record ImportCommand(ImportKind Kind, string FilePath, CsvEncoding Encoding, bool Apply) : IAppCommand
{
    public const string Usage =
        "使い方: import roster|org <CSVファイル> [--encoding auto|utf-8|shift_jis] [--apply]\n" +
        "  roster  職員名簿CSV、org  組織（所属）CSV。--apply を付けない場合はドライラン（変更しません）。\n" +
        "       import courses [--content <contentフォルダ>]\n" +
        "  courses  content/courses のコースを検証し、変更のあったコースを新しい版として公開します。";

    /// <summary>
    /// Separates the command from the host's own arguments (<c>--urls</c>, <c>--Database:Provider=…</c>),
    /// which still go to ASP.NET Core configuration. Returns a null command for a normal start.
    /// </summary>
    public static (IAppCommand? Command, string? Error, string[] HostArgs) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "import")
        {
            return (null, null, args);
        }
        if (args.Length > 1 && args[1] == "courses")
        {
            return CourseImportCommand.Parse(args);
        }
        var positional = new List<string>();
        var hostArgs = new List<string>();
        var encoding = CsvEncoding.Auto;
        var apply = false;
        string? error = null;
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--apply")
            {
                apply = true;
            }
            else if (arg == "--encoding" || arg.StartsWith("--encoding=", StringComparison.Ordinal))
            {
                var value = arg.Contains('=') ? arg[(arg.IndexOf('=') + 1)..] : (++i < args.Length ? args[i] : "");
                encoding = value.ToLowerInvariant() switch
                {
                    "auto" => CsvEncoding.Auto,
                    "utf-8" or "utf8" => CsvEncoding.Utf8,
                    "shift_jis" or "sjis" or "cp932" => CsvEncoding.ShiftJis,
                    _ => CsvEncoding.Auto,
                };
                if (value.ToLowerInvariant() is not ("auto" or "utf-8" or "utf8" or "shift_jis" or "sjis" or "cp932"))
                {
                    error = $"文字コード「{value}」は指定できません（auto、utf-8、shift_jis のいずれか）。";
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                hostArgs.Add(arg);
                if (!arg.Contains('=') && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    hostArgs.Add(args[++i]);
                }
            }
            else
            {
                positional.Add(arg);
            }
        }
        if (positional.Count != 2)
        {
            return (null, error ?? "引数が足りないか多すぎます。\n" + Usage, [.. hostArgs]);
        }
        ImportKind? kind = positional[0] switch
        {
            "roster" => ImportKind.Roster,
            "org" => ImportKind.Organization,
            _ => null,
        };
        if (kind is null)
        {
            return (null, $"取込の種類「{positional[0]}」は不明です（roster または org）。\n" + Usage, [.. hostArgs]);
        }
        return error is null
            ? (new ImportCommand(kind.Value, positional[1], encoding, apply), null, [.. hostArgs])
            : (null, error, [.. hostArgs]);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (!File.Exists(FilePath))
        {
            await errors.WriteLineAsync($"ファイル「{FilePath}」が見つかりません。");
            return 2;
        }
        var content = await File.ReadAllBytesAsync(FilePath, ct);
        using var scope = services.CreateScope();
        var imports = scope.ServiceProvider.GetRequiredService<ImportRunner>();
        var actor = "コマンドライン:" + Environment.UserName;

        var (batch, outcome) = await imports.UploadAsync(Kind, FilePath, content, Encoding, actor, ct);
        if (outcome.IsValid && Apply)
        {
            outcome = await imports.ApplyAsync(batch, actor, ct);
        }
        if (!outcome.IsValid)
        {
            await errors.WriteLineAsync($"{Path.GetFileName(FilePath)}: {outcome.Summary} 何も変更していません。");
            foreach (var issue in outcome.Errors)
            {
                await errors.WriteLineAsync($"{Path.GetFileName(FilePath)}:{issue.Line}: {issue.Message}");
            }
            return 1;
        }
        await output.WriteLineAsync($"{(Apply ? "適用しました" : "ドライラン")}（{outcome.EncodingName}）: {outcome.Summary}");
        foreach (var section in outcome.Sections.Where(s => s.Rows.Count > 0))
        {
            await output.WriteLineAsync($"  {section.Title}: {section.Rows.Count} 件");
            foreach (var row in section.Rows.Take(20))
            {
                await output.WriteLineAsync($"    {row.Key} {row.Name} {row.Description}");
            }
            if (section.Rows.Count > 20)
            {
                await output.WriteLineAsync($"    …ほか {section.Rows.Count - 20} 件");
            }
        }
        if (!Apply)
        {
            await output.WriteLineAsync("ドライランのため何も変更していません。適用するには --apply を付けて実行してください。");
        }
        return 0;
    }
}
