namespace SchemaAudit.Frontends.Sql;

internal sealed partial class SqlParser
{
    /// <summary>
    /// <c>CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t [USING m]
    /// (elements) [INCLUDE (...)] [NULLS [NOT] DISTINCT] [WITH (...)] [TABLESPACE x] [WHERE p]</c>.
    /// </summary>
    private CreateIndexStatement? ParseCreateIndex(SqlToken start)
    {
        var unique = AcceptWord("unique");
        string? method = null;
        if (AcceptWord("fulltext")) method = "fulltext";
        else if (AcceptWord("spatial")) method = "spatial";
        if (!ExpectWord("index")) return null;
        if (AcceptWord("concurrently")) Vote("postgresql");
        var ifNotExists = AcceptWords("if", "not", "exists");
        string? name = null;
        if (!AtWord("on") && !AtWord("using"))
        {
            var qualified = ParseName("an index name");
            if (qualified is null) return null;
            name = qualified.Name;
        }
        if (AcceptWord("using")) method = ParseIdentifier("an index method")?.ToLowerInvariant(); // MySQL puts USING before ON
        if (!ExpectWord("on")) return null;
        AcceptWord("only");
        var table = ParseName("a table name");
        if (table is null) return null;
        if (AcceptWord("using"))
        {
            method = ParseIdentifier("an index method")?.ToLowerInvariant();
            if (method is "gin" or "gist" or "brin" or "spgist" or "hash") Vote("postgresql");
        }
        var statement = new CreateIndexStatement { Name = name, Table = table, Unique = unique, IfNotExists = ifNotExists, Method = method };
        ParseIndexElements(statement);
        while (!_failed && !AtStatementEnd)
        {
            if (AcceptWord("include")) SkipParenthesized();
            else if (AcceptWords("nulls", "not", "distinct")) statement.NullsNotDistinct = true;
            else if (AcceptWords("nulls", "distinct")) { }
            else if (AcceptWord("with")) SkipParenthesized();
            else if (AcceptWord("tablespace")) Advance();
            else if (AcceptWord("using")) Advance(); // MySQL: USING BTREE after the columns
            else if (AcceptWord("where"))
            {
                statement.Where = ReadExpression();
                if (statement.Where.Length == 0) Error("a predicate after WHERE");
            }
            else if (AcceptWord("algorithm") || AcceptWord("lock"))
            {
                AcceptPunct('=');
                Advance();
            }
            else
            {
                Error("INCLUDE, NULLS NOT DISTINCT, WITH, WHERE or ';'");
            }
        }
        statement.Span = SpanFrom(start);
        return statement;
    }

    /// <summary><c>(col [COLLATE c] [opclass [(params)]] [ASC|DESC] [NULLS FIRST|LAST], (expr), func(x), ...)</c>.</summary>
    private void ParseIndexElements(CreateIndexStatement statement)
    {
        if (!ExpectPunct('(')) return;
        while (!_failed)
        {
            string text;
            bool isExpression;
            if (AtPunct('('))
            {
                text = ReadParenthesized();
                isExpression = true;
            }
            else if (IsIdentifier(Cur) && (!IsPunct(Peek(1), '(') || IsPrefixLength(2)) && !IsPunct(Peek(1), '.') && Peek(1).Kind != SqlTokenKind.Operator)
            {
                text = IdentifierValue(Cur);
                isExpression = false;
                _pos++;
            }
            else if (IsIdentifier(Cur) && IsPunct(Peek(1), '('))
            {
                // A function call written without extra parentheses: lower(email).
                var callStart = Cur.Start;
                _pos++;
                SkipParenthesized();
                text = TextBetween(callStart, Previous.End);
                isExpression = true;
            }
            else
            {
                text = ReadExpression(token => IsWord(token, "asc") || IsWord(token, "desc") || IsWord(token, "nulls") || IsWord(token, "collate"));
                isExpression = true;
                if (text.Length == 0) { Error("an index column or expression"); return; }
            }
            if (!isExpression && Cur.Kind == SqlTokenKind.Number) Error("',' or ')'");
            var collation = AcceptWord("collate") ? ParseName("a collation name")?.Name : null;
            string? opClass = null;
            if (IsIdentifier(Cur) && !AtWord("asc") && !AtWord("desc") && !AtWord("nulls"))
            {
                opClass = ParseName("an operator class")?.Qualified;
                SkipParenthesized();
            }
            else if (!isExpression) SkipParenthesized(); // MySQL prefix length: name(10)
            if (!AcceptWord("asc")) AcceptWord("desc");
            if (AcceptWord("nulls") && !AcceptWord("first") && !AcceptWord("last")) Error("FIRST or LAST after NULLS");
            statement.Elements.Add(new IndexElement(text, isExpression, opClass, collation));
            if (AcceptPunct(',')) continue;
            ExpectPunct(')');
            return;
        }
    }

    /// <summary>MySQL index prefix length <c>name(10)</c>: a number alone in parentheses.</summary>
    private bool IsPrefixLength(int ahead) => Peek(ahead).Kind == SqlTokenKind.Number && IsPunct(Peek(ahead + 1), ')');
}
