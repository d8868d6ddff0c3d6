using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Drift;
using SchemaAudit.Model;
using SchemaAudit.Pipeline;

namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>
/// A plain-string <c>server_default</c> is rendered by SQLAlchemy as a quoted SQL literal
/// (<c>server_default="draft"</c> → <c>DEFAULT 'draft'</c>), so the model holds that literal
/// (found by the same-schema test: the model said <c>draft</c> where the DDL said <c>'draft'</c>).
/// </summary>
public sealed class ServerDefaultLiteralTests
{
    private static Schema Read(string columns) => AuditRunner.BuildSchema([new SourceFile("/project/models.py", "models.py", $$"""
        from sqlalchemy import String, text
        from sqlalchemy.dialects.postgresql import JSONB
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


        class Base(DeclarativeBase):
            pass


        class Post(Base):
            __tablename__ = "posts"
            id: Mapped[int] = mapped_column(primary_key=True)
        {{columns}}
        """)]);

    [Theory]
    [InlineData("server_default=\"draft\"", "'draft'", "'draft'")]
    [InlineData("server_default=\"it's\"", "'it''s'", "'it''s'")]
    [InlineData("server_default=text(\"'draft'\")", "text(\"'draft'\")", "'draft'")]
    public void Plain_string_default_is_the_sql_literal_sqlalchemy_renders(string argument, string expression, string sql)
    {
        var schema = Read($"    status: Mapped[str] = mapped_column(String(20), {argument})");
        var status = schema.FindTable("posts")!.FindColumn("status")!;
        Assert.Equal(expression, status.ServerDefault!.Expression);
        Assert.Equal(sql, DefaultExpressionNormalizer.Normalize(status.ServerDefault.Expression));
    }

    [Fact]
    public void Plain_string_default_is_no_drift_against_the_same_ddl_literal()
    {
        var models = Read("    status: Mapped[str] = mapped_column(String(20), server_default=\"draft\")");
        var ddl = AuditRunner.BuildSchema([new SourceFile("/project/schema.sql", "schema.sql",
            "CREATE TABLE posts (id serial PRIMARY KEY, status varchar(20) NOT NULL DEFAULT 'draft');")]);
        var findings = AuditRunner.Audit([models, ddl], ".", AuditConfig.Default).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId == "schema-drift" && f.ColumnName == "status");
    }

    [Fact]
    public void Raw_sql_in_a_plain_string_is_still_reported_with_its_text()
    {
        var schema = Read("""
                settings: Mapped[dict] = mapped_column(JSONB, server_default="'{}'::jsonb")
                created: Mapped[str] = mapped_column(server_default="now()")
            """);
        var findings = AuditRunner.Audit([schema], ".", AuditConfig.Default).Findings.Where(f => f.RuleId == "server-default-raw-sql").ToList();
        Assert.Contains(findings, f => f.ColumnName == "settings" && f.Message.Contains("`'{}'::jsonb`", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.ColumnName == "created" && f.Message.Contains("`now()`", StringComparison.Ordinal));
    }
}
