using MailKit.Net.Smtp;
using MailKit.Security;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Messaging;
using MimeKit;

namespace Meguro.Learning.Jobs.Mail;

/// <summary>
/// Hands one message to its destination. Throws on failure; <see cref="MailSenderJob"/> decides
/// whether a failure is temporary or permanent. One instance serves one run of the sender, so an SMTP
/// connection is reused for the whole batch.
/// </summary>
public interface IMailTransport : IAsyncDisposable
{
    Task SendAsync(OutboxMail mail, MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>The mail server could not be reached or refused the session (connect, TLS, login): no mail can go now.</summary>
public sealed class MailServerUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Embedded default: each mail becomes a real <c>.eml</c> file an administrator can open.</summary>
public sealed class PickupMailTransport(MailOptions options, TimeProvider clock) : IMailTransport
{
    public static string FileName(OutboxMail mail, DateTime nowUtc) =>
        $"{Jst.FromUtc(nowUtc):yyyyMMdd-HHmmss}-{mail.Id}.eml";

    public async Task SendAsync(OutboxMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        var directory = options.PickupDirectoryFullPath;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(mail, clock.GetUtcNow().UtcDateTime));
        // Written beside and then renamed, so the folder never shows a half-written mail.
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Production: the city's SMTP relay, connected once per run and reconnected after any failure.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    private SmtpClient? _client;

    public async Task SendAsync(OutboxMail mail, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var client = await ConnectAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            // After a refusal or a broken connection the session state is unknown: start clean next time.
            await DropAsync();
            throw;
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }
        var smtp = options.Smtp;
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        _client = client;
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new MailServerUnavailableException($"{smtp.Host}:{smtp.Port} — {ex.GetType().Name}: {ex.Message.Trim()}", ex);
        }
        return client;
    }

    private async Task DropAsync()
    {
        if (_client is null)
        {
            return;
        }
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: false);
            }
        }
        catch (Exception ex) when (ex is IOException or MailKit.ServiceNotConnectedException or System.Net.Sockets.SocketException)
        {
            // Already gone; nothing to close.
        }
        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (Exception ex) when (ex is IOException or MailKit.ServiceNotConnectedException or System.Net.Sockets.SocketException or SmtpProtocolException)
            {
                // The mails are already recorded; a lost QUIT changes nothing.
            }
        }
        _client?.Dispose();
        _client = null;
    }
}
