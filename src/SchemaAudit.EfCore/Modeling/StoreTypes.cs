using SchemaAudit.Model;

namespace SchemaAudit.EfCore.Modeling;

/// <summary>The database providers EF Core is configured with (<c>UseNpgsql</c>, <c>UseSqlServer</c>, …) and the store types each maps CLR types to.</summary>
internal enum EfProvider { Unknown, SqlServer, Npgsql, Sqlite, MySql }

internal static class StoreTypes
{
    public static string? Dialect(EfProvider provider) => provider switch
    {
        EfProvider.SqlServer => "sqlserver",
        EfProvider.Npgsql => "postgresql",
        EfProvider.Sqlite => "sqlite",
        EfProvider.MySql => "mysql",
        _ => null,
    };

    /// <summary>Logical type of a property (after any value conversion).</summary>
    public static LogicalType Logical(EfProperty property, EfProvider provider)
    {
        if (property.ColumnType is { } written) return FromStoreType(written, provider);
        if (property.CollectionOf is not null) return provider == EfProvider.Npgsql ? LogicalType.Array : LogicalType.Json;
        if (property.IsEnum && property.ConvertedTo is null) return LogicalType.Int32;
        return property.EffectiveClrType switch
        {
            "int" or "uint" or "ushort" => LogicalType.Int32,
            "long" or "ulong" => LogicalType.Int64,
            "short" or "byte" or "sbyte" => LogicalType.Int16,
            "bool" => LogicalType.Bool,
            "string" or "char" or "Uri" => LogicalType.Text,
            "Guid" => LogicalType.Uuid,
            "decimal" => LogicalType.Decimal,
            "double" or "float" or "Half" => LogicalType.Float,
            // Npgsql maps DateTime to timestamp with time zone (UTC only) since 6.0.
            "DateTime" => provider == EfProvider.Npgsql ? LogicalType.TimestampTz : LogicalType.Timestamp,
            "DateTimeOffset" or "Instant" or "ZonedDateTime" => LogicalType.TimestampTz,
            "LocalDateTime" => LogicalType.Timestamp,
            "DateOnly" or "LocalDate" => LogicalType.Date,
            "TimeOnly" => LogicalType.Time,
            "TimeSpan" => provider is EfProvider.Npgsql ? LogicalType.Interval : LogicalType.Time,
            "byte[]" => LogicalType.Binary,
            "JsonDocument" or "JsonElement" => provider == EfProvider.Npgsql ? LogicalType.Jsonb : LogicalType.Json,
            _ => LogicalType.Unknown,
        };
    }

