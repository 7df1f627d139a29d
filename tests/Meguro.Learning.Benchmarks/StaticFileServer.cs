using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Goal 2's baseline: Kestrel with nothing but the static-file middleware, serving a saved copy of
/// the lesson page. Run as its own process (<c>serve-static DIR --urls URL</c>) on the server's core.
/// </summary>
public static class StaticFileServer
{
    public static async Task RunAsync(string directory, string[] hostArgs)
    {
        var builder = WebApplication.CreateSlimBuilder(hostArgs);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(directory)) });
        await app.RunAsync();
    }
}
