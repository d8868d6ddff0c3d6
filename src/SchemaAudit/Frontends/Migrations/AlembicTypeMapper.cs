using SchemaAudit.Frontends.Python;
using SchemaAudit.Frontends.Sql;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Migrations;

/// <summary>SQLAlchemy type expressions in Alembic migrations (<c>sa.String(40)</c>, <c>postgresql.JSONB()</c>) → <see cref="SqlTypeRef"/>.</summary>
internal static class AlembicTypeMapper
{
    public static SqlTypeRef Map(PyExpr expr, PyModule module)
    {
        var call = expr as PyCall;
        var name = PyArgs.CallName(call?.Func ?? expr) ?? "";
        var args = call is null ? null : new PyArgs(call);
        // DateTime(True) and TIMESTAMP(True) pass `timezone` positionally.
        var timezone = PyArgs.Bool(name is "DateTime" or "TIMESTAMP" or "DATETIME" or "Time" or "TIME" ? args?.Get("timezone", 0) : args?.Keyword("timezone")) == true;
        var length = args?.Get("length", 0) is PyNumber n && int.TryParse(n.Text, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : (int?)null;
        var type = new SqlTypeRef { Text = module.TextOf(expr), BaseName = name.ToLowerInvariant() };
        (type.Logical, type.Length) = name switch
        {
            "Integer" or "INTEGER" or "INT" => (LogicalType.Int32, null),
            "BigInteger" or "BIGINT" => (LogicalType.Int64, null),
            "SmallInteger" or "SMALLINT" => (LogicalType.Int16, null),
            "String" or "VARCHAR" or "Unicode" or "CHAR" or "NVARCHAR" or "NCHAR" or "AutoString" => (LogicalType.Text, length),
            "Text" or "TEXT" or "UnicodeText" or "CITEXT" => (LogicalType.Text, null),
            "Boolean" or "BOOLEAN" => (LogicalType.Bool, null),
            "DateTime" or "TIMESTAMP" or "DATETIME" => (timezone ? LogicalType.TimestampTz : LogicalType.Timestamp, null),
            "Date" or "DATE" => (LogicalType.Date, null),
            "Time" or "TIME" => (LogicalType.Time, null),
            "Interval" or "INTERVAL" => (LogicalType.Interval, null),
            "Numeric" or "NUMERIC" or "DECIMAL" or "MONEY" => (LogicalType.Decimal, null),
            "Float" or "FLOAT" or "REAL" or "Double" or "DOUBLE" or "DOUBLE_PRECISION" => (LogicalType.Float, null),
            "JSON" => (LogicalType.Json, null),
            "JSONB" => (LogicalType.Jsonb, null),
            "UUID" or "Uuid" => (LogicalType.Uuid, null),
            "LargeBinary" or "BYTEA" or "BLOB" or "BINARY" or "VARBINARY" => (LogicalType.Binary, null),
            "ARRAY" => (LogicalType.Array, null),
            "Enum" or "ENUM" => (LogicalType.Enum, null),
            _ => (LogicalType.Unknown, null),
        };
        if (type.Logical == LogicalType.Enum && args is not null)
        {
            type.EnumName = PyArgs.String(args.Keyword("name"));
            var values = args.Positional.Select(PyArgs.String).OfType<string>().ToList();
            if (values.Count > 0) type.EnumValues = values;
        }
        return type;
    }
}
