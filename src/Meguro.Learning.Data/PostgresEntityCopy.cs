using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using static Meguro.Learning.Data.PostgresCopyText;

namespace Meguro.Learning.Data;

/// <summary>
/// Writes new entities with PostgreSQL's COPY, on the context's own connection inside its current
/// transaction, so they commit or roll back with everything else. Thousands of rows per call: EF's
/// change tracking and one parameterised INSERT per row cost the client far more than the rows cost
/// the server (the daily reminder run spent two thirds of its time in them).
/// <para>
/// The columns, their names and how each value is stored (value converters included) come from the
/// EF model, so a property added to an entity later is copied like the others; an entity the writer
/// cannot copy faithfully (a shadow property, an inheritance hierarchy, a provider type it does not
/// know) is refused by <see cref="CanCopy"/> and the caller saves through EF instead.
/// </para>
/// <para>
/// The entities are not tracked and get no ids, except those given keys drawn with
/// <see cref="NewKeysAsync{T}"/>: dependents copied after them refer to them through their navigation.
/// A row that breaks a constraint (a unique key another node wrote first) fails the whole COPY with
/// a <see cref="PostgresException"/>, and the transaction can then only roll back.
/// </para>
/// </summary>
public static class PostgresEntityCopy
{
    private static readonly ConcurrentDictionary<IEntityType, Plan?> Plans = new();

    /// <summary>
    /// True when the database is PostgreSQL, the context is inside a transaction (a COPY outside it
    /// could not be rolled back with the rest) and every one of <paramref name="entityTypes"/> can be copied.
    /// </summary>
    public static bool CanCopy(LearningDbContext db, params Type[] entityTypes)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entityTypes);
        return db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null
            && db.Database.GetDbConnection() is NpgsqlConnection { State: System.Data.ConnectionState.Open }
            && entityTypes.All(t => db.Model.FindEntityType(t) is { } entityType && PlanFor(entityType) is not null);
    }

    /// <summary><paramref name="count"/> new keys from <typeparamref name="T"/>'s identity sequence, in one round-trip.</summary>
    public static async Task<long[]> NewKeysAsync<T>(LearningDbContext db, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = RequirePlan<T>(db);
        if (count == 0)
        {
            return [];
        }
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", Connection(db));
        command.Parameters.Add(new NpgsqlParameter<string>("table", plan.Table));
        command.Parameters.Add(new NpgsqlParameter<string>("column", plan.KeyColumn ?? throw new InvalidOperationException($"{typeof(T).Name} has no single generated key.")));
        command.Parameters.Add(new NpgsqlParameter<int>("count", count));
        var keys = new long[count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
        {
            keys[i] = reader.GetInt64(0);
        }
        return keys;
    }

    /// <summary>
    /// Copies <paramref name="rows"/>. With <paramref name="keys"/> (from <see cref="NewKeysAsync{T}"/>)
    /// row i is written with key i; without, the database generates the keys. A foreign key that is
    /// unset while its navigation points at an entity copied before with a key is written as that key
    /// (<paramref name="principalKeys"/>, by reference).
    /// </summary>
    public static async Task WriteAsync<T>(
        LearningDbContext db, IReadOnlyList<T> rows, IReadOnlyList<long>? keys, IReadOnlyDictionary<object, long>? principalKeys, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (keys is not null && keys.Count != rows.Count)
        {
            throw new ArgumentException("One key per row.", nameof(keys));
        }
        var plan = RequirePlan<T>(db);
        if (rows.Count == 0)
        {
            return;
        }
        var columns = plan.Columns.Where(c => keys is not null || !c.IsGeneratedKey).ToArray();
        await using var copy = new PostgresTextCopy(Connection(db), $"COPY {plan.Table} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT text)");
        var text = copy.Rows;
        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                {
                    text.Append('\t');
                }
                var column = columns[c];
                column.Write(text, column.IsGeneratedKey ? keys![i] : column.Read(rows[i], principalKeys));
            }
            text.Append('\n');
            await copy.RowsAddedAsync(cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static NpgsqlConnection Connection(LearningDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();

    private static Plan RequirePlan<T>(LearningDbContext db) =>
        (db.Model.FindEntityType(typeof(T)) is { } entityType ? PlanFor(entityType) : null)
        ?? throw new InvalidOperationException($"{typeof(T).Name} cannot be copied; check CanCopy first.");

    private static Plan? PlanFor(IEntityType entityType) => Plans.GetOrAdd(entityType, MakePlan);

    /// <summary>How to copy one entity type, or null when some part of it is beyond this writer.</summary>
    private static Plan? MakePlan(IEntityType entityType)
    {
        if (entityType.GetTableName() is not { } tableName || entityType.BaseType is not null || entityType.GetDirectlyDerivedTypes().Any()
            || entityType.GetComplexProperties().Any() || entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
        {
            return null;
        }
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } single] ? single : null;
        var columns = new List<Column>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty() || property.GetColumnName(table) is not { } name)
            {
                return null;
            }
            var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
            var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
            if (Formatter(providerType) is not { } format)
            {
                return null;
            }
            var navigation = property.GetContainingForeignKeys()
                .Where(fk => fk.Properties.Count == 1 && fk.DependentToPrincipal is not null)
                .Select(fk => fk.DependentToPrincipal!.GetGetter())
                .FirstOrDefault();
            columns.Add(new Column(name, ReferenceEquals(property, key), property.GetGetter(), converter, navigation, format));
        }
        var qualified = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        return new Plan(qualified, key?.GetColumnName(table), columns);
    }

    private static Action<StringBuilder, object>? Formatter(Type providerType) => providerType switch
    {
        _ when providerType == typeof(string) => (b, v) => Text(b, (string)v),
        // Keys drawn from a sequence arrive as long whatever the column's integer type.
        _ when providerType == typeof(int) || providerType == typeof(long) || providerType == typeof(short)
            => (b, v) => b.Append(CultureInfo.InvariantCulture, $"{Convert.ToInt64(v, CultureInfo.InvariantCulture)}"),
        _ when providerType == typeof(bool) => (b, v) => b.Append((bool)v ? 't' : 'f'),
        _ when providerType == typeof(DateTime) => (b, v) => Timestamp(b, (DateTime)v),
        _ when providerType == typeof(DateOnly) => (b, v) => Date(b, (DateOnly)v),
        _ when providerType == typeof(decimal) => (b, v) => b.Append(((decimal)v).ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    private sealed record Plan(string Table, string? KeyColumn, IReadOnlyList<Column> Columns);

    private sealed record Column(
        string Name, bool IsGeneratedKey, IClrPropertyGetter Getter, ValueConverter? Converter, IClrPropertyGetter? Principal, Action<StringBuilder, object> Format)
    {
        /// <summary>The stored value of this column for <paramref name="entity"/>.</summary>
        public object? Read(object entity, IReadOnlyDictionary<object, long>? principalKeys)
        {
            var value = Getter.GetClrValue(entity);
            if (value is null && Principal?.GetClrValue(entity) is { } principal)
            {
                return principalKeys is not null && principalKeys.TryGetValue(principal, out var key)
                    ? key
                    : throw new InvalidOperationException($"{Name}: the entity it refers to was not copied with a key before it.");
            }
            return value is not null && Converter is not null ? Converter.ConvertToProvider(value) : value;
        }

        public void Write(StringBuilder text, object? value)
        {
            if (value is null)
            {
                Null(text);
            }
            else
            {
                Format(text, value);
            }
        }
    }
}
