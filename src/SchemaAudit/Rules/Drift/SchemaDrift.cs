using SchemaAudit.Analysis;

namespace SchemaAudit.Rules.Drift;

/// <summary>
/// <c>schema-drift</c> compares two views of one schema, so it is not a single-view <see cref="Rule"/>:
/// <see cref="SchemaAudit.Drift.DriftDetector"/> computes it and the pipeline calls it when two views have tables.
/// The metadata lives here so that <c>explain</c>, the docs and the reports know the rule.
/// </summary>
public static class SchemaDrift
{
    public static RuleMetadata Metadata { get; } = new()
    {
        Id = "schema-drift",
        Title = "Two views of the schema disagree (models, migrations, database)",
        Severity = Severity.Warning,
        Category = RuleCategory.Integrity,
        Precision = RulePrecision.Provisional(PrecisionLevel.High),
        Why = "The models say what the code expects; the migrations and the live database say what is deployed. "
            + "When they disagree, the code meets a schema it was not written for: a column the model thinks is nullable is NOT NULL in production "
            + "and inserts fail; an index the model declares is missing and a query scans the table; a foreign key cascades in one place and not in the other. "
            + "These bugs appear only after a deploy.",
        Fix = "Decide which side is right. Either write a migration that brings the database to the model (and apply it), "
            + "or correct the model so that it says what is deployed. Then audit both again: `schema-audit diff app/models migrations/`.",
        ExampleLanguage = "sql",
        ComparesViews = true,
        BadExample = """
            -- view: migrations/0001_init.sql
            CREATE TABLE users (
                id bigint PRIMARY KEY,
                email text
            );

            -- view: the live database
            CREATE TABLE users (
                id bigint PRIMARY KEY,
                email text NOT NULL
            );
            """,
        GoodExample = """
            -- view: migrations/0001_init.sql
            CREATE TABLE users (
                id bigint PRIMARY KEY,
                email text NOT NULL
            );

            -- view: the live database
            CREATE TABLE users (
                id bigint PRIMARY KEY,
                email text NOT NULL
            );
            """,
        SeverityPolicy = "Graded by what differs. Critical only where the code shows a runtime failure: a column the ORM models map but the "
            + "database side (migrations or live database) lacks, since the ORM selects and inserts every mapped column; and a NOT NULL column "
            + "without a default that the models do not map, since every insert the ORM makes fails. Warning: a missing table, any other missing "
            + "column, a different NOT NULL, type or length, a missing or retargeted foreign key or a different ON DELETE, a primary key over "
            + "other columns, a unique constraint present on one side only, and a default present on one side only of a NOT NULL column that "
            + "no client default fills. Suggestion: any other default that differs in value (spelling differences such as quoting, casts, "
            + "`now()` against `CURRENT_TIMESTAMP` are not reported at all), a different ON UPDATE, a plain index present on one side only, "
            + "and an index, unique constraint or primary key over the same columns in another order, which is one finding, not one "
            + "missing on each side. A view that is partial (a migration history starting from an unseen baseline) reports only what it knows.",
        KnownProblems = "Names are compared case-insensitively and without schema qualification; index and constraint names are ignored "
            + "(an index is identified by its columns, uniqueness and predicate). A FK that states no action and one that states NO ACTION are the same "
            + "(a database cannot tell them apart). Client-side ORM defaults are not compared (they never reach the database). Expression indexes and "
            + "defaults are compared after normalizing spelling (case, casts, parentheses, identifier quotes, columns qualified by their own table, "
            + "`now()` ≡ `CURRENT_TIMESTAMP`, JSON literals as compact JSON); an expression the catalog rewrites more deeply can still show as drift. "
            + "On SQLite (both views SQLite, or one SQLite and the other unknown) a type is its storage affinity (INTEGER, TEXT, BLOB, REAL, NUMERIC, "
            + "by SQLite's own rules): `integer(\"created_at\", { mode: \"timestamp\" })` and `created_at integer` are the same column, and lengths "
            + "(`text(512)`), which SQLite never enforces, are not compared; only a change of affinity is drift. Enum values, CHECK constraints and comments are not compared. The examples are two views, each introduced by a `-- view:` line.",
    };
}
