namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Time the hypervisor gave each core of this virtual machine to someone else ("steal" in
/// /proc/stat). A server that gets no CPU for a while answers late for reasons that are not its
/// own, so the fixed-rate phases report it beside their tail latency.
/// </summary>
public static class HostCpu
{
    /// <summary>Steal time so far per core (cpu0, cpu1, …) in milliseconds; empty where /proc/stat is not there.</summary>
    public static double[] StealMilliseconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return [];
        }
        // Fields after the name: user nice system idle iowait irq softirq steal …, in USER_HZ (1/100 s).
        return [.. File.ReadLines("/proc/stat")
            .Where(line => line.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(line[3]))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => fields.Length > 8 ? double.Parse(fields[8], System.Globalization.CultureInfo.InvariantCulture) * 10 : 0)];
    }

    /// <summary>"core 0 120 ms, core 1 0 ms" for the steal between two readings.</summary>
    public static string Describe(double[] before, double[] after) =>
        before.Length == 0 || before.Length != after.Length
            ? "not measured"
            : string.Join(", ", after.Select((value, core) => $"core {core} {value - before[core]:N0} ms"));
}
