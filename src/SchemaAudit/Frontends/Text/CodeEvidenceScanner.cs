using System.Text.RegularExpressions;
using SchemaAudit.Discovery;
using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Text;

/// <summary>
/// Reads what the application code does with the tables (<see cref="CodeEvidence"/>): deletes, NULL writes and
/// timestamp writes, by a few regular expressions over every Python, TypeScript/JavaScript and SQL file. It never
/// resolves types: a name is matched to a table by the rules, in the forms code usually gives it. Test code is not
/// evidence of what production does, and is skipped. One pass per file, linear in the project's size.
/// </summary>
public static partial class CodeEvidenceScanner
{
    // session.delete(user), db.delete(users), tx.delete(schema.users), delete(User), sa.delete(User)
    [GeneratedRegex(@"(\.|\b)delete\(\s*(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*[,)]", RegexOptions.CultureInvariant)]
    private static partial Regex DeleteCall();

    // User.query.filter_by(...).delete(), session.query(User).filter(...).delete()
    [GeneratedRegex(@"(?:\b([A-Z]\w*)\.query\b|\bquery\(\s*([A-Z]\w*)\s*\))[^\n;]*?\.delete\(", RegexOptions.CultureInvariant)]
    private static partial Regex QueryDelete();

    [GeneratedRegex(@"\bDELETE\s+FROM\s+[""`\[]?(?:\w+[""`\]]?\.[""`\[]?)?(\w+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SqlDelete();

    // row.owner_id = None (not ==)
    [GeneratedRegex(@"\.([A-Za-z_]\w*)\s*=(?!=)\s*None\b", RegexOptions.CultureInvariant)]
    private static partial Regex PythonNullWrite();

    // .update(dict(owner_id=None)), .update({"owner_id": None}), .values(owner_id=None)
    [GeneratedRegex(@"\.(?:update|values)\(([^\n]*)", RegexOptions.CultureInvariant)]
    private static partial Regex PythonUpdateCall();

    [GeneratedRegex(@"[""']?([A-Za-z_]\w*)[""']?\s*[:=]\s*None\b", RegexOptions.CultureInvariant)]
    private static partial Regex PythonNullArgument();

    // row.updated_at = datetime.now(timezone.utc) / func.now() / utcnow()
    [GeneratedRegex(@"\.([A-Za-z_]\w*)\s*=(?!=)[^\n#]*?\b(?:now|utcnow|time)\(", RegexOptions.CultureInvariant)]
    private static partial Regex PythonTimestampWrite();

    // .set({ ... }) and .values({ ... }) objects of Drizzle/Kysely/Knex updates: the keys written.
    [GeneratedRegex(@"\.(?:set|update|values)\(\s*\{", RegexOptions.CultureInvariant)]
    private static partial Regex WriteObjectStart();

    [GeneratedRegex(@"([A-Za-z_$][\w$]*)\s*:\s*null\b", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectNullKey();

    [GeneratedRegex(@"([A-Za-z_$][\w$]*)\s*:\s*(?:new\s+Date\(|Date\.now\(|sql`\s*(?:now\(\)|current_timestamp)|dayjs\(\)|DateTime\.now)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ObjectTimestampKey();

    // UPDATE t SET updated_at = now(), other = 1, edited_at = CURRENT_TIMESTAMP (application queries; a trigger's
    // `NEW.updated_at := now()` is a per-table hook the SQL front-end records itself)
    [GeneratedRegex(@"(?:\bSET\s+|,\s*)[""`]?(\w+)[""`]?\s*:?=\s*(?:now\(\)|current_timestamp|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\)|localtimestamp|datetime\('now'\))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SqlTimestampWrite();

    // Other languages' update code (Rust/diesel, Go, Java, Ruby, C#, PHP, Elixir): a timestamp-like field or column set
    // to the current time: `post::updated_at.eq(Utc::now())`, `row.UpdatedAt = time.Now()`, `updated_at: Some(naive_now())`.
    [GeneratedRegex(@"\b(\w*(?:updat|modif|edited|changed)\w*)(?:\.eq\(|\s*:?=\s*|\s*:\s*|\s*=>\s*)(?:Some\(|&)*[\w:.]*?(?:now|Now|utc_now|naive_now|NOW|utcnow)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OtherTimestampWrite();

    // class NaiveDateTime(TypeDecorator): ... astimezone(timezone.utc) ...
    [GeneratedRegex(@"^class\s+(\w+)\s*\([^)]*TypeDecorator[^)]*\)\s*:", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex TypeDecoratorClass();

    [GeneratedRegex(@"astimezone\(\s*(?:datetime\.)?(?:timezone\.utc|UTC|utc|pytz\.utc|tz\.UTC|ZoneInfo\(\s*[""']UTC)", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertsToUtc();

    [GeneratedRegex(@"^\S", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex TopLevelStatement();

    private const int MaxObjectLength = 2000;

    public static CodeEvidence Scan(IReadOnlyList<SourceFile> files)
    {
        var evidence = new CodeEvidence();
        foreach (var file in files)
        {
            if (IsTestOrExample(file.RelativePath)) continue;
            switch (file.Extension)
            {
                case ".py":
                    ScanPython(file, evidence);
                    break;
                case ".ts" or ".tsx" or ".js" or ".mjs" or ".cjs" or ".mts" or ".cts" or ".jsx":
                    ScanScript(file, evidence);
                    break;
                case ".sql":
                    ScanSql(file, evidence);
                    break;
                case ".rs" or ".go" or ".java" or ".kt" or ".rb" or ".cs" or ".php" or ".ex" or ".exs" or ".scala":
                    ScanOther(file, evidence);
                    break;
            }
        }
        return evidence;
    }

    private static void ScanPython(SourceFile file, CodeEvidence evidence)
    {
        var lines = new LineStarts(file.Text);
        ScanDeletes(file, lines, evidence, python: true);
        if (file.Text.Contains("TypeDecorator", StringComparison.Ordinal)) ScanTypeDecorators(file, evidence);
        foreach (Match m in PythonNullWrite().Matches(file.Text))
            Add(evidence.NullWrites, m.Groups[1].Value, file, lines, m.Index);
        foreach (Match call in PythonUpdateCall().Matches(file.Text))
            foreach (Match m in PythonNullArgument().Matches(call.Groups[1].Value))
                Add(evidence.NullWrites, m.Groups[1].Value, file, lines, call.Groups[1].Index + m.Index);
        foreach (Match m in PythonTimestampWrite().Matches(file.Text))
            Add(evidence.TimestampWrites, m.Groups[1].Value, file, lines, m.Index);
    }

    private static void ScanOther(SourceFile file, CodeEvidence evidence)
    {
        var lines = new LineStarts(file.Text);
        foreach (Match m in OtherTimestampWrite().Matches(file.Text))
            Add(evidence.TimestampWrites, m.Groups[1].Value, file, lines, m.Index);
    }

    // A TypeDecorator's body runs to the next top-level statement.
    private static void ScanTypeDecorators(SourceFile file, CodeEvidence evidence)
    {
        foreach (Match m in TypeDecoratorClass().Matches(file.Text))
        {
            var bodyStart = m.Index + m.Length;
            var next = TopLevelStatement().Match(file.Text, Math.Min(file.Text.Length, bodyStart + 1));
            var bodyEnd = next.Success ? next.Index : file.Text.Length;
            if (ConvertsToUtc().Match(file.Text[bodyStart..bodyEnd]).Success)
                evidence.UtcNormalizingTypes.Add(m.Groups[1].Value);
        }
    }

    private static void ScanScript(SourceFile file, CodeEvidence evidence)
    {
        var lines = new LineStarts(file.Text);
        ScanDeletes(file, lines, evidence, python: false);
        foreach (Match start in WriteObjectStart().Matches(file.Text))
        {
            var body = ObjectBody(file.Text, start.Index + start.Length - 1);
            foreach (Match m in ObjectNullKey().Matches(file.Text, body.Start))
            {
                if (m.Index >= body.End) break;
                Add(evidence.NullWrites, m.Groups[1].Value, file, lines, m.Index);
            }
            foreach (Match m in ObjectTimestampKey().Matches(file.Text, body.Start))
            {
                if (m.Index >= body.End) break;
                Add(evidence.TimestampWrites, m.Groups[1].Value, file, lines, m.Index);
            }
        }
    }

    private static void ScanSql(SourceFile file, CodeEvidence evidence)
    {
        var lines = new LineStarts(file.Text);
        // A DELETE in a migration cleans data up once; it says nothing about what the application deletes.
        if (!IsMigration(file.RelativePath))
            foreach (Match m in SqlDelete().Matches(file.Text))
                Add(evidence.BulkDeletes, m.Groups[1].Value, file, lines, m.Index);
        if (!IsMigration(file.RelativePath))
            foreach (Match m in SqlTimestampWrite().Matches(file.Text))
                Add(evidence.TimestampWrites, m.Groups[1].Value, file, lines, m.Index);
    }

    // In Python, `session.delete(obj)` deletes one object through the ORM (cascades run) while `delete(Model)` and
    // `query(Model)...delete()` are SQL bulk deletes; in TypeScript every `db.delete(table)` is SQL.
    private static void ScanDeletes(SourceFile file, LineStarts lines, CodeEvidence evidence, bool python)
    {
        if (IsMigration(file.RelativePath)) return;
        foreach (Match m in DeleteCall().Matches(file.Text))
        {
            var name = m.Groups[2].Value;
            var method = m.Groups[1].Value == ".";
            var orm = python && method && !char.IsUpper(name[0]);
            Add(orm ? evidence.OrmDeletes : evidence.BulkDeletes, name, file, lines, m.Index);
        }
        foreach (Match m in QueryDelete().Matches(file.Text))
            Add(evidence.BulkDeletes, m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, file, lines, m.Index);
        foreach (Match m in SqlDelete().Matches(file.Text))
            Add(evidence.BulkDeletes, m.Groups[1].Value, file, lines, m.Index);
    }

    // The span of a `{ ... }` object literal starting at `open`, by brace depth, capped so that a brace that never
    // closes cannot make a file quadratic.
    private static (int Start, int End) ObjectBody(string text, int open)
    {
        var depth = 0;
        var limit = Math.Min(text.Length, open + MaxObjectLength);
        for (var i = open; i < limit; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return (open, i);
        }
        return (open, limit);
    }

    private static void Add(Dictionary<string, SourceSpan> into, string name, SourceFile file, LineStarts lines, int offset)
    {
        if (name.Length == 0 || into.ContainsKey(name)) return;
        var (line, column) = lines.Locate(offset);
        into[name] = SourceSpan.At(file.RelativePath, line, column);
    }

    /// <summary>Tests, fixtures, seeds, examples and docs: code that does not run in production.</summary>
    public static bool IsTestOrExample(string relativePath)
    {
        foreach (var segment in relativePath.Split('/'))
        {
            var s = segment.ToLowerInvariant();
            if (s is "test" or "tests" or "__tests__" or "spec" or "specs" or "e2e" or "fixtures" or "examples" or "example"
                or "docs" or "doc" or "seed" or "seeds" or "mocks" or "__mocks__") return true;
            if (s.StartsWith("test_", StringComparison.Ordinal) || s.EndsWith("_test.py", StringComparison.Ordinal)
                || s.Contains(".test.", StringComparison.Ordinal) || s.Contains(".spec.", StringComparison.Ordinal)
                || s is "conftest.py") return true;
        }
        return false;
    }

    /// <summary>Schema migrations (Alembic, drizzle-kit, Flyway, Rails-style folders): one-off data fixes, not application behaviour.</summary>
    public static bool IsMigration(string relativePath)
    {
        foreach (var segment in relativePath.Split('/'))
        {
            var s = segment.ToLowerInvariant();
            if (s is "migrations" or "migration" or "migrate" or "versions" or "alembic" or "drizzle" or "flyway") return true;
        }
        return false;
    }

    /// <summary>Line starts computed once per file, so locating every match stays linear.</summary>
    private sealed class LineStarts
    {
        private readonly List<int> _starts = [0];

        public LineStarts(string text)
        {
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') _starts.Add(i + 1);
        }

        public (int Line, int Column) Locate(int offset)
        {
            var i = _starts.BinarySearch(offset);
            if (i < 0) i = ~i - 1;
            return (i + 1, offset - _starts[i] + 1);
        }
    }
}
