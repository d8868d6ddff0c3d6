using System.Text.RegularExpressions;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Portability;

/// <summary>
/// A server default written as raw SQL that only some databases understand (<c>server_default="now()"</c>,
/// <c>"gen_random_uuid()"</c>, <c>"'{}'::jsonb"</c>): the model then only works on that database, and SQLite test
/// databases break.
/// </summary>
public sealed partial class ServerDefaultRawSql : Rule
{
    private enum Remedy { FuncNow, ClientUuid, Identity, DropCast, Rewrite }

    /// <summary>A dialect-specific construct: how to recognise it, where it works, what to write instead.</summary>
    private sealed record Construct(Regex Pattern, string Name, string WorksOn, Remedy Remedy);

    // Only constructs known to fail somewhere are listed. CURRENT_TIMESTAMP / CURRENT_DATE / CURRENT_TIME and
    // plain literals ('0', 'active', '{}') are portable and never match.
    private static readonly Construct[] s_constructs =
    [
        new(NowCall(), "now()", "PostgreSQL and MySQL; SQLite has no `now()`", Remedy.FuncNow),
        new(CurrentTimestampCall(), "current_timestamp(...)", "PostgreSQL and MySQL; SQLite only accepts `CURRENT_TIMESTAMP` without parentheses", Remedy.FuncNow),
        new(PostgresTimeFunction(), "PostgreSQL time function", "PostgreSQL only", Remedy.FuncNow),
        new(SqlServerTimeFunction(), "SQL Server time function", "SQL Server only", Remedy.FuncNow),
        new(MySqlTimeFunction(), "MySQL time function", "MySQL (and Oracle for `sysdate`) only", Remedy.FuncNow),
        new(SqliteTimeFunction(), "SQLite time function", "SQLite only", Remedy.FuncNow),
        new(PostgresUuid(), "PostgreSQL UUID function", "PostgreSQL only (`uuid_generate_*` also needs the uuid-ossp extension)", Remedy.ClientUuid),
        new(OtherUuid(), "UUID function", "one database only (`uuid()` is MySQL, `newid()` SQL Server)", Remedy.ClientUuid),
        new(NextVal(), "nextval()", "PostgreSQL only", Remedy.Identity),
        new(PostgresCast(), "`::` cast", "PostgreSQL only", Remedy.DropCast),
        new(PostgresJsonOrArray(), "PostgreSQL JSON/array constructor", "PostgreSQL only", Remedy.Rewrite),
        new(IntervalLiteral(), "interval literal", "PostgreSQL and MySQL, with different syntax", Remedy.Rewrite),
    ];

