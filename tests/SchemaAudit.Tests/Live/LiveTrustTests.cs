using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;
using static SchemaAudit.Tests.Live.LiveTestSupport;

namespace SchemaAudit.Tests.Live;

/// <summary>Small defects of live audits: one finding per duplicate index, SQL that quotes and qualifies names, live locations without "line 0".</summary>
[Collection(PostgresCollection.Name)]
public sealed class LiveTrustTests(PostgresServer server)
{
    [SkippableFact]
    public void Identical_live_indexes_are_one_finding_not_two()
    {
        var database = server.CreateDatabase(Fixture("index-duplicate-live/bad.sql"));

        var result = AuditRunner.Audit([ReadSchema(server.Url(database))], ".", AuditConfig.Default);

        var duplicates = result.Findings.Where(f => f.RuleId == "index-duplicate-live").Select(f => f.Span.Path).ToHashSet();
        Assert.NotEmpty(duplicates);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "index-redundant" && duplicates.Contains(f.Span.Path));
    }

    [SkippableFact]
    public void Drop_index_advice_quotes_and_qualifies_the_name()
    {
        var database = server.CreateDatabase("""
            CREATE SCHEMA billing;
            CREATE TABLE billing.orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
            CREATE INDEX "Orders By Customer" ON billing.orders (customer_id);
            CREATE INDEX "Orders By Customer 2" ON billing.orders (customer_id);
            """);

        var result = AuditRunner.Audit([ReadSchema(server.Url(database))], ".", AuditConfig.Default);

        var finding = Assert.Single(result.Findings, f => f.RuleId == "index-duplicate-live");
        Assert.Contains("`DROP INDEX CONCURRENTLY billing.\"Orders By Customer 2\";`", finding.Recommendation, StringComparison.Ordinal);
        Assert.Contains("`billing.orders`", finding.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Live_locations_name_the_database_object_and_no_line()
    {
        var database = server.CreateDatabase("""
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, placed_at timestamptz NOT NULL);
            CREATE INDEX ix_orders_customer ON orders (customer_id);
            CREATE INDEX ix_orders_customer_placed ON orders (customer_id, placed_at);
            """);

        var (_, output, _) = RunCli("audit", "--db", server.Url(database), "--format", "markdown", "--fail-on", "none");

        Assert.DoesNotContain("line 0", output, StringComparison.Ordinal);
        Assert.Contains($"/{database}/public.orders", output, StringComparison.Ordinal);
    }
}
