using System.Text;
using Npgsql;

namespace Meguro.Learning.Data;

/// <summary>
/// One text-format COPY into a table, fed row by row: the caller appends whole rows to
/// <see cref="Rows"/> (formatted with <see cref="PostgresCopyText"/>) and calls
/// <see cref="RowsAddedAsync"/>, which starts the COPY with the first rows and hands them to the
/// connection in large blocks. <see cref="CompleteAsync"/> ends it and reports the server's verdict;
/// disposed before that, the COPY is cancelled: nothing is written, and the transaction can only
/// roll back. Shared by the roster's first import and <see cref="PostgresEntityCopy"/>.
/// </summary>
public sealed class PostgresTextCopy(NpgsqlConnection connection, string copy) : IAsyncDisposable
{
    /// <summary>Rows are handed to the connection in blocks of about this many characters.</summary>
    private const int BlockSize = 64 * 1024;

    private NpgsqlCopyTextWriter? _writer;

    /// <summary>Rows not yet handed to the connection; append whole lines only.</summary>
    public StringBuilder Rows { get; } = new(BlockSize + 4096);

    /// <summary>Starts the COPY if need be and sends the rows once a block is full.</summary>
    public async Task RowsAddedAsync(CancellationToken cancellationToken)
    {
        _writer ??= (NpgsqlCopyTextWriter)await connection.BeginTextImportAsync(copy, cancellationToken);
        if (Rows.Length >= BlockSize)
        {
            await _writer.WriteAsync(Rows, cancellationToken);
            Rows.Clear();
        }
    }

    /// <summary>Ends the COPY: the rows are in the table (uncommitted, in the caller's transaction).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return;
        }
        await _writer.WriteAsync(Rows, cancellationToken);
        Rows.Clear();
        // Disposing the text writer is what ends the COPY and reports the server's verdict.
        var writer = _writer;
        _writer = null;
        await writer.DisposeAsync();
    }

    /// <summary>Cancels a COPY that was not completed (PostgreSQL then fails the transaction).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            // Cancelled, not disposed: disposing would end the COPY and keep the rows (and after a
            // cancel it would try to flush into the ended COPY). Its buffer is only ours to drop.
            var writer = _writer;
            _writer = null;
            await writer.CancelAsync();
        }
    }
}
