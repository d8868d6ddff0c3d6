using System.Text.RegularExpressions;
using Npgsql;
using SchemaAudit.Configuration;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;
using static SchemaAudit.Tests.Live.LiveTestSupport;

namespace SchemaAudit.Tests.Live;

/// <summary>
/// The live-only rules on databases the tests create from <c>tests/fixtures/&lt;rule-id&gt;/*.sql</c>: a bad
/// fixture fires exactly on the indexes whose lines are marked <c>-- expect: rule-id</c>; a good one stays silent.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class LiveRuleTests(PostgresServer server)
{
    [GeneratedRegex(@"INDEX\s+(?<name>\w+)\s+ON.*--\s*expect:\s*(?<id>[a-z\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MarkedIndex();

    public static TheoryData<string, string> Cases() => new()
    {
        { "index-unused", "bad.sql" }, { "index-unused", "good.sql" },
        { "index-duplicate-live", "bad.sql" }, { "index-duplicate-live", "good.sql" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Fixture_fires_exactly_on_the_marked_indexes(string ruleId, string file)
    {
        var sql = Fixture($"{ruleId}/{file}");
        var database = server.CreateDatabase(sql);
        if (ruleId == "index-unused") ProduceUsage(database, useKindIndex: file.StartsWith("good", StringComparison.Ordinal));

        var result = AuditRunner.Audit([ReadSchema(server.Url(database))], ".", AuditConfig.Default);
        var expected = MarkedIndex().Matches(sql).Where(m => m.Groups["id"].Value == ruleId).Select(m => m.Groups["name"].Value).Order(StringComparer.Ordinal).ToList();
        var actual = result.Findings.Where(f => f.RuleId == ruleId).Select(f => f.Span.Path[(f.Span.Path.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        if (file.StartsWith("bad", StringComparison.Ordinal)) Assert.NotEmpty(expected);
    }

    [SkippableFact]
    public void Index_unused_states_the_statistics_window()
    {
        var database = server.CreateDatabase(Fixture("index-unused/bad.sql"));
        ProduceUsage(database, useKindIndex: false);
        var finding = AuditRunner.Audit([ReadSchema(server.Url(database))], ".", AuditConfig.Default).Findings.Single(f => f.RuleId == "index-unused");
        Assert.Contains("0 scans since statistics collection began", finding.Message, StringComparison.Ordinal);
        Assert.Equal(("events", "kind"), (finding.Table, finding.ColumnName));
    }

    [SkippableFact]
    public void Index_unused_is_silent_on_a_database_nobody_has_read()
    {
        var database = server.CreateDatabase(Fixture("index-unused/bad.sql"));
        var findings = AuditRunner.Audit([ReadSchema(server.Url(database))], ".", AuditConfig.Default).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId == "index-unused");
    }

    /// <summary>The metadata examples of the live rules run where they can: in a database.</summary>
    [SkippableTheory]
    [InlineData("index-duplicate-live")]
    public void Metadata_examples_behave(string ruleId)
    {
        var meta = RuleRegistry.FindMetadata(ruleId)!;
        int Count(string sql) => AuditRunner.Audit([ReadSchema(server.Url(server.CreateDatabase(sql)))], ".", AuditConfig.Default).Findings.Count(f => f.RuleId == ruleId);
        Assert.True(Count(meta.BadExample) > 0);
        Assert.Equal(0, Count(meta.GoodExample));
    }

    [SkippableFact]
    public void Index_unused_examples_behave()
    {
        var meta = RuleRegistry.FindMetadata("index-unused")!;
        int Count(string sql, bool useIndex)
        {
            var database = server.CreateDatabase(sql + "\nINSERT INTO events (id, kind, created_at) SELECT g, 'k' || (g % 10), now() FROM generate_series(1, 200) g;");
            ProduceUsage(database, useIndex);
            return AuditRunner.Audit([ReadSchema(server.Url(database))], ".", AuditConfig.Default).Findings.Count(f => f.RuleId == "index-unused");
        }
        Assert.True(Count(meta.BadExample, useIndex: false) > 0);
        Assert.Equal(0, Count(meta.GoodExample, useIndex: true));
    }

    /// <summary>Reads <c>events</c> the way an application would, then waits until the statistics show it.</summary>
    private void ProduceUsage(string database, bool useKindIndex)
    {
        using (var connection = new NpgsqlConnection(server.OwnerConnectionString(database)))
        {
            connection.Open();
            PostgresServer.Execute(connection, "ANALYZE events");
            PostgresServer.Execute(connection, "SELECT count(*) FROM events");
            if (useKindIndex)
                PostgresServer.Execute(connection, "SET enable_seqscan = off; SELECT * FROM events WHERE kind = 'k3'; RESET enable_seqscan;");
        }
        // A backend flushes its counters when it exits; give the server a moment to take them in.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var admin = server.OpenAdmin(database);
            using var command = new NpgsqlCommand("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'events'", admin);
            if (command.ExecuteScalar() is long reads && reads > 0) return;
            Thread.Sleep(100);
        }
        throw new TimeoutException("the statistics never showed the reads of `events`");
    }
}
