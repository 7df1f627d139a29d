using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Meguro.Learning.Jobs.Mail;

/// <summary>What one run of the sender did.</summary>
public sealed record MailSendSummary(int Sent, int Retrying, int Failed);

/// <summary>
/// Every minute: sends the outbox. Each due mail is first claimed (a saved lease guarded by the
/// <see cref="OutboxMail.Version"/> token, so two nodes never both send it), then sent, then its outcome
/// is saved at once. Temporary failures wait with backoff; a permanent refusal of the address marks the
/// mail Failed and the employee's address undeliverable for HR.
/// </summary>
/// <remarks>
/// Delivery is at least once: if the process dies after the server accepted a mail but before the
/// outcome is saved, the lease runs out and the mail is sent once more. The Message-ID is derived from
/// the dedup key, so the second copy carries the same Message-ID and receiving servers that
/// de-duplicate drop it.
/// </remarks>
public sealed class MailSenderJob(LearningDbContext db, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailSenderJob> logger)
{
    public const string RecurringJobId = "mail-sender";
    public const int BatchSize = 200;
    public const string NoAddress = "メールアドレスが登録されていません";

    /// <summary>Longer than any SMTP timeout: a claimed mail is not taken again while it may still be in flight.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    public async Task<MailSendSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMails.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        int sent = 0, retrying = 0, failed = 0;
        await using var transport = CreateTransport();
        foreach (var id in due)
        {
            var mail = await ClaimAsync(id, cancellationToken);
            if (mail is null)
            {
                continue;
            }
            var outcome = await SendAsync(transport, mail, cancellationToken);
            await RecordAsync(mail, outcome, cancellationToken);
            switch (outcome.Kind)
            {
                case OutcomeKind.Sent: sent++; break;
                case OutcomeKind.Permanent: failed++; break;
                default: retrying++; break;
            }
            if (outcome.Kind == OutcomeKind.ServerUnreachable)
            {
                // The rest would meet the same closed door; they stay due for the next run, attempts untouched.
                break;
            }
        }
        if (sent + retrying + failed > 0)
        {
            logger.LogInformation("Mail sender: {Sent} sent, {Retrying} to retry, {Failed} failed", sent, retrying, failed);
        }
        return new MailSendSummary(sent, retrying, failed);
    }

    private IMailTransport CreateTransport() => options.Value.Transport == MailTransportKind.Smtp
        ? new SmtpMailTransport(options.Value)
        : new PickupMailTransport(options.Value, clock);

    private async Task<OutboxMail?> ClaimAsync(long id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        var mail = await db.OutboxMails.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mail is null || !mail.IsDue(now))
        {
            return null;
        }
        mail.Claim(now, ClaimLease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return mail;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node claimed it first; it sends.
            return null;
        }
    }

    private async Task<Outcome> SendAsync(IMailTransport transport, OutboxMail mail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(mail.ToAddress))
        {
            return new Outcome(OutcomeKind.Permanent, NoAddress);
        }
        if (!MailboxAddress.TryParse(mail.ToAddress, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            return new Outcome(OutcomeKind.Permanent, $"メールアドレスの形式が正しくありません（{mail.ToAddress}）");
        }
        try
        {
            await transport.SendAsync(mail, BuildMessage(mail, to), cancellationToken);
            return new Outcome(OutcomeKind.Sent, null);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
        {
            return new Outcome(OutcomeKind.Permanent, $"宛先を受け付けられませんでした（{(int)ex.StatusCode} {ex.Message.Trim()}）");
        }
        catch (SmtpCommandException ex)
        {
            return new Outcome(OutcomeKind.Temporary, $"メールサーバーが一時的に受け付けませんでした（{(int)ex.StatusCode} {ex.Message.Trim()}）");
        }
        catch (MailServerUnavailableException ex)
        {
            return new Outcome(OutcomeKind.ServerUnreachable, $"メールサーバーに接続できませんでした（{ex.Message}）");
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or SmtpProtocolException
            or MailKit.ServiceNotConnectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(OutcomeKind.Temporary, $"送信中にメールサーバーとの通信が切れました（{ex.GetType().Name}: {ex.Message.Trim()}）");
        }
    }

    private MimeMessage BuildMessage(OutboxMail mail, MailboxAddress to)
    {
        var from = MailboxAddress.Parse(options.Value.From);
        to.Name = mail.ToName;
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = clock.GetUtcNow(),
            MessageId = MessageIdFor(mail.DedupKey, from.Domain),
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body },
        };
        ((TextPart)message.Body).SetText(Encoding.UTF8, mail.Body);
        message.From.Add(from);
        message.To.Add(to);
        return message;
    }

    /// <summary>The same dedup key always gives the same Message-ID, so a resend after a crash is recognisable.</summary>
    public static string MessageIdFor(string dedupKey, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)))[..32];
        return $"{hash}@{(string.IsNullOrEmpty(domain) ? "meguro-learning" : domain)}";
    }

    private async Task RecordAsync(OutboxMail mail, Outcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (outcome.Kind)
        {
            case OutcomeKind.Sent:
                mail.MarkSent(now);
                break;
            case OutcomeKind.Permanent:
                mail.MarkPermanentFailure(outcome.Error!, now);
                await MarkEmployeeAsync(mail, outcome.Error!, now, cancellationToken);
                break;
            default:
                mail.MarkTemporaryFailure(outcome.Error!, now);
                break;
        }
        // The outcome must be saved even if the run is being stopped: the mail has already gone out.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task MarkEmployeeAsync(OutboxMail mail, string reason, DateTime now, CancellationToken cancellationToken)
    {
        if (mail.EmployeeId is not { } employeeId)
        {
            return;
        }
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == employeeId, cancellationToken);
        employee?.MarkEmailUndeliverable(reason, now);
    }

    private enum OutcomeKind
    {
        Sent,
        Temporary,
        ServerUnreachable,
        Permanent,
    }

    private sealed record Outcome(OutcomeKind Kind, string? Error);
}
