using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Pipeline;

/// <summary>Everything reporters need: the model as understood, the findings, the score.</summary>
public sealed class AuditResult
{
    /// <summary>The audited root as shown in reports (<c>.</c> or the path given).</summary>
    public required string Root { get; init; }
    /// <summary>The primary view (ORM models when there are any, else migrations, else the live database).</summary>
    public required Schema Schema { get; init; }

    /// <summary>Every view that was read, primary first; several views are compared for drift.</summary>
    public IReadOnlyList<Schema> Views { get; init; } = [];

    /// <summary>All findings, suppressed ones included, sorted by path, line, column, rule id.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>Rules that ran (enabled ones), by id, for the checklist and "done well" sections.</summary>
    public required IReadOnlyList<Rules.Rule> RulesRun { get; init; }

    public IEnumerable<Finding> ActiveFindings => Findings.Where(f => !f.IsSuppressed);

    public required Score Score { get; init; }

    public required Statistics Statistics { get; init; }

    /// <summary>Set when findings were compared with a baseline file: only new findings remain in <see cref="Findings"/>.</summary>
    public Baseline.BaselineSummary? Baseline { get; init; }

    /// <summary>The configuration file applied, as shown to the user; null when none (defaults).</summary>
    public string? ConfigurationFile { get; init; }
}
