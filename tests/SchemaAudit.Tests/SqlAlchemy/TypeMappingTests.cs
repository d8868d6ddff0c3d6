using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

public sealed class TypeMappingTests
{
    private static readonly Fixture s_f = Fixture.Load("types");

    [Theory]
    [InlineData("c_int", LogicalType.Int32, null)]
    [InlineData("c_big", LogicalType.Int64, null)]
    [InlineData("c_small", LogicalType.Int16, null)]
    [InlineData("c_string", LogicalType.Text, 40)]
    [InlineData("c_text", LogicalType.Text, null)]
    [InlineData("c_unicode", LogicalType.Text, 10)]
    [InlineData("c_varchar", LogicalType.Text, 12)]
    [InlineData("c_char", LogicalType.Text, 2)]
    [InlineData("c_bool", LogicalType.Bool, null)]
    [InlineData("c_dt", LogicalType.Timestamp, null)]
    [InlineData("c_dt_tz", LogicalType.TimestampTz, null)]
    [InlineData("c_dt_true", LogicalType.TimestampTz, null)]
    [InlineData("c_ts_tz", LogicalType.TimestampTz, null)]
    [InlineData("c_pg_ts", LogicalType.Timestamp, null)]
    [InlineData("c_date", LogicalType.Date, null)]
    [InlineData("c_time", LogicalType.Time, null)]
    [InlineData("c_interval", LogicalType.Interval, null)]
    [InlineData("c_numeric", LogicalType.Decimal, null)]
    [InlineData("c_float", LogicalType.Float, null)]
    [InlineData("c_json", LogicalType.Json, null)]
    [InlineData("c_jsonb", LogicalType.Jsonb, null)]
    [InlineData("c_variant", LogicalType.Jsonb, null)]
    [InlineData("c_uuid", LogicalType.Uuid, null)]
    [InlineData("c_sa_uuid", LogicalType.Uuid, null)]
    [InlineData("c_enum", LogicalType.Enum, null)]
    [InlineData("c_binary", LogicalType.Binary, null)]
    [InlineData("c_array", LogicalType.Array, null)]
    [InlineData("c_custom", LogicalType.Text, 200)]
    [InlineData("a_int", LogicalType.Int32, null)]
    [InlineData("a_str", LogicalType.Text, null)]
    [InlineData("a_bool", LogicalType.Bool, null)]
    [InlineData("a_float", LogicalType.Float, null)]
    [InlineData("a_datetime", LogicalType.Timestamp, null)]
    [InlineData("a_date", LogicalType.Date, null)]
    [InlineData("a_uuid", LogicalType.Uuid, null)]
    [InlineData("a_dict", LogicalType.Json, null)]
    [InlineData("a_list", LogicalType.Json, null)]
    [InlineData("a_enum", LogicalType.Enum, null)]
    [InlineData("a_bytes", LogicalType.Binary, null)]
    public void Maps_type(string column, LogicalType expected, int? length)
    {
        var c = s_f.Column("samples", column);
        Assert.Equal(expected, c.Type);
        Assert.Equal(length, c.Length);
    }

    [Fact]
    public void Type_as_written_and_enum_names()
    {
        Assert.Equal("DateTime(timezone=True)", s_f.Column("samples", "c_dt_tz").TypeAsWritten);
        Assert.Equal("int", s_f.Column("samples", "a_int").TypeAsWritten);
        Assert.Equal("status_enum", s_f.Column("samples", "c_enum").EnumName);
        Assert.Equal("status", s_f.Column("samples", "a_enum").EnumName);
        Assert.Equal("ab", s_f.Column("samples", "c_enum_literal").EnumName);
        Assert.Equal("xy", s_f.Column("samples", "c_pg_enum").EnumName);
        Assert.Equal(["a", "b"], s_f.Schema.Enums.Single(e => e.Name == "ab").Values);
        Assert.Equal(["draft", "published"], s_f.Schema.Enums.Single(e => e.Name == "status").Values);
        Assert.Equal("postgresql", s_f.Schema.Dialect);
    }
}
