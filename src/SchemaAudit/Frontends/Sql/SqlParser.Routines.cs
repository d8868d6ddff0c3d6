using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Sql;

internal sealed partial class SqlParser
{
    /// <summary><c>CREATE TYPE name AS ENUM ('a', 'b')</c>; composite, range and base types are skipped.</summary>
    private SqlStatement? ParseCreateType(SqlToken start)
    {
        _pos++; // TYPE
        var name = ParseName("a type name");
        if (name is null || !AcceptWords("as", "enum")) return null;
        Vote("postgresql");
        if (!ExpectPunct('(')) return null;
        var values = new List<string>();
        while (!_failed && !AtPunct(')'))
        {
            if (Cur.Kind != SqlTokenKind.String) { Error("an enum value (a string)"); return null; }
            values.Add(StringValue(Cur));
            _pos++;
            if (!AcceptPunct(',')) break;
        }
        if (!ExpectPunct(')')) return null;
        return new CreateEnumStatement { Name = name, Values = values, Span = SpanFrom(start) };
    }

    /// <summary>
    /// <c>CREATE FUNCTION name(...) ... AS $$ body $$</c>: kept only for the <c>NEW.&lt;column&gt;</c>
    /// assignments of its body, which make a trigger an on-update mechanism.
    /// </summary>
    private SqlStatement? ParseCreateFunction(SqlToken start)
    {
        _pos++; // FUNCTION / PROCEDURE
        var name = ParseName("a function name");
        if (name is null) return null;
        var assigned = new List<string>();
        var depth = 0;
        while (!AtStatementEnd)
        {
            if (AtPunct('(')) depth++;
            else if (AtPunct(')')) depth--;
            else if (depth == 0 && (Cur.Kind == SqlTokenKind.DollarString || (Cur.Kind == SqlTokenKind.String && IsWord(Previous, "as"))))
                CollectNewAssignments(StringValue(Cur), assigned);
            else if (AtWord("begin") && IsWord(Peek(1), "atomic"))
                break; // SQL-standard body: its statements end with ';', nothing to learn from them
            _pos++;
        }
        return new CreateFunctionStatement { Name = name, AssignedNewColumns = assigned, Span = SpanFrom(start) };
    }