    /// <summary>The store type EF would create for the property, e.g. <c>nvarchar(256)</c>, <c>character varying(256)</c>, <c>TEXT</c>.</summary>
    public static string StoreType(EfProperty property, LogicalType logical, EfProvider provider, bool isKeyOrIndexed)
    {
        if (property.ColumnType is { } written) return written;
        var length = property.MaxLength;
        var precision = property.Precision is { } p ? property.Scale is { } s ? $"({p},{s})" : $"({p})" : null;
        return provider switch
        {
            EfProvider.SqlServer => logical switch
            {
                LogicalType.Text when property.EffectiveClrType == "char" => "nchar(1)",
                LogicalType.Text => (property.Unicode == false ? "varchar" : "nvarchar") + (length is { } l ? $"({l})" : isKeyOrIndexed ? "(450)" : "(max)"),
                LogicalType.Int32 => "int", LogicalType.Int64 => "bigint", LogicalType.Int16 => property.EffectiveClrType == "byte" ? "tinyint" : "smallint",
                LogicalType.Bool => "bit", LogicalType.Uuid => "uniqueidentifier", LogicalType.Decimal => "decimal" + (precision ?? "(18,2)"),
                LogicalType.Float => property.EffectiveClrType == "float" ? "real" : "float", LogicalType.Timestamp => "datetime2",
                LogicalType.TimestampTz => "datetimeoffset", LogicalType.Date => "date", LogicalType.Time => "time",
                LogicalType.Binary => property.IsRowVersion ? "rowversion" : length is { } b ? $"varbinary({b})" : "varbinary(max)",
                LogicalType.Json => "nvarchar(max)",
                _ => property.EffectiveClrType,
            },
            EfProvider.Npgsql => logical switch
            {
                LogicalType.Text => length is { } l ? $"character varying({l})" : "text",
                LogicalType.Int32 => "integer", LogicalType.Int64 => "bigint", LogicalType.Int16 => "smallint", LogicalType.Bool => "boolean",
                LogicalType.Uuid => "uuid", LogicalType.Decimal => "numeric" + (precision ?? ""), LogicalType.Float => property.EffectiveClrType == "float" ? "real" : "double precision",
                LogicalType.Timestamp => "timestamp without time zone", LogicalType.TimestampTz => "timestamp with time zone",
                LogicalType.Date => "date", LogicalType.Time => "time without time zone", LogicalType.Interval => "interval",
                LogicalType.Binary => "bytea", LogicalType.Jsonb => "jsonb", LogicalType.Json => "jsonb",
                LogicalType.Array => (property.CollectionOf is "string" ? "text" : property.CollectionOf == "int" ? "integer" : property.CollectionOf) + "[]",
                _ => property.EffectiveClrType,
            },
            EfProvider.Sqlite => logical switch
            {
                LogicalType.Int32 or LogicalType.Int64 or LogicalType.Int16 or LogicalType.Bool => "INTEGER",
                LogicalType.Float => "REAL", LogicalType.Binary => "BLOB",
                _ => "TEXT",
            },
            EfProvider.MySql => logical switch
            {
                LogicalType.Text => length is { } l ? $"varchar({l})" : isKeyOrIndexed ? "varchar(255)" : "longtext",
                LogicalType.Int32 => "int", LogicalType.Int64 => "bigint", LogicalType.Int16 => "smallint", LogicalType.Bool => "tinyint(1)",
                LogicalType.Uuid => "char(36)", LogicalType.Decimal => "decimal" + (precision ?? "(65,30)"), LogicalType.Float => "double",
                LogicalType.Timestamp => "datetime(6)", LogicalType.TimestampTz => "datetime(6)", LogicalType.Date => "date", LogicalType.Time => "time(6)",
                LogicalType.Binary => "longblob", LogicalType.Json => "longtext",
                _ => property.EffectiveClrType,
            },
            _ => property.DeclaredType ?? property.EffectiveClrType,
        };
    }

    public static LogicalType FromStoreType(string storeType, EfProvider provider)
    {
        var t = storeType.ToLowerInvariant();
        var paren = t.IndexOf('(');
        var bare = (paren < 0 ? t : t[..paren]).Trim();
        return bare switch
        {
            "int" or "integer" or "int4" or "serial" or "mediumint" => provider == EfProvider.Sqlite ? LogicalType.Int64 : LogicalType.Int32,
            "bigint" or "int8" or "bigserial" => LogicalType.Int64,
            "smallint" or "int2" or "tinyint" => t == "tinyint(1)" ? LogicalType.Bool : LogicalType.Int16,
            "bit" or "boolean" or "bool" => LogicalType.Bool,
            "uniqueidentifier" or "uuid" => LogicalType.Uuid,
            "decimal" or "numeric" or "money" or "smallmoney" => LogicalType.Decimal,
            "float" or "real" or "double" or "double precision" or "float8" or "float4" => LogicalType.Float,
            "datetime" or "datetime2" or "smalldatetime" or "timestamp" or "timestamp without time zone" => provider == EfProvider.SqlServer && bare == "timestamp" ? LogicalType.Binary : LogicalType.Timestamp,
            "datetimeoffset" or "timestamptz" or "timestamp with time zone" => LogicalType.TimestampTz,
            "date" => LogicalType.Date,
            "time" or "time without time zone" => LogicalType.Time,
            "interval" => LogicalType.Interval,
            "json" => LogicalType.Json,
            "jsonb" => LogicalType.Jsonb,
            "varbinary" or "binary" or "bytea" or "blob" or "longblob" or "image" or "rowversion" => LogicalType.Binary,
            "nvarchar" or "varchar" or "char" or "nchar" or "text" or "ntext" or "character varying" or "character" or "citext" or "longtext" or "mediumtext" or "xml" => LogicalType.Text,
            _ => t.EndsWith("[]", StringComparison.Ordinal) ? LogicalType.Array : LogicalType.Unknown,
        };
    }
}
