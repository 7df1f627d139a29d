using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>
/// A minimal SMTP server that refuses some recipients with 550 (netDumbster accepts everyone).
/// Just enough of RFC 5321 for MailKit: EHLO, MAIL, RCPT, DATA, RSET, QUIT.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, bool> _refuse;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeSmtpServer(Func<string, bool> refuseRecipient)
    {
        _refuse = refuseRecipient;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> Accepted { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake ESMTP");
        var recipients = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 fake"); break;
                case "MAIL": recipients.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT" when _refuse(line):
                    await writer.WriteLineAsync("550 5.1.1 No such user"); break;
                case "RCPT": recipients.Add(line); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync() is { } data && data != ".") { }
                    lock (Accepted) { Accepted.AddRange(recipients); }
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "RSET": recipients.Clear(); await writer.WriteLineAsync("250 OK"); break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("502 not implemented"); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
