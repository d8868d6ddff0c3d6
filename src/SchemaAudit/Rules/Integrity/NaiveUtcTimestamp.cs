using System.Text.RegularExpressions;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Integrity;

/// <summary>Timestamps written or stored without a time zone: <c>datetime.utcnow</c>, <c>datetime.now()</c>, PostgreSQL <c>timestamp without time zone</c>.</summary>
public sealed partial class NaiveUtcTimestamp : Rule
{
    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "naive-utc-timestamp",
        Title = "Naive timestamp",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Why = "`datetime.utcnow()` is deprecated since Python 3.12 and returns a naive datetime: nothing in the value says it is UTC, "
            + "so comparing it with an aware datetime raises `TypeError`, and any code, driver or server that assumes local time shifts it "
            + "silently. `datetime.now()` without a time zone is worse: it is the server's local time. On PostgreSQL, `timestamp without "
            + "time zone` stores whatever wall-clock value it is given and loses the offset, so one deployment in another zone corrupts the ordering.",
        Fix = "Use aware values and columns: `default=lambda: datetime.now(timezone.utc)` (or `server_default=func.now()`) with "
            + "`DateTime(timezone=True)` (`timestamptz` on PostgreSQL).",
        BadExample = """
            from datetime import datetime

            from sqlalchemy import Column, DateTime, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                created_at = Column(DateTime, default=datetime.utcnow, nullable=False)
            """,
        GoodExample = """
            from datetime import datetime, timezone

            from sqlalchemy import Column, DateTime, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class Session(Base):
                __tablename__ = "sessions"
                id = Column(Integer, primary_key=True)
                title = Column(String(200))
                created_at = Column(DateTime(timezone=True), default=lambda: datetime.now(timezone.utc), nullable=False)
            """,
        SeverityPolicy = "A warning for values that are naive where they are made (`datetime.utcnow`, `datetime.now()` without a "
            + "zone) and for `timestamp without time zone` columns that name an instant on PostgreSQL. Silent for a custom column type "
            + "that converts every value to UTC on the way in (a `TypeDecorator` whose `process_bind_param` calls "
            + "`astimezone(timezone.utc)`). When the whole project stores naive timestamps, it is one project-level finding.",
        KnownProblems = "`datetime.utcnow` and `datetime.now()` without a time zone in a default or on-update are reported whatever the "
            + "database. A naive column type without such a default is reported only when the dialect is known to be PostgreSQL and the "
            + "name says it holds an instant (`*_at`, `*_time`, `timestamp`): SQLite has no time zone type and MySQL `DATETIME` none either, "
            + "and plain `DateTime` is too common in projects of unknown dialect to report without evidence.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var postgres = string.Equals(context.Schema.Dialect, "postgresql", StringComparison.OrdinalIgnoreCase);
        var naive = context.Schema.Tables
            .SelectMany(t => t.Columns.Select(c => (t, c)))
            .Where(x => x.c.Type is LogicalType.Timestamp or LogicalType.TimestampTz or LogicalType.Unknown)
            .Where(x => !NormalizedToUtc(context, x.c));
        foreach (var (column, tables) in SharedDeclarations.BySpan(naive, c => c.Span))
        {
            var naiveType = column.Type == LogicalType.Timestamp;
            var defaultKind = Classify(column.ClientDefault);
            var onUpdateKind = Classify(column.OnUpdate);
            if (defaultKind != ValueKind.Aware || onUpdateKind != ValueKind.Aware)
            {
                yield return ReportNaiveValue(tables, column, naiveType, defaultKind, onUpdateKind);
            }
            else if (naiveType && postgres && AuditColumnNames.NamesAnInstant(column.Name))
            {
                var name = column.Attribute?.Name ?? column.Name;
                var fix = FixSyntax.For(context, column.Span);
                var alter = $"ALTER TABLE {FixSyntax.Ident(tables[0].Name)} ALTER COLUMN {FixSyntax.Ident(column.Name)} TYPE timestamptz USING {FixSyntax.Ident(column.Name)} AT TIME ZONE 'UTC';";
                var (recommendation, before, after) = fix.Language switch
                {
                    FixLanguage.SqlAlchemy => ($"Declare `{name}` as `DateTime(timezone=True)` (`timestamptz`).", Written(column), "DateTime(timezone=True)"),
                    FixLanguage.Drizzle => ($"Declare `{name}` with `timestamp({{ withTimezone: true }})` (`timestamptz`).", (string?)null, "timestamp({ withTimezone: true })"),
                    _ => ($"Change `{column.Name}` to `timestamptz` in a new migration (stating the zone the stored values are in, here UTC).", null, alter),
                };
                yield return Report(column.Span,
                    $"{SharedDeclarations.Name(tables, column.Name)} is `timestamp without time zone` (`{Written(column)}`) on PostgreSQL: the instant is stored without its offset.",
                    recommendation,
                    table: tables[0].Name, column: column.Name,
                    before: before, after: after, reaches: tables);
            }
        }
    }

    private Finding ReportNaiveValue(List<Table> tables, Column column, bool naiveType, ValueKind defaultKind, ValueKind onUpdateKind)
    {
        var worst = defaultKind > onUpdateKind ? defaultKind : onUpdateKind;
        var name = column.Attribute?.Name ?? column.Name;
        var what = worst == ValueKind.UtcNow
            ? "`datetime.utcnow`, which is deprecated and returns a naive datetime"
            : "`datetime.now()` without a time zone, which is the server's local time";
        var (where, verb) = (defaultKind != ValueKind.Aware, onUpdateKind != ValueKind.Aware) switch
        {
            (true, true) => ("default and on-update", "use"),
            (true, false) => ("default", "uses"),
            _ => ("on-update", "uses"),
        };
        var parts = new List<(string Key, string Value)>();
        if (defaultKind != ValueKind.Aware) parts.Add(("default", column.ClientDefault!));
        if (onUpdateKind != ValueKind.Aware) parts.Add(("onupdate", column.OnUpdate!));
        var before = string.Join(", ", parts.Select(p => $"{p.Key}={p.Value}"));
        var after = string.Join(", ", parts.Select(p => $"{p.Key}=lambda: datetime.now(timezone.utc)"));
        if (naiveType)
        {
            before = $"{Written(column)}, {before}";
            after = $"DateTime(timezone=True), {after}";
        }
        return Report(column.Span,
            $"The {where} of {SharedDeclarations.Name(tables, column.Name)} {verb} {what}.",
            naiveType
                ? $"Use `lambda: datetime.now(timezone.utc)` and declare `{name}` as `DateTime(timezone=True)`, so the value and the column both carry the offset."
                : $"Use `lambda: datetime.now(timezone.utc)` (or `server_default=func.now()`).",
            table: tables[0].Name, column: column.Name, before: before, after: after, reaches: tables);
    }

    public override ConventionPolicy Convention { get; } = new()
    {
        Message = (places, tables) => $"{places} timestamp columns in {tables} tables are naive (no time zone in the column type "
            + "or in the value written): the project stores instants without their offset.",
        Recommendation = "Adopt one convention project-wide: `timestamptz` columns (`DateTime(timezone=True)`, "
            + "`timestamp({ withTimezone: true })`) filled with aware values (`datetime.now(timezone.utc)`, `now()`), "
            + "declared once in a shared helper or mixin.",
    };

    // `created_at = Column(UtcDateTime)` where UtcDateTime is a TypeDecorator that converts to UTC on the way in.
    private static bool NormalizedToUtc(RuleContext context, Column column)
    {
        var types = context.Schema.Evidence.UtcNormalizingTypes;
        if (types.Count == 0 || column.TypeAsWritten.Length == 0) return false;
        var written = column.TypeAsWritten;
        var end = written.IndexOf('(');
        var root = end < 0 ? written : written[..end];
        var dot = root.LastIndexOf('.');
        return types.Contains(dot < 0 ? root.Trim() : root[(dot + 1)..].Trim());
    }

    private static string Written(Column column) => column.TypeAsWritten.Length > 0 ? column.TypeAsWritten : "DateTime";

    private enum ValueKind { Aware, LocalNow, UtcNow }

    private static ValueKind Classify(string? expression)
    {
        if (expression is null) return ValueKind.Aware;
        if (UtcNow().IsMatch(expression)) return ValueKind.UtcNow;
        if (NaiveNow().IsMatch(expression)) return ValueKind.LocalNow;
        return ValueKind.Aware;
    }

    // Only the stdlib call: a project's own `utcnow()` helper usually returns an aware value.
    [GeneratedRegex(@"\bdatetime\.utcnow\b")]
    private static partial Regex UtcNow();

    // `datetime.now`, `datetime.now()`, `datetime.today()`: no time zone argument. `datetime.now(timezone.utc)` is aware.
    [GeneratedRegex(@"\bdatetime\.(?:now|today)\b(?!\s*\(\s*[^)\s])")]
    private static partial Regex NaiveNow();
}
