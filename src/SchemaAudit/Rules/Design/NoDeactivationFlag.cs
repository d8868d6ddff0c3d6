using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Design;

/// <summary>
/// An account, user, member or client table with no way to switch a row off (<c>enabled</c>, <c>status</c>, <c>deleted_at</c>,
/// <c>banned_at</c>): the only way to lock someone out is to delete them.
/// </summary>
public sealed class NoDeactivationFlag : Rule
{
    // Head nouns of tables whose rows are principals that may need to be locked out.
    private static readonly FrozenSet<string> s_principalNouns = new[]
    {
        "account", "user", "member", "client", "customer", "employee", "admin", "operator", "principal", "subscriber",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Any of these words in a column name is a way to switch a row off.
    private static readonly FrozenSet<string> s_deactivationWords = new[]
    {
        "enabled", "disabled", "active", "inactive", "status", "state", "deleted", "archived", "banned", "suspended", "blocked",
        "locked", "deactivated", "revoked", "removed", "closed", "lifecycle", "unsubscribed", "cancelled", "canceled", "terminated",
    }.ToFrozenSet(StringComparer.Ordinal);

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "no-deactivation-flag",
        Title = "Account table without a way to deactivate a row",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Design,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "People leave, credentials leak, customers stop paying. Without an `enabled` flag, a `status` or a `deleted_at`, the only way "
            + "to lock an account out is to delete it, which either fails (other rows reference it with RESTRICT) or destroys its history "
            + "(CASCADE), and cannot be undone when the deactivation was a mistake.",
        Fix = "Add `enabled boolean NOT NULL DEFAULT true`, or a `status` enum (`active`, `suspended`, `deactivated`), or `disabled_at`/"
            + "`deleted_at` timestamps; check it at sign-in and token validation.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE accounts (
                id uuid PRIMARY KEY,
                email text NOT NULL UNIQUE,
                display_name text
            );
            """,
        GoodExample = """
            CREATE TABLE accounts (
                id uuid PRIMARY KEY,
                email text NOT NULL UNIQUE,
                display_name text,
                enabled boolean NOT NULL DEFAULT true
            );
            """,
        KnownProblems = "Tables are recognised by their head noun (`accounts`, `users`, `organization_members`, `clients`, `customers`, …). "
            + "Membership link tables (only foreign keys and a role or level) are skipped: removing the membership row is the deactivation.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (NameHeuristics.HeadNoun(table.Name) is not { } noun || !s_principalNouns.Contains(noun)) continue;
            if (table.IsAssociationTable || (table.ForeignKeys.Count >= 2 && TableTraits.IsLinkTable(table))) continue;
            if (table.Columns.Exists(c => NameHeuristics.AnyWordIn(c.Name, s_deactivationWords))) continue;
            var fix = FixSyntax.For(context, table.Span);
            var (column, after) = fix.Language switch
            {
                FixLanguage.SqlAlchemy => ("enabled: Mapped[bool] = mapped_column(server_default=true())",
                    "enabled: Mapped[bool] = mapped_column(server_default=true())  # from sqlalchemy import true"),
                FixLanguage.Drizzle => ("enabled: boolean().notNull().default(true)", "enabled: boolean().notNull().default(true),"),
                _ => ("enabled boolean NOT NULL DEFAULT true", fix.AddColumn(table, "enabled boolean NOT NULL DEFAULT true")),
            };
            yield return Report(table.Span,
                $"`{table.Name}` has no way to deactivate a row (no `enabled`, `status`, `deleted_at` or similar column): locking "
                + $"{Article(noun)} {noun} out means deleting it.",
                $"Add `{column}` (or a `status` enum, or `disabled_at`/`deleted_at`) to `{fix.TableObject(table)}` and check it "
                + "at sign-in and token validation.",
                table: table.Name,
                after: after);
        }
    }

    // "an account", "an admin", but "a user": the nouns above start with a vowel sound only when spelled with a, e, i, o.
    private static string Article(string noun) => noun.Length > 0 && "aeio".Contains(noun[0]) ? "an" : "a";
}