    /// <summary>Finds <c>NEW.col := ...</c> and <c>NEW.col = ...</c> in a routine body.</summary>
    private static void CollectNewAssignments(string body, List<string> assigned)
    {
        var diagnostics = new List<Diagnostic>(); // a body that does not lex is not our concern: the database checks it
        var tokens = SqlLexer.Tokenize(body, "", diagnostics);
        for (var i = 0; i + 3 < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != SqlTokenKind.Word || t.Length != 3 || !body.AsSpan(t.Start, 3).Equals("new", StringComparison.OrdinalIgnoreCase)) continue;
            if (tokens[i + 1].Kind != SqlTokenKind.Punct || body[tokens[i + 1].Start] != '.') continue;
            var column = tokens[i + 2];
            if (column.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)) continue;
            var op = body.AsSpan(tokens[i + 3].Start, tokens[i + 3].Length);
            if (tokens[i + 3].Kind != SqlTokenKind.Operator || (op is not ":=" && op is not "=")) continue;
            // "IF NEW.x = OLD.x" compares, it does not assign: an assignment starts a statement.
            if (i > 0 && !IsStatementBoundary(body, tokens[i - 1])) continue;
            var name = column.Kind == SqlTokenKind.QuotedIdentifier ? body.Substring(column.Start + 1, Math.Max(0, column.Length - 2)) : body.Substring(column.Start, column.Length);
            if (!assigned.Contains(name, StringComparer.OrdinalIgnoreCase)) assigned.Add(name);
        }
    }

    private static bool IsStatementBoundary(string body, SqlToken previous)
    {
        var text = body.AsSpan(previous.Start, previous.Length);
        return text is ";" || text.Equals("begin", StringComparison.OrdinalIgnoreCase) || text.Equals("then", StringComparison.OrdinalIgnoreCase)
               || text.Equals("else", StringComparison.OrdinalIgnoreCase) || text.Equals("loop", StringComparison.OrdinalIgnoreCase)
               || text.Equals("set", StringComparison.OrdinalIgnoreCase) || text is ",";
    }

    /// <summary>
    /// PostgreSQL <c>CREATE TRIGGER n {BEFORE|AFTER} UPDATE ON t ... EXECUTE FUNCTION f()</c>;
    /// SQLite <c>CREATE TRIGGER n AFTER UPDATE ON t BEGIN UPDATE t SET c = ...; END</c>;
    /// MySQL <c>CREATE TRIGGER n BEFORE UPDATE ON t FOR EACH ROW SET NEW.c = ...</c>.
    /// </summary>
    private SqlStatement? ParseCreateTrigger(SqlToken start)
    {
        _pos++; // TRIGGER
        AcceptWords("if", "not", "exists");
        var name = ParseName("a trigger name");
        if (name is null) return null;
        var onUpdate = false;
        while (!AtStatementEnd && !AtWord("on"))
        {
            if (AtWord("update")) onUpdate = true;
            _pos++;
        }
        if (!ExpectWord("on")) return null;
        var table = ParseName("a table name");
        if (table is null) return null;
        SqlName? function = null;
        var assigned = new List<string>();
        while (!AtStatementEnd)
        {
            if (AcceptWord("execute"))
            {
                if (!AcceptWord("function")) AcceptWord("procedure");
                function = ParseName("a trigger function name");
                SkipParenthesized();
                continue;
            }
            if (AtWord("begin"))
            {
                ParseTriggerBody(table, assigned);
                break;
            }
            if (AtWord("set")) CollectSetNewAssignments(assigned); // MySQL single-statement body
            else _pos++;
        }
        return new CreateTriggerStatement { Name = name.Name, Table = table, OnUpdate = onUpdate, Function = function, AssignedColumns = assigned, Span = SpanFrom(start) };
    }

    /// <summary>A <c>BEGIN ... END</c> trigger body (whose statements end with <c>;</c>): consumed to its <c>END</c>.</summary>
    private void ParseTriggerBody(SqlName table, List<string> assigned)
    {
        _pos++; // BEGIN
        var nesting = 0; // CASE ... END and nested BEGIN ... END blocks
        while (Cur.Kind != SqlTokenKind.End)
        {
            if (AtWord("case") || AtWord("begin")) nesting++;
            else if (AtWord("end"))
            {
                if (nesting == 0)
                {
                    _pos++;
                    return;
                }
                nesting--;
            }
            else if (AtWord("update") && IsIdentifier(Peek(1)))
            {
                _pos++;
                var target = ParseName("a table name");
                if (target is not null && string.Equals(target.Name, table.Name, StringComparison.OrdinalIgnoreCase) && AtWord("set"))
                    CollectSetColumns(assigned);
                continue;
            }
            else if (AtWord("set"))
            {
                CollectSetNewAssignments(assigned);
                continue;
            }
            _pos++;
        }
        Error("END to close the trigger body");
    }

    /// <summary>At <c>SET</c> of <c>UPDATE t SET a = ..., b = ...</c>: the assigned column names.</summary>
    private void CollectSetColumns(List<string> assigned)
    {
        _pos++; // SET
        var expectColumn = true;
        var depth = 0;
        var caseDepth = 0;
        while (!AtStatementEnd && !AtWord("where") && !(AtWord("end") && caseDepth == 0))
        {
            if (AtWord("case")) caseDepth++;
            else if (AtWord("end")) caseDepth--;
            else if (AtPunct('(')) depth++;
            else if (AtPunct(')')) depth--;
            else if (depth == 0 && AtPunct(',')) { expectColumn = true; _pos++; continue; }
            else if (expectColumn && IsIdentifier(Cur) && Peek(1).Kind == SqlTokenKind.Operator && Text(Peek(1)) == "=")
                assigned.Add(IdentifierValue(Cur));
            expectColumn = false;
            _pos++;
        }
    }

    /// <summary>At <c>SET</c> of MySQL <c>SET NEW.a = ...</c>.</summary>
    private void CollectSetNewAssignments(List<string> assigned)
    {
        _pos++; // SET
        if (AtWord("new") && IsPunct(Peek(1), '.') && IsIdentifier(Peek(2)))
            assigned.Add(IdentifierValue(Peek(2)));
    }
}
