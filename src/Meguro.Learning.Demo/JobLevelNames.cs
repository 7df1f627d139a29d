namespace Meguro.Learning.Demo;

/// <summary>
/// The 職層 names the roster CSV carries; they must match the <c>name</c> entries of
/// <c>content/job-levels.yml</c>, which the import resolves them against.
/// </summary>
public static class JobLevelNames
{
    public const string Kakariin = "係員";
    public const string Shunin = "主任";
    public const string Kakaricho = "係長";
    public const string KachoHosa = "課長補佐";
    public const string Kacho = "課長";
    public const string Bucho = "部長";
}
