using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Messaging;

namespace Meguro.Learning.Domain.Tests.Messaging;

public sealed class OutboxMailTests
{
    private static readonly DateTime Now = new(2030, 1, 15, 0, 0, 0, DateTimeKind.Utc);

    private static OutboxMail Mail() => new("k", "reminder-learner", 1, "a@example.jp", "目黒 花子", "件名", "本文", Now);

    [Fact]
    public void A_claimed_mail_is_not_due_until_its_lease_ends()
    {
        var mail = Mail();
        mail.Claim(Now, TimeSpan.FromMinutes(10));
        Assert.False(mail.IsDue(Now.AddMinutes(9)));
        Assert.True(mail.IsDue(Now.AddMinutes(10)));
        Assert.Throws<DomainException>(() => mail.Claim(Now.AddMinutes(1), TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Only_a_failed_mail_can_be_requeued_and_it_starts_over()
    {
        var mail = Mail();
        Assert.Throws<DomainException>(() => mail.Requeue(Now));
        mail.MarkPermanentFailure("550", Now);
        mail.Requeue(Now.AddHours(1));
        Assert.Equal(OutboxStatus.Pending, mail.Status);
        Assert.Equal(0, mail.Attempts);
        Assert.True(mail.IsDue(Now.AddHours(1)));
    }

    [Fact]
    public void A_sent_mail_keeps_its_address()
    {
        var mail = Mail();
        mail.MarkSent(Now);
        Assert.Throws<DomainException>(() => mail.Readdress("b@example.jp"));
    }
}
