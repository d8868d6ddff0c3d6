using SchemaAudit.Frontends.Sql;

namespace SchemaAudit.Tests.Sql;

public sealed class SqlDialectSnifferTests
{
    [Theory]
    [InlineData("CREATE TABLE [dbo].[User] ([Id] UNIQUEIDENTIFIER NOT NULL, CONSTRAINT [PK_User] PRIMARY KEY CLUSTERED ([Id] ASC));\nGO\n", SqlDialect.TSql)]
    [InlineData("CREATE TABLE t (id INT IDENTITY(1,1) NOT NULL, name NVARCHAR(50))\nGO", SqlDialect.TSql)]
    [InlineData("CREATE TABLE v (id String CODEC(ZSTD(1)), r LowCardinality(String)) ENGINE = MergeTree() ORDER BY id;", SqlDialect.ClickHouse)]
    [InlineData("CREATE TABLE `t` (`id` int unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;", SqlDialect.MySql)]
    [InlineData("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, at integer DEFAULT (strftime('%s', 'now')));", SqlDialect.Sqlite)]
    [InlineData("CREATE TABLE t (id bigserial PRIMARY KEY, data jsonb DEFAULT '{}'::jsonb);", SqlDialect.PostgreSql)]
    [InlineData("DO $$ BEGIN CREATE TYPE \"public\".\"k\" AS ENUM('a'); EXCEPTION WHEN duplicate_object THEN null; END $$;", SqlDialect.PostgreSql)]
    [InlineData("CREATE TABLE t (id int PRIMARY KEY, name varchar(20) NOT NULL);", SqlDialect.Neutral)]
    [InlineData("", SqlDialect.Neutral)]
    public void Each_dialect_is_told_by_its_own_markers(string sql, SqlDialect expected)
    {
        var verdict = SqlDialectSniffer.Sniff(sql);
        Assert.Equal(expected, verdict.Dialect);
        Assert.Equal(expected == SqlDialect.Neutral, verdict.Evidence is null);
    }

    [Fact]
    public void A_word_go_inside_a_line_or_a_name_is_not_a_batch_separator()
    {
        Assert.Equal(SqlDialect.Neutral, SqlDialectSniffer.Sniff("CREATE TABLE go (id int);\n-- go to the next step\nCREATE TABLE going (id int);").Dialect);
    }

    [Fact]
    public void Garbage_and_unterminated_input_give_a_verdict_without_throwing()
    {
        var junk = new string('$', 10_000) + "[[[[" + new string('(', 5000) + "'unterminated";
        _ = SqlDialectSniffer.Sniff(junk);
        Assert.Equal(SqlDialect.TSql, SqlDialectSniffer.Sniff("\u0000GO\n[dbo].[x]\n").Dialect);
    }
}
