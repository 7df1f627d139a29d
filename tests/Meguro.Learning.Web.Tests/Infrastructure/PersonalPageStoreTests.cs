using Meguro.Learning.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>
/// The personal page cache's eviction by generation (<see cref="PersonalPageStore"/>): what a change
/// evicts, and that a page rendered while someone else's change was committed is not kept.
/// </summary>
public sealed class PersonalPageStoreTests : IDisposable
{
    private static readonly string Yamada = PersonalPageStore.PersonTag(1);
    private static readonly string Suzuki = PersonalPageStore.PersonTag(2);

    private readonly PersonalPageStore _store = new(Options.Create(new PageCacheOptions()), TimeProvider.System);

    [Fact]
    public void A_kept_page_is_found_by_the_same_url_and_cookies_only()
    {
        var key = Key("/courses/a/lessons/1", "meguro.auth=yamada");
        KeepRendered(key, Yamada);

        Assert.NotNull(_store.Find(key, Yamada));
        Assert.Null(_store.Find(Key("/courses/a/lessons/1", "meguro.auth=suzuki"), Yamada));
        Assert.Null(_store.Find(Key("/courses/a/lessons/2", "meguro.auth=yamada"), Yamada));
    }

    [Fact]
    public void A_change_of_one_person_evicts_their_pages_and_no_one_elses()
    {
        var (yamada, suzuki) = KeepTheSameLessonForBoth();

        _store.Evict(Yamada);

        Assert.Null(_store.Find(yamada, Yamada));
        Assert.NotNull(_store.Find(suzuki, Suzuki));
    }

    [Fact]
    public void A_change_of_content_evicts_everyones_pages()
    {
        var (yamada, suzuki) = KeepTheSameLessonForBoth();

        _store.Evict(PersonalPageStore.AllPagesTag);

        Assert.Null(_store.Find(yamada, Yamada));
        Assert.Null(_store.Find(suzuki, Suzuki));
    }

    [Fact]
    public void A_page_rendered_while_another_change_was_committed_is_not_kept()
    {
        var render = new PersonalPageRender(Yamada, _store.Generation(Yamada));

        // A reminder job saves a notice for the person while their page is being rendered.
        _store.Evict(Yamada);

        Assert.NotEqual(_store.Generation(Yamada), render.Expected);
    }

    [Fact]
    public void The_renders_own_change_does_not_make_it_stale()
    {
        var render = new PersonalPageRender(Yamada, _store.Generation(Yamada));

        // The view itself moves the resume point and saves it.
        render.Evicted(Yamada);
        _store.Evict(Yamada);
        // Someone else's change concerns other pages only.
        render.Evicted(Suzuki);
        _store.Evict(Suzuki);

        Assert.Equal(_store.Generation(Yamada), render.Expected);
    }

    [Fact]
    public void A_page_kept_under_an_older_generation_is_not_served()
    {
        var key = Key("/courses/a/lessons/1", "meguro.auth=yamada");
        var stale = _store.Generation(Yamada);
        _store.Evict(Yamada);

        _store.Keep(key, Page(stale));

        Assert.Null(_store.Find(key, Yamada));
    }

    public void Dispose() => _store.Dispose();

    /// <summary>The same lesson kept for 山田 and for 鈴木, each under their own cookies.</summary>
    private (PersonalPageKey Yamada, PersonalPageKey Suzuki) KeepTheSameLessonForBoth()
    {
        var yamada = Key("/courses/a/lessons/1", "meguro.auth=yamada");
        var suzuki = Key("/courses/a/lessons/1", "meguro.auth=suzuki");
        KeepRendered(yamada, Yamada);
        KeepRendered(suzuki, Suzuki);
        return (yamada, suzuki);
    }

    private void KeepRendered(PersonalPageKey key, string personTag) => _store.Keep(key, Page(_store.Generation(personTag)));

    private PersonalPage Page(PersonalPageGeneration generation) =>
        new("<p>lesson</p>"u8.ToArray(), [new("Content-Type", new StringValues("text/html; charset=utf-8"))], _store.Now, generation);

    private static PersonalPageKey Key(string path, string cookies) => new(path, "", cookies + "; meguro.af=token");
}
