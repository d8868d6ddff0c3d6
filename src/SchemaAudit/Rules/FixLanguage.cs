using SchemaAudit.Model;

namespace SchemaAudit.Rules;

/// <summary>
/// The language a finding's advice and before/after snippets are written in: the user's own. A rule that
/// gives the same remedy to a SQLAlchemy model, a Drizzle schema and a SQL migration says it three ways.
/// </summary>
public enum FixLanguage
{
    /// <summary>SQLAlchemy models (<c>mapped_column(...)</c>, <c>ForeignKey(..., ondelete=...)</c>).</summary>
    SqlAlchemy,

    /// <summary>Drizzle schemas (<c>.references(() => t.id, { onDelete })</c>, <c>index(...).on(...)</c>).</summary>
    Drizzle,

    /// <summary>SQL: DDL files, migrations and live databases, where the remedy is a migration to write.</summary>
    Sql,
}

/// <summary>Which <see cref="FixLanguage"/> a finding speaks.</summary>
public static class FixLanguages
{
    /// <summary>
    /// Migrations (SQL or Alembic), SQL DDL and live databases get SQL: the fix is a migration to write, never an edit of
    /// one already applied. ORM models get their ORM's syntax, told by the file's extension; unknown sources get SQL,
    /// which every stack can run. (C# models get SQL until EF Core snippets exist.)
    /// </summary>
    public static FixLanguage Of(Schema schema, SourceSpan span) => schema.SourceKind switch
    {
        SchemaSourceKind.OrmModels => ByExtension(span.Path),
        _ => FixLanguage.Sql,
    };

    public static FixLanguage Of(RuleContext context, SourceSpan span) => Of(context.Schema, span);

    /// <summary>The Markdown fence language of snippets in <paramref name="language"/> for a finding in <paramref name="path"/>.</summary>
    public static string FenceName(FixLanguage language, string path = "") => language switch
    {
        FixLanguage.SqlAlchemy => "python",
        FixLanguage.Drizzle => path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase) ? "javascript" : "typescript",
        _ => "sql",
    };

    private static FixLanguage ByExtension(string path)
    {
        var dot = path.LastIndexOf('.');
        var slash = path.LastIndexOf('/');
        if (dot < 0 || dot < slash) return FixLanguage.Sql;
        return path[dot..].ToLowerInvariant() switch
        {
            ".py" or ".pyi" => FixLanguage.SqlAlchemy,
            ".ts" or ".mts" or ".cts" or ".tsx" or ".js" or ".mjs" or ".cjs" => FixLanguage.Drizzle,
            _ => FixLanguage.Sql,
        };
    }
}