    [GeneratedRegex(@"\bnow\s*\(\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NowCall();

    [GeneratedRegex(@"\bcurrent_timestamp\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CurrentTimestampCall();

    [GeneratedRegex(@"\b(?:transaction_timestamp|statement_timestamp|clock_timestamp|timeofday|timezone)\s*\(|\blocaltimestamp\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostgresTimeFunction();

    [GeneratedRegex(@"\b(?:getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlServerTimeFunction();

    [GeneratedRegex(@"\b(?:utc_timestamp|unix_timestamp|curdate|curtime)\s*\(|\bsysdate\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MySqlTimeFunction();

    [GeneratedRegex(@"\b(?:datetime|date|time|julianday|strftime|unixepoch)\s*\(\s*'[^']*now", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqliteTimeFunction();

    [GeneratedRegex(@"\b(?:gen_random_uuid|uuid_generate_v[1-5](?:mc)?|uuidv[47])\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostgresUuid();

    [GeneratedRegex(@"\b(?:uuid|uuid_short|newid|newsequentialid|sys_guid)\s*\(|\brandomblob\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherUuid();

    [GeneratedRegex(@"\bnextval\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextVal();

    [GeneratedRegex(@"::\s*[a-z_""]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostgresCast();

    [GeneratedRegex(@"\b(?:jsonb?_build_(?:object|array)|to_jsonb?|array_agg|gen_random_bytes|txid_current|current_setting)\s*\(|\barray\s*\[", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostgresJsonOrArray();

    [GeneratedRegex(@"\binterval\s+'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntervalLiteral();

    // `text("now()")`, `sa.text('now()')`, or the quoted string itself: the SQL inside.
    [GeneratedRegex(@"^\s*(?:[A-Za-z_][A-Za-z0-9_]*\.)*text\s*\(\s*(?<q>[""'])(?<sql>.*)\k<q>\s*\)\s*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TextCall();

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "server-default-raw-sql",
        Title = "Dialect-specific raw SQL server default",
        Severity = Severity.Warning,
        Category = RuleCategory.Portability,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "A server default written as a raw SQL string is sent to the database as is. `now()`, `gen_random_uuid()`, "
            + "`nextval(...)` or a `::jsonb` cast exist only in some databases, so the same model fails to create its tables "
            + "(or stores a wrong default) elsewhere, typically in the SQLite database used by the test suite. "
            + "SQLAlchemy's SQL constructs are compiled per dialect instead: `func.now()` becomes `now()` on PostgreSQL and "
            + "`CURRENT_TIMESTAMP` on SQLite.",
        Fix = "Use a portable construct: `server_default=func.now()` for timestamps, a client-side `default=uuid.uuid4` for UUIDs, "
            + "`Identity()` for sequences, a plain literal without `::` casts (`server_default=\"{}\"`).",
        BadExample = """
            from datetime import datetime

            from sqlalchemy import DateTime, String
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                body: Mapped[str] = mapped_column(String(4000))
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default="now()")
            """,
        GoodExample = """
            from datetime import datetime

            from sqlalchemy import DateTime, String, func
            from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


            class Base(DeclarativeBase):
                pass


            class Message(Base):
                __tablename__ = "messages"
                id: Mapped[int] = mapped_column(primary_key=True)
                body: Mapped[str] = mapped_column(String(4000))
                status: Mapped[str] = mapped_column(String(20), server_default="sent")
                created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
                edited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default="CURRENT_TIMESTAMP")
            """,
        KnownProblems = "Only constructs known to fail on a common database are reported (time, UUID and sequence functions, `::` casts, "
            + "PostgreSQL JSON/array constructors, interval literals); an unknown function in a raw default is not judged. "
            + "`server_default=\"true\"`/`\"false\"` is not reported because whether it is emitted quoted depends on how it is written. "
            + "SQL DDL files and migrations state their dialect, so the rule only reads ORM models.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        if (!context.HasOrmFacts) yield break;
        foreach (var table in context.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.ServerDefault is not { IsRawSql: true } serverDefault) continue;
                if (serverDefault.Span.Path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)) continue;
                var sql = SqlOf(serverDefault.Expression);
                var construct = Array.Find(s_constructs, c => c.Pattern.IsMatch(sql));
                if (construct is null) continue;
                yield return Build(table, column, serverDefault.Expression, sql, construct);
            }
        }
    }

    /// <summary>The SQL text a default expression stands for: the content of <c>text("...")</c> or of a quoted string, or the expression itself.</summary>
    internal static string SqlOf(string expression)
    {
        var m = TextCall().Match(expression);
        if (m.Success) return m.Groups["sql"].Value;
        var e = expression.Trim();
        if (e.Length >= 2 && e[0] == '"' && e[^1] == '"') return e[1..^1];
        // A plain-string server_default is read as the SQL literal SQLAlchemy renders ('it''s'): its text is the raw SQL.
        if (e.Length >= 2 && e[0] == '\'' && e[^1] == '\'' && e[1..^1].Replace("''", "", StringComparison.Ordinal).IndexOf('\'') < 0)
            return e[1..^1].Replace("''", "'", StringComparison.Ordinal);
        return e;
    }

    private Finding Build(Table table, Column column, string expression, string sql, Construct construct)
    {
        var written = TextCall().IsMatch(expression) ? $"server_default={expression.Trim()}" : $"server_default=\"{sql}\"";
        var message = $"Server default `{sql}` on `{table.Name}.{column.Name}` is raw SQL that only some databases understand ({construct.WorksOn}), "
            + "so the table cannot be created as written elsewhere, typically in the SQLite database of a test suite.";

        string recommendation;
        string? after = null;
        switch (construct.Remedy)
        {
            case Remedy.FuncNow:
                after = "server_default=func.now()";
                recommendation = "Write `server_default=func.now()` (import `func` from `sqlalchemy`): it compiles to the right function on every dialect "
                    + "(`now()` on PostgreSQL, `CURRENT_TIMESTAMP` on SQLite).";
                break;
            case Remedy.ClientUuid:
                recommendation = "There is no portable SQL for a random UUID: generate it in the application with `default=uuid.uuid4` "
                    + "(keep the database default only in a PostgreSQL-specific migration if other writers need it).";
                after = "default=uuid.uuid4";
                break;
            case Remedy.Identity:
                recommendation = "Let SQLAlchemy create the sequence: `Identity()` (or `Sequence(\"name\")`) on the column instead of a raw `nextval(...)` default.";
                after = "Identity()";
                break;
            case Remedy.DropCast:
                var literal = WithoutCasts(sql);
                var unquoted = literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\'' ? literal[1..^1].Replace("''", "'", StringComparison.Ordinal) : null;
                after = unquoted is not null ? $"server_default=\"{unquoted}\"" : $"server_default=text(\"{literal}\")";
                recommendation = $"Drop the PostgreSQL `::` cast: the column type already gives the literal its type, so `{after}` works on every database.";
                break;
            default:
                recommendation = "Compute the default in the application (`default=`), or express it with SQLAlchemy constructs (`func.…`) that compile per dialect.";
                break;
        }

        return Report(column.Span, message, recommendation, table: table.Name, column: column.Name, before: written, after: after);
    }

    [GeneratedRegex(@"::\s*(?:""[^""]*""|[a-z_][a-z0-9_ ]*(?:\([^)]*\))?)(?:\[\])*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CastSuffix();

    private static string WithoutCasts(string sql) => CastSuffix().Replace(sql, "").Trim();
}
