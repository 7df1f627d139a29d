using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Goal 2's baseline: Kestrel with nothing but the static-file middleware, serving a saved copy of
/// the lesson page. Run as its own process (<c>serve-static DIR --urls URL</c>) on the server's core,
/// with the benchmark project's JIT settings, which are the app's (ADR 0007): with the .NET defaults
/// it was measured part-way through its own tiering and served 8,000–9,600 requests/s instead of ~13,500.
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
