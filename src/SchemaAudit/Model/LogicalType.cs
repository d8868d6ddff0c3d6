namespace SchemaAudit.Model;

/// <summary>Normalized column types, comparable across ORMs and dialects.</summary>
public enum LogicalType
{
    Unknown,
    Uuid,
    Text,       // unbounded or bounded string (String(50), VARCHAR, TEXT)
    Int16,
    Int32,
    Int64,
    Decimal,
    Float,
    Bool,
    Date,
    Time,
    Timestamp,    // without time zone
    TimestampTz,  // with time zone
    Interval,
    Json,
    Jsonb,
    Enum,
    Binary,
    Array,
}

public static class LogicalTypeExtensions
{
    public static bool IsTimestamp(this LogicalType t) => t is LogicalType.Timestamp or LogicalType.TimestampTz;
    public static bool IsJson(this LogicalType t) => t is LogicalType.Json or LogicalType.Jsonb;
    public static bool IsInteger(this LogicalType t) => t is LogicalType.Int16 or LogicalType.Int32 or LogicalType.Int64;

    /// <summary>The name used in reports and JSON (lower case, e.g. <c>timestamptz</c>).</summary>
    public static string DisplayName(this LogicalType t) => t switch
    {
        LogicalType.TimestampTz => "timestamptz",
        _ => t.ToString().ToLowerInvariant(),
    };
}
