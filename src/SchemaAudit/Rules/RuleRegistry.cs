namespace SchemaAudit.Rules;

/// <summary>
/// All rules in this assembly, sorted by id. The list is written at compile time by
/// SchemaAudit.Generators (every concrete <see cref="Rule"/> subclass), so adding a rule is adding
/// its file, and no reflection runs at start-up (the CLI can be compiled ahead of time).
/// </summary>
public static partial class RuleRegistry
{
    private static readonly Lazy<IReadOnlyList<Rule>> s_all = new(() =>
        [.. CreateAllRules().OrderBy(r => r.Id, StringComparer.Ordinal)]);

    public static IReadOnlyList<Rule> All => s_all.Value;

    public static Rule? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>The ids of rules the engine itself reports (not <see cref="Rule"/> subclasses).</summary>
    public static readonly RuleMetadata UnusedSuppression = new()
    {
        Id = "unused-suppression",
        Title = "Inline ignore comment that suppresses nothing",
        Severity = Analysis.Severity.Info,
        Category = Analysis.RuleCategory.Tool,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "An ignore comment that no longer matches a finding hides nothing today but will silently hide a real problem later; suppressions rot unless they are checked.",
        Fix = "Delete the comment, or correct the rule id it names.",
        BadExample = """
            from sqlalchemy import Column, Integer
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            class Tag(Base):
                __tablename__ = "tags"
                id = Column(Integer, primary_key=True)  # schema-audit: ignore[table-no-primary-key]
            """,
        GoodExample = """
            from sqlalchemy import Column, Integer
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()

            class Tag(Base):
                __tablename__ = "tags"
                id = Column(Integer, primary_key=True)
            """,
    };

    /// <summary>Metadata of every rule, engine rules (unused suppressions, drift between views) included, sorted by id.</summary>
    public static IEnumerable<RuleMetadata> AllMetadata =>
        All.Select(r => r.Metadata).Append(UnusedSuppression).Append(Drift.SchemaDrift.Metadata).OrderBy(m => m.Id, StringComparer.Ordinal);

    private static readonly Lazy<Dictionary<string, RuleMetadata>> s_byId =
        new(() => AllMetadata.ToDictionary(m => m.Id, StringComparer.Ordinal));

    public static RuleMetadata? FindMetadata(string id) => s_byId.Value.GetValueOrDefault(id);
}
