using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database. Settings go in exactly as an operator would set them
/// (Database:Provider, ConnectionStrings:Default, …), so the tests exercise the composition root too.
/// </summary>
public sealed class LearningAppFactory(TestDatabase database, bool seedDemo, bool useKestrel, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private readonly string _keysPath = Path.Combine(Path.GetTempPath(), $"meguro-keys-{Guid.NewGuid():N}");

    public TestDatabase Database => database;

    /// <summary>The app's pickup folder for mail (.eml files), private to this host.</summary>
    public string MailPickupPath { get; } = Path.Combine(Path.GetTempPath(), $"meguro-mail-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve wwwroot and the theme's assets from the build output as in Development; outside
        // Development the host would not load the static web assets manifest, and the browser tests
        // would run without the stylesheet and the scripts.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", database.Kind == DatabaseKind.PostgreSQL ? "PostgreSQL" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", database.ConnectionString);
        builder.UseSetting("BackgroundJobs:Storage", database.Kind == DatabaseKind.PostgreSQL ? "PostgreSql" : "InMemory");
        builder.UseSetting("Demo:Seed", seedDemo ? "true" : "false");
        // The shipped courses, as in the embedded demo: the browser tests look at real lessons.
        builder.UseSetting("Content:ImportCoursesOnStartup", "true");
        builder.UseSetting("Web:DataProtectionKeysPath", _keysPath);
        builder.UseSetting("Mail:PickupDirectory", MailPickupPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (useKestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>The http://127.0.0.1:port address when started with Kestrel (browser tests).</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_keysPath))
        {
            Directory.Delete(_keysPath, recursive: true);
        }
        if (Directory.Exists(MailPickupPath))
        {
            Directory.Delete(MailPickupPath, recursive: true);
        }
    }
}
