using SchemaAudit.Model;
using SchemaAudit.Rules.Portability;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Portability;

public sealed class ServerDefaultRawSqlTests
{
    private static List<SchemaAudit.Analysis.Finding> RunWith(string expression, bool isRawSql = true, LogicalType type = LogicalType.TimestampTz)
    {
        var column = Col("created_at", type, 12);
        column.ServerDefault = new DefaultValue(expression, isRawSql, Line(12));
        return Run(new ServerDefaultRawSql(), Schema(Table("messages", 1, column)));
    }

    [Theory]
    [InlineData("now()")]
    [InlineData("NOW()")]
    [InlineData("text(\"now()\")")]
    [InlineData("sa.text('now()')")]
    [InlineData("timezone('utc', now())")]
    [InlineData("current_timestamp()")]
    [InlineData("gen_random_uuid()")]
    [InlineData("uuid_generate_v4()")]
    [InlineData("nextval('invoice_number_seq')")]
    [InlineData("'{}'::jsonb")]
    [InlineData("'active'::character varying")]
    [InlineData("datetime('now')")]
    [InlineData("getutcdate()")]
    [InlineData("now() + interval '30 days'")]
    public void Reports_dialect_specific_sql(string expression) =>
        Assert.Equal(12, Assert.Single(RunWith(expression)).Span.Line);

    [Theory]
    [InlineData("CURRENT_TIMESTAMP")]
    [InlineData("current_date")]
    [InlineData("0")]
    [InlineData("'0'")]
    [InlineData("active")]
    [InlineData("{}")]
    [InlineData("text(\"CURRENT_TIMESTAMP\")")]
    [InlineData("false")]
    public void Portable_defaults_are_silent(string expression) => Assert.Empty(RunWith(expression));

    [Fact]
    public void Portable_constructs_are_never_judged() => Assert.Empty(RunWith("func.now()", isRawSql: false));

    [Fact]
    public void Now_is_rewritten_to_func_now()
    {
        var finding = Assert.Single(RunWith("now()"));
        Assert.Equal("server_default=\"now()\"", finding.Before);
        Assert.Equal("server_default=func.now()", finding.After);
        Assert.Contains("SQLite", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Casts_are_dropped_to_a_plain_literal()
    {
        var finding = Assert.Single(RunWith("text(\"'{}'::jsonb\")", type: LogicalType.Jsonb));
        Assert.Equal("server_default=text(\"'{}'::jsonb\")", finding.Before);
        Assert.Equal("server_default=\"{}\"", finding.After);
    }

    [Fact]
    public void Silent_for_ddl_views()
    {
        var column = Col("created_at", LogicalType.TimestampTz, 3);
        column.ServerDefault = new DefaultValue("now()", true, Line(3, "schema.sql"));
        var schema = Schema(Table("messages", 1, column));
        schema.SourceKind = SchemaSourceKind.SqlDdl;
        Assert.Empty(Run(new ServerDefaultRawSql(), schema));
    }
}
