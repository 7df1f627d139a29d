using Meguro.Learning.Domain.Imports;

namespace Meguro.Learning.Domain.Tests.Imports;

public sealed class ImportBatchTests
{
    private static readonly DateTime Uploaded = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_file_is_applied_at_most_once()
    {
        var batch = new ImportBatch(ImportKind.Roster, "roster.csv", [1, 2, 3], "auto", "hr", Uploaded);

        batch.MarkApplied(Uploaded.AddMinutes(5), "新規 1 名");

        Assert.Throws<DomainException>(() => batch.MarkApplied(Uploaded.AddMinutes(6), "新規 1 名"));
        Assert.Equal(ImportStatus.Applied, batch.Status);
    }

    [Fact]
    public void Old_unapplied_uploads_lose_their_bytes_but_applied_files_are_kept_as_evidence()
    {
        var stale = new ImportBatch(ImportKind.Roster, "a.csv", [1], "auto", "hr", Uploaded);
        var applied = new ImportBatch(ImportKind.Roster, "b.csv", [1], "auto", "hr", Uploaded);
        applied.MarkApplied(Uploaded, "");
        var fresh = new ImportBatch(ImportKind.Roster, "c.csv", [1], "auto", "hr", Uploaded.AddDays(25));
        var now = Uploaded.AddDays(31);

        Assert.True(stale.DiscardContentIfStale(now, TimeSpan.FromDays(30)));
        Assert.False(applied.DiscardContentIfStale(now, TimeSpan.FromDays(30)));
        Assert.False(fresh.DiscardContentIfStale(now, TimeSpan.FromDays(30)));
        Assert.Empty(stale.Content);
        Assert.NotEmpty(applied.Content);
    }

    [Fact]
    public void Only_the_file_name_of_an_uploaded_path_is_kept()
    {
        var batch = new ImportBatch(ImportKind.Roster, "/home/hr/2026/shokuin.csv", [1], "auto", "hr", Uploaded);

        Assert.Equal("shokuin.csv", batch.FileName);
    }
}
