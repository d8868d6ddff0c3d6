namespace SchemaAudit.Reporting.Sarif;

/// <summary>Where the project and its rule documentation live, for links in machine-read reports.</summary>
public static class ProjectLinks
{
    public const string Home = "https://github.com/schema-audit/schema-audit";

    /// <summary>The rule's page, generated from its metadata into <c>docs/rules/&lt;id&gt;.md</c>.</summary>
    public static string RuleHelp(string ruleId) => $"{Home}/blob/main/docs/rules/{Uri.EscapeDataString(ruleId)}.md";
}
