namespace Meguro.Learning.Jobs.Mail;

public enum MailTransportKind
{
    /// <summary>Write each mail as an <c>.eml</c> file to <see cref="MailOptions.PickupDirectory"/> (embedded default).</summary>
    Pickup,
    Smtp,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    /// <summary>SSL on port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
}

/// <summary>Bound from the <c>Mail</c> section.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    public MailTransportKind Transport { get; set; } = MailTransportKind.Pickup;

    public string PickupDirectory { get; set; } = ".data/mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Sender, as an RFC 5322 mailbox: display name and address.</summary>
    public string From { get; set; } = "目黒区 職員デジタル研修 <learning@city.meguro.tokyo.jp>";

    /// <summary>The site address inside LGWAN, used for links in mails.</summary>
    public string SiteUrl { get; set; } = "http://localhost:5080";

    /// <summary>The pickup folder as an absolute path (relative paths are taken from the working directory, like the database).</summary>
    public string PickupDirectoryFullPath => Path.GetFullPath(PickupDirectory);
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>How long to wait for the server before treating the attempt as a temporary failure.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
