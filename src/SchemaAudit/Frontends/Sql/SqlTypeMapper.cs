using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Sql;

/// <summary>Maps SQL type names (PostgreSQL, SQLite, MySQL) to <see cref="LogicalType"/>.</summary>
internal static class SqlTypeMapper
{
    /// <param name="baseName">Lower-case type name without parameters (<c>character varying</c>).</param>
    /// <param name="numericArgs">The type's integer parameters (<c>varchar(40)</c> → 40), in order.</param>
    public static (LogicalType Type, int? Length, bool IsSerial) Map(string baseName, IReadOnlyList<int> numericArgs, bool withTimeZone)
    {
        int? first = numericArgs.Count > 0 ? numericArgs[0] : null;
        return baseName switch
        {
            "int" or "integer" or "int4" or "mediumint" or "middleint" => (LogicalType.Int32, null, false),
            "smallint" or "int2" => (LogicalType.Int16, null, false),
            "tinyint" => first == 1 ? (LogicalType.Bool, null, false) : (LogicalType.Int16, null, false),
            "bigint" or "int8" => (LogicalType.Int64, null, false),
            "serial" or "serial4" => (LogicalType.Int32, null, true),
            "bigserial" or "serial8" => (LogicalType.Int64, null, true),
            "smallserial" or "serial2" => (LogicalType.Int16, null, true),
            "text" or "varchar" or "character varying" or "char varying" or "char" or "character" or "nchar" or "nvarchar"
                or "national character varying" or "national character" or "bpchar" or "citext" or "tinytext" or "mediumtext"
                or "longtext" or "string" or "clob" or "varchar2" or "nvarchar2" or "ntext" => (LogicalType.Text, first, false),
            "boolean" or "bool" => (LogicalType.Bool, null, false),
            "bit" => first is null or 1 ? (LogicalType.Bool, null, false) : (LogicalType.Unknown, null, false),
            "timestamp" => (withTimeZone ? LogicalType.TimestampTz : LogicalType.Timestamp, null, false),
            "timestamptz" or "datetimeoffset" => (LogicalType.TimestampTz, null, false),
            "datetime" or "datetime2" or "smalldatetime" => (LogicalType.Timestamp, null, false),
            "date" => (LogicalType.Date, null, false),
            "time" or "timetz" => (LogicalType.Time, null, false),
            "interval" => (LogicalType.Interval, null, false),
            "numeric" or "decimal" or "money" or "number" or "dec" or "fixed" => (LogicalType.Decimal, null, false),
            "real" or "float" or "float4" or "float8" or "double" or "double precision" => (LogicalType.Float, null, false),
            "json" => (LogicalType.Json, null, false),
            "jsonb" => (LogicalType.Jsonb, null, false),
            "uuid" or "uniqueidentifier" => (LogicalType.Uuid, null, false),
            "bytea" or "blob" or "binary" or "varbinary" or "tinyblob" or "mediumblob" or "longblob" or "image" => (LogicalType.Binary, null, false),
            "enum" => (LogicalType.Enum, null, false),
            _ => (LogicalType.Unknown, null, false),
        };
    }

    /// <summary>Type names that only one dialect spells this way: evidence for the dialect guess.</summary>
    public static string? DialectOf(string baseName) => baseName switch
    {
        "jsonb" or "serial" or "bigserial" or "smallserial" or "serial4" or "serial8" or "timestamptz" or "bytea" or "citext"
            or "int4" or "int8" or "int2" or "timetz" or "inet" or "cidr" or "tsvector" or "money" => "postgresql",
        "tinyint" or "mediumint" or "longtext" or "mediumtext" or "tinytext" or "longblob" or "mediumblob" or "tinyblob" => "mysql",
        _ => null,
    };

    /// <summary>True for words that can start a column type (used to tell a column named <c>key</c> from MySQL's <c>KEY idx (...)</c>).</summary>
    public static bool IsKnownTypeName(string lowerName) =>
        Map(lowerName, [], false).Type != LogicalType.Unknown || lowerName is "double" or "national" or "varbit" or "inet" or "cidr" or "xml" or "tsvector";
}
