namespace Meguro.Learning.Domain.Operations;

/// <summary>Last run of a recurring job, kept in the application database so /healthz and the admin page can show it.</summary>
public class JobRun
{
    private JobRun() { }

    public JobRun(string jobName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        JobName = jobName;
    }

    public string JobName { get; private set; } = "";
    public DateTime? LastStartedAtUtc { get; private set; }
    public DateTime? LastSucceededAtUtc { get; private set; }
    public string LastResult { get; private set; } = "";

    public void Started(DateTime nowUtc) => LastStartedAtUtc = nowUtc;

    public void Succeeded(DateTime nowUtc, string result)
    {
        LastSucceededAtUtc = nowUtc;
        LastResult = result;
    }
}
