using Meguro.Learning.Web.Tests.Infrastructure;

namespace Meguro.Learning.Web.Tests.Browser;

/// <summary>All browser tests share one seeded app and one Chromium: starting either takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
