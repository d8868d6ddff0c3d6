using System.Text.RegularExpressions;

namespace SchemaAudit.Frontends.Sql;

internal sealed partial class SqlParser
{
    /// <summary>Nested <c>DO</c> bodies replayed at most this deep (each level needs its own dollar tag).</summary>
    private const int MaxDoBlockDepth = 4;

    /// <summary>
    /// The idempotent-DDL wrapper that drizzle-kit (and many hand-written migrations) put around
    /// foreign keys and enum types: <c>BEGIN &lt;ddl&gt;; EXCEPTION WHEN duplicate_object THEN null; END</c>.
    /// The handler only swallows "already exists", so the DDL inside is what the database gets.
    /// </summary>
    [GeneratedRegex(@"^\s*BEGIN\b(?<ddl>.*?)(?:\bEXCEPTION\s+(?:WHEN\s+(?:duplicate_\w+|others)(?:\s+OR\s+\w+)*\s+THEN\s+(?:null|NULL|Null)\s*;\s*)+)?\bEND\s*;?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdempotentDdlBlock();

    /// <summary>The first word of each statement a replayable block may hold: plain DDL, no control flow.</summary>
    [GeneratedRegex(@"^\s*(?:CREATE|ALTER|DROP|COMMENT)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DdlStart();

    /// <summary>
    /// <c>DO [LANGUAGE plpgsql] $$ BEGIN ... EXCEPTION WHEN duplicate_object THEN null; END $$</c>: the DDL of
    /// the body is parsed as if written at top level, at its own line and column. Any other <c>DO</c> body
    /// (control flow, queries, dynamic SQL) is skipped silently, as before: it is code, not schema.
    /// </summary>
    private void ParseDoBlock()
    {
        _pos++; // DO
        if (AcceptWord("language")) _pos++;
        if (Cur.Kind != SqlTokenKind.DollarString || _depth >= MaxDoBlockDepth) return;
        var token = Cur;
        _pos++;
        var tagLength = _text.IndexOf('$', token.Start + 1) - token.Start + 1;
        var bodyStart = token.Start + tagLength;
        var bodyEnd = Math.Max(bodyStart, token.End - tagLength);
        var body = _text[bodyStart..bodyEnd];
        Match match;
        try
        {
            match = IdempotentDdlBlock().Match(body);
        }
        catch (RegexMatchTimeoutException)
        {
            return;
        }
        if (!match.Success) return;
        var ddl = match.Groups["ddl"];
        if (ddl.Value.Trim().Length == 0) return;
        if (ddl.Value.Split(';').Where(s => s.Trim().Length > 0).Any(s => !DdlStart().IsMatch(s))) return;

        // Where the DDL starts in the file: the body starts after the opening tag, on the token's line.
        var (line, column) = (token.Line, token.Column + tagLength);
        var offset = bodyStart;
        var target = bodyStart + ddl.Index;
        for (; offset < target; offset++)
        {
            if (_text[offset] == '\n') { line++; column = 1; }
            else column++;
        }
        var inner = new SqlParser(ddl.Value, _path, line, column, _depth + 1);
        inner.ParseStatements();
        _statements.AddRange(inner._statements);
        _diagnostics.AddRange(inner._diagnostics);
        foreach (var (dialect, votes) in inner._dialectVotes) _dialectVotes[dialect] = _dialectVotes.GetValueOrDefault(dialect) + votes;
    }
}
