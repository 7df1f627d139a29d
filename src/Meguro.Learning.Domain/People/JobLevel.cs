namespace Meguro.Learning.Domain.People;

/// <summary>
/// 職層. Data, not an enum: the levels are loaded from <c>content/job-levels.yml</c> so that a
/// reorganisation of the personnel system is a content change. <see cref="Rank"/> orders them
/// (係員 = 1 … 部長 = 6), which rules such as "係長以上" compare against.
/// </summary>
public class JobLevel
{
    private JobLevel() { }

    public JobLevel(string code, string name, int rank, bool isManagerial)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (rank < 1)
        {
            throw new DomainException("職層の順位は1以上でなければなりません。");
        }
        Code = code.Trim();
        Name = name.Trim();
        Rank = rank;
        IsManagerial = isManagerial;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Rank { get; private set; }
    public bool IsManagerial { get; private set; }

    public bool IsAtLeast(JobLevel other) => Rank >= other.Rank;

    public void Update(string name, int rank, bool isManagerial)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        Rank = rank;
        IsManagerial = isManagerial;
    }
}
