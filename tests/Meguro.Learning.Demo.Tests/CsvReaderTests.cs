namespace Meguro.Learning.Demo.Tests;

public class CsvReaderTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var rows = CsvReader.Parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\r\ny\",,z\r\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["a", "b,c", "say \"hi\""], rows[0]);
        Assert.Equal(["x\r\ny", "", "z"], rows[1]);
    }
}
