using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Drizzle;

/// <summary>The column builders of <c>pg-core</c>, <c>sqlite-core</c> and <c>mysql-core</c> and the logical type each one makes.</summary>
internal static class DrizzleColumnTypes
{
    /// <summary>What the builder's options say, read by the caller from its config object.</summary>
    public readonly record struct Options(string? Mode, bool WithTimezone, int? Length);

    /// <summary>The logical type of a builder; null when <paramref name="builder"/> is not a column builder.</summary>
    public static LogicalType? Map(string builder, string dialect, Options options) => dialect switch
    {
        DrizzleDialects.Sqlite => MapSqlite(builder, options),
        DrizzleDialects.MySql => MapMySql(builder, options),
        _ => MapPostgres(builder, options),
    };

    private static LogicalType? MapPostgres(string builder, Options options) => builder switch
    {
        "uuid" => LogicalType.Uuid,
        "text" or "varchar" or "char" or "citext" => LogicalType.Text,
        "integer" or "int" or "int4" or "serial" => LogicalType.Int32,
        "smallint" or "int2" or "smallserial" => LogicalType.Int16,
        "bigint" or "int8" or "bigserial" => LogicalType.Int64,
        "boolean" or "bool" => LogicalType.Bool,
        "timestamp" => options.WithTimezone ? LogicalType.TimestampTz : LogicalType.Timestamp,
        "date" => LogicalType.Date,
        "time" => LogicalType.Time,
        "interval" => LogicalType.Interval,
        "numeric" or "decimal" => LogicalType.Decimal,
        "real" or "doublePrecision" or "double" or "float" or "float4" or "float8" => LogicalType.Float,
        "json" => LogicalType.Json,
        "jsonb" => LogicalType.Jsonb,
        "bytea" => LogicalType.Binary,
        "inet" or "cidr" or "macaddr" or "macaddr8" or "vector" or "halfvec" or "sparsevec" or "bit" or "point" or "line"
            or "geometry" or "customType" => LogicalType.Unknown,
        _ => null,
    };

    private static LogicalType? MapSqlite(string builder, Options options) => builder switch
    {
        "integer" or "int" => options.Mode switch
        {
            "timestamp" or "timestamp_ms" => LogicalType.Timestamp,
            "boolean" => LogicalType.Bool,
            _ => LogicalType.Int32,
        },
        "text" => options.Mode == "json" ? LogicalType.Json : LogicalType.Text,
        "blob" => options.Mode == "json" ? LogicalType.Json : options.Mode == "bigint" ? LogicalType.Int64 : LogicalType.Binary,
        "real" => LogicalType.Float,
        "numeric" => LogicalType.Decimal,
        "customType" => LogicalType.Unknown,
        _ => null,
    };

    private static LogicalType? MapMySql(string builder, Options options) => builder switch
    {
        "int" or "integer" or "mediumint" => LogicalType.Int32,
        "tinyint" or "smallint" => LogicalType.Int16,
        "bigint" or "serial" => LogicalType.Int64,
        "varchar" or "char" or "text" or "tinytext" or "mediumtext" or "longtext" => LogicalType.Text,
        "boolean" => LogicalType.Bool,
        "datetime" or "timestamp" => LogicalType.Timestamp,
        "date" => LogicalType.Date,
        "time" => LogicalType.Time,
        "year" => LogicalType.Int16,
        "json" => LogicalType.Json,
        "decimal" => LogicalType.Decimal,
        "double" or "float" or "real" => LogicalType.Float,
        "binary" or "varbinary" or "blob" or "tinyblob" or "mediumblob" or "longblob" => LogicalType.Binary,
        "mysqlEnum" => LogicalType.Enum,
        "customType" => LogicalType.Unknown,
        _ => null,
    };

    /// <summary>Builders whose column is an auto-increment (and therefore NOT NULL) integer.</summary>
    public static bool IsSerial(string builder) => builder is "serial" or "smallserial" or "bigserial";
}

/// <summary>Dialect names as <see cref="Schema.Dialect"/> spells them, and which Drizzle module gives which.</summary>
internal static class DrizzleDialects
{
    public const string Postgres = "postgresql";
    public const string Sqlite = "sqlite";
    public const string MySql = "mysql";

    /// <summary>The dialect of a package such as <c>drizzle-orm/pg-core</c>; null for other packages.</summary>
    public static string? OfPackage(string package) => package switch
    {
        "drizzle-orm/pg-core" => Postgres,
        "drizzle-orm/sqlite-core" => Sqlite,
        "drizzle-orm/mysql-core" or "drizzle-orm/singlestore-core" => MySql,
        _ => null,
    };

    /// <summary>The dialect named in <c>drizzle.config.ts</c> (<c>dialect: 'postgresql'</c>).</summary>
    public static string? OfConfigName(string name) => name switch
    {
        "postgresql" or "postgres" or "pg" => Postgres,
        "sqlite" or "turso" or "d1" => Sqlite,
        "mysql" or "singlestore" => MySql,
        _ => null,
    };

    /// <summary>The table function of each dialect.</summary>
    public static string? OfTableFunction(string name) => name switch
    {
        "pgTable" => Postgres,
        "sqliteTable" => Sqlite,
        "mysqlTable" or "singlestoreTable" => MySql,
        _ => null,
    };
}
