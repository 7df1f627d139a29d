using Meguro.Learning.Content;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>A command run instead of the web server (<c>dotnet run -- import …</c>).</summary>
public interface IAppCommand
{
    Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken ct);
}

/// <summary>
/// <c>dotnet run --project src/Meguro.Learning.Web -- import courses [--content DIR]</c>: publishes every
/// changed folder of DIR/courses (default: the app's content/ folder) through the same
/// <see cref="CourseImporter"/> as the start-up import, prints one line per course and each problem
/// as <c>file:line: message</c>. Exit code 1 when any course could not be imported.
/// </summary>
public sealed record CourseImportCommand(string? ContentDirectory) : IAppCommand
{
    public const string Usage = "使い方: import courses [--content <contentフォルダ>]";

    public static (IAppCommand? Command, string? Error, string[] HostArgs) Parse(string[] args)
    {
        string? content = null;
        var hostArgs = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--content" || arg.StartsWith("--content=", StringComparison.Ordinal))
            {
                content = arg.Contains('=') ? arg[(arg.IndexOf('=') + 1)..] : (++i < args.Length ? args[i] : "");
                if (string.IsNullOrWhiteSpace(content))
                {
                    return (null, "--content にフォルダを指定してください。\n" + Usage, [.. hostArgs]);
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
                return (null, $"引数「{arg}」は使えません。\n" + Usage, [.. hostArgs]);
            }
        }
        return (new CourseImportCommand(content), null, [.. hostArgs]);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        string contentRoot;
        try
        {
            contentRoot = ContentOptions.Locate(
                ContentDirectory ?? provider.GetRequiredService<IOptions<ContentOptions>>().Value.Root,
                provider.GetRequiredService<IWebHostEnvironment>().ContentRootPath,
                AppContext.BaseDirectory);
        }
        catch (DirectoryNotFoundException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return 2;
        }
        var results = await provider.GetRequiredService<CourseImporter>()
            .ImportAllAsync(contentRoot, "コマンドライン:" + Environment.UserName, ct);
        foreach (var result in results)
        {
            await output.WriteLineAsync($"{Describe(result.Outcome),-6} {result.Slug}{(result.VersionNumber is { } n ? $"（公開中: 第{n}版）" : "")}");
            foreach (var issue in result.Issues)
            {
                await errors.WriteLineAsync(issue.ToString());
            }
        }
        await output.WriteLineAsync(
            $"コース {results.Count} 件: " + string.Join("、", Enum.GetValues<CourseImportOutcome>().Select(o => $"{Describe(o)} {results.Count(r => r.Outcome == o)}")));
        return results.Any(r => r.Outcome == CourseImportOutcome.Failed) ? 1 : 0;
    }

    public static string Describe(CourseImportOutcome outcome) => outcome switch
    {
        CourseImportOutcome.Created => "新規",
        CourseImportOutcome.NewVersion => "新しい版",
        CourseImportOutcome.Unchanged => "変更なし",
        _ => "失敗",
    };
}
