using SchemaAudit.Analysis;
using SchemaAudit.Configuration;
using SchemaAudit.Discovery;
using SchemaAudit.Pipeline;
using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Rules;

public sealed class PrecisionGateTests
{
    // A table without a primary key (a medium-precision rule, critical by default) and a raw server default (high precision, warning).
    private const string Models = """
        from sqlalchemy import Column, DateTime, Integer, String, Table
        from sqlalchemy.orm import declarative_base

        Base = declarative_base()

        audit_entries = Table(
            "audit_entries",
            Base.metadata,
            Column("message", String(200)),
        )


        class Account(Base):
            __tablename__ = "accounts"
            id = Column(Integer, primary_key=True)
            created_at = Column(DateTime(timezone=True), server_default="now()", nullable=False)
        """;

    private static AuditResult Audit(AuditConfig config) =>
        AuditRunner.Audit(AuditRunner.BuildViews([new SourceFile("/project/app/models.py", "app/models.py", Models)]), ".", config);

    private static Severity SeverityOf(AuditResult result, string ruleId) => result.Findings.Single(f => f.RuleId == ruleId).Severity;

    [Fact]
    public void By_default_a_rule_below_high_precision_reports_a_suggestion_and_a_precise_one_keeps_its_severity()
    {
        Assert.False(RuleRegistry.FindMetadata("table-no-primary-key")!.Precision.ReportsAtOwnSeverity);
        var result = Audit(AuditConfig.Default);
        Assert.Equal(Severity.Suggestion, SeverityOf(result, "table-no-primary-key"));
        Assert.Equal(Severity.Warning, SeverityOf(result, "server-default-raw-sql"));
    }

    [Fact]
    public void All_reports_every_rule_at_its_own_severity()
    {
        var result = Audit(new AuditConfig { AllAtOwnSeverity = true });
        Assert.Equal(Severity.Warning, SeverityOf(result, "table-no-primary-key"));
    }

    [Fact]
    public void A_severity_the_configuration_sets_is_kept()
    {
        var config = new AuditConfig();
        config.Severities["table-no-primary-key"] = Severity.Warning;
        Assert.Equal(Severity.Warning, SeverityOf(Audit(config), "table-no-primary-key"));
    }

    [Fact]
    public void Every_rule_states_a_precision_and_measured_figures_are_consistent()
    {
        foreach (var meta in RuleRegistry.AllMetadata)
        {
            var p = meta.Precision;
            Assert.NotNull(p);
            if (!p.IsMeasured) continue;
            Assert.InRange(p.Real, 0, p.Judged);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", p.Measured!);
        }
    }
}
