using SchemaAudit.Model;

namespace SchemaAudit.Drift;

/// <summary>
/// How SQLite stores a column's values: by the affinity of its declared type, not by the type itself
/// (<see href="https://www.sqlite.org/datatype3.html#determination_of_column_affinity"/>). On SQLite,
/// <c>integer("created_at", { mode: "timestamp" })</c> and <c>created_at integer</c> are one column: the
/// ORM's logical type is a client-side reading of the same INTEGER storage.
/// </summary>
internal enum SqliteAffinity { Integer, Text, Blob, Real, Numeric }

internal static class SqliteAffinities
{
    /// <summary>SQLite's own rules, in its order: INT → INTEGER; CHAR, CLOB, TEXT → TEXT; BLOB or no type → BLOB; REAL, FLOA, DOUB → REAL; else NUMERIC.</summary>
    public static SqliteAffinity OfDeclaredType(string declared)
    {
        var type = declared.ToUpperInvariant();
        if (type.Contains("INT", StringComparison.Ordinal)) return SqliteAffinity.Integer;
        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal))
            return SqliteAffinity.Text;
        if (type.Contains("BLOB", StringComparison.Ordinal) || type.Trim().Length == 0) return SqliteAffinity.Blob;
        if (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal))
            return SqliteAffinity.Real;
        return SqliteAffinity.Numeric;
    }

    /// <summary>
    /// The affinity a column gets on SQLite; null when it cannot be known. A view read from SQL (migrations,
    /// DDL, a live database) carries the declared type itself. An ORM column is known by its builder or type
    /// name when that is an SQL type name (Drizzle's <c>integer(…)</c>, <c>text(…)</c>, SQLAlchemy's <c>DateTime</c>),
    /// else by the type its logical type is declared as.
    /// </summary>
    public static SqliteAffinity? Of(Column column, SchemaSourceKind view)
    {
        if (view != SchemaSourceKind.OrmModels) return OfDeclaredType(column.TypeAsWritten);
        if (SqlTypeName(column.TypeAsWritten) is { } name) return OfDeclaredType(name);
        return column.Type switch
        {
            LogicalType.Int16 or LogicalType.Int32 or LogicalType.Int64 => SqliteAffinity.Integer,
            LogicalType.Text or LogicalType.Enum or LogicalType.Uuid => SqliteAffinity.Text,   // VARCHAR, CHAR(32)
            LogicalType.Float => SqliteAffinity.Real,
            LogicalType.Binary => SqliteAffinity.Blob,
            // BOOLEAN, DATETIME, DATE, TIME, JSON, NUMERIC: names that fall through to NUMERIC.
            LogicalType.Bool or LogicalType.Decimal or LogicalType.Date or LogicalType.Time or LogicalType.Timestamp
                or LogicalType.TimestampTz or LogicalType.Interval or LogicalType.Json or LogicalType.Jsonb => SqliteAffinity.Numeric,
            _ => null,
        };
    }

    /// <summary>The leading name of an ORM type (<c>integer("x", {…})</c> → <c>integer</c>, <c>sa.DateTime()</c> → <c>datetime</c>) when SQLite reads it as a type name.</summary>
    private static string? SqlTypeName(string typeAsWritten)
    {
        var end = typeAsWritten.IndexOf('(', StringComparison.Ordinal);
        var head = (end < 0 ? typeAsWritten : typeAsWritten[..end]).Trim();
        var dot = head.LastIndexOf('.');
        var name = (dot < 0 ? head : head[(dot + 1)..]).ToLowerInvariant();
        return name is "integer" or "int" or "bigint" or "smallint" or "tinyint" or "mediumint" or "text" or "varchar" or "char" or "nchar"
            or "nvarchar" or "clob" or "blob" or "real" or "double" or "float" or "numeric" or "decimal" or "boolean" or "date" or "datetime"
            ? name
            : null;
    }
}
