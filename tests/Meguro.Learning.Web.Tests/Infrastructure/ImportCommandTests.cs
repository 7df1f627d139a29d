using System.Text;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Roster;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Infrastructure;

public sealed class ImportCommandParsingTests
{
    [Fact]
    public void A_normal_start_is_not_a_command_and_keeps_every_argument_for_the_host()
    {
        var (command, error, hostArgs) = ImportCommand.Parse(["--urls", "http://localhost:6000"]);

        Assert.Null(command);
        Assert.Null(error);
        Assert.Equal(["--urls", "http://localhost:6000"], hostArgs);
    }

    [Fact]
    public void Import_arguments_are_taken_out_and_host_settings_passed_on()
    {
        var (command, error, hostArgs) = ImportCommand.Parse(
            ["import", "roster", "/tmp/shokuin.csv", "--encoding", "shift_jis", "--apply", "--Database:Provider=PostgreSQL"]);

        Assert.Null(error);
        Assert.Equal(new ImportCommand(ImportKind.Roster, "/tmp/shokuin.csv", CsvEncoding.ShiftJis, Apply: true), command);
        Assert.Equal(["--Database:Provider=PostgreSQL"], hostArgs);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import staff a.csv")]
    [InlineData("import roster a.csv --encoding euc-jp")]
    public void Bad_arguments_get_a_Japanese_explanation(string line)
    {
        var (command, error, _) = ImportCommand.Parse(line.Split(' '));

        Assert.Null(command);
        Assert.NotNull(error);
        Assert.Matches("[ぁ-んァ-ヶ一-龠]", error);
    }
}

/// <summary>The command against the real app and database: a dry run changes nothing, --apply imports, bad rows are printed by line.</summary>
public sealed class ImportCommandTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Dry_run_then_apply_from_the_command_line()
    {
        var orgFile = await WriteTempAsync(DemoOrganization.ToCsv());
        var rosterFile = await WriteTempAsync(DemoRoster.ToCsv(DemoRoster.DefaultSeed, 500));

        var (orgExit, _, _) = await RunAsync(new ImportCommand(ImportKind.Organization, orgFile, CsvEncoding.Auto, Apply: true));
        var (dryExit, dryOut, _) = await RunAsync(new ImportCommand(ImportKind.Roster, rosterFile, CsvEncoding.Auto, Apply: false));
        var afterDryRun = await app.WithDbAsync(db => db.Employees.CountAsync());
        var (applyExit, applyOut, _) = await RunAsync(new ImportCommand(ImportKind.Roster, rosterFile, CsvEncoding.Auto, Apply: true));

        Assert.Equal(0, orgExit);
        Assert.Equal(0, dryExit);
        Assert.Contains("ドライラン", dryOut, StringComparison.Ordinal);
        Assert.Contains("新規 500 名", dryOut, StringComparison.Ordinal);
        Assert.Equal(0, afterDryRun);
        Assert.Equal(0, applyExit);
        Assert.Contains("適用しました", applyOut, StringComparison.Ordinal);
        Assert.Equal(500, await app.WithDbAsync(db => db.Employees.CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(db => db.ImportBatches.CountAsync(b => b.UploadedBy.StartsWith("コマンドライン:"))));
    }

    [Fact]
    public async Task A_bad_file_exits_non_zero_with_file_and_line_and_changes_nothing()
    {
        var file = await WriteTempAsync(DemoRoster.CsvHeader + "\r\n" + "700001,,カナ,,B01-K01-T01,係員,正規,,2020-04-01,\r\n");
        var before = await app.WithDbAsync(db => db.Employees.CountAsync());

        var (exit, _, errors) = await RunAsync(new ImportCommand(ImportKind.Roster, file, CsvEncoding.Auto, Apply: true));

        Assert.Equal(1, exit);
        Assert.Contains($"{Path.GetFileName(file)}:2: ", errors, StringComparison.Ordinal);
        Assert.Contains("氏名", errors, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Employees.CountAsync()));
    }

    [Fact]
    public async Task A_missing_file_is_reported()
    {
        var (exit, _, errors) = await RunAsync(new ImportCommand(ImportKind.Roster, "/nonexistent/roster.csv", CsvEncoding.Auto, Apply: false));

        Assert.Equal(2, exit);
        Assert.Contains("見つかりません", errors, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(ImportCommand command)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await command.RunAsync(app.Services, output, errors, CancellationToken.None);
        return (exit, output.ToString(), errors.ToString());
    }

    private static async Task<string> WriteTempAsync(string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"meguro-cli-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}
