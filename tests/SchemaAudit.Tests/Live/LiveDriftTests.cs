using System.Text.Json.Nodes;
using static SchemaAudit.Tests.Live.LiveTestSupport;

namespace SchemaAudit.Tests.Live;

/// <summary>Drift between models (or DDL) and a live database, through <c>schema-audit diff</c> and <c>audit --db</c>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LiveDriftTests(PostgresServer server)
{
    private const string Models = "tests/fixtures/drift/models";

    private static List<(string Table, string? Column, string Message)> DriftOf(string json) =>
        [.. JsonNode.Parse(json)!["findings"]!.AsArray()
            .Where(f => (string?)f!["ruleId"] == "schema-drift")
            .Select(f => ((string)f!["table"]!, (string?)f["columnName"], (string)f["message"]!))];

    [SkippableFact]
    public void Models_vs_database_reports_exactly_the_differences()
    {
        var database = server.CreateDatabase(Fixture("drift/deployed_with_drift.sql"));
        var (code, stdout, stderr) = RunCli("diff", Models, server.Url(database), "--format", "json");
        Assert.True(code == 1, stdout + stderr);
        var drift = DriftOf(stdout);
        var all = string.Join("\n", drift.Select(d => $"{d.Table}.{d.Column}: {d.Message}"));
        Assert.True(drift.Count == 3, all);
        Assert.True(drift.Exists(d => d is ("users", "email", _) && d.Message.Contains("nullable in the models but NOT NULL in the database", StringComparison.Ordinal)), all);
        Assert.True(drift.Exists(d => d is ("posts", "author_id", _) && d.Message.Contains("ON DELETE CASCADE in the models but ON DELETE RESTRICT in the database", StringComparison.Ordinal)), all);
        Assert.True(drift.Exists(d => d is ("posts", null, _) && d.Message.Contains("has index (author_id) in the models but not in the database", StringComparison.Ordinal)), all);
        var paths = JsonNode.Parse(stdout)!["findings"]!.AsArray().Select(f => (string)f!["path"]!).ToList();
        Assert.All(paths, p => Assert.EndsWith("models.py", p, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Identical_models_and_database_report_no_drift()
    {
        var database = server.CreateDatabase(Fixture("drift/deployed_as_modelled.sql"));
        var (code, stdout, stderr) = RunCli("diff", Models, server.Url(database), "--format", "json");
        Assert.True(code == 0, stdout + stderr);
        Assert.Empty(DriftOf(stdout));
    }

    [SkippableFact]
    public void Audit_with_models_and_db_reports_drift_with_both_locations()
    {
        var database = server.CreateDatabase(Fixture("drift/deployed_with_drift.sql"));
        var (_, stdout, stderr) = RunCli("audit", Models, "--db", server.Url(database), "--format", "json", "--fail-on", "none");
        var findings = JsonNode.Parse(stdout)!["findings"]!.AsArray().Where(f => (string?)f!["ruleId"] == "schema-drift").ToList();
        Assert.True(findings.Count == 3, stdout + stderr);
        var email = findings.Single(f => (string?)f!["columnName"] == "email")!;
        Assert.Contains("#public.users.email", email.ToJsonString(), StringComparison.Ordinal);
    }
}
