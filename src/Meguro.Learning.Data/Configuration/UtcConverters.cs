using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meguro.Learning.Data.Configuration;

/// <summary>
/// Timestamps are stored as UTC. SQLite loses DateTimeKind on the way back, and Npgsql refuses a
/// non-UTC value for timestamptz, so every DateTime column passes through here.
/// </summary>
internal static class UtcConverters
{
    public static readonly ValueConverter<DateTime, DateTime> DateTime = new(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => System.DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public static readonly ValueConverter<DateTime?, DateTime?> NullableDateTime = new(
        v => v == null ? v : (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()),
        v => v == null ? v : System.DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
