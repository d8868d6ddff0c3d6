using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Sql;

internal sealed partial class SqlParser
{
    private SqlStatement? ParseAlter()
    {
        var start = Cur;
        _pos++; // ALTER
        if (AtWord("table")) return ParseAlterTable(start);
        if (AtWord("type")) return ParseAlterType(start);
        if (Cur.Kind != SqlTokenKind.Word) Error("the kind of object to alter (TABLE, TYPE, ...)");
        return null;
    }

    /// <summary><c>ALTER TABLE [IF EXISTS] [ONLY] t action [, action ...]</c>.</summary>
    private AlterTableStatement? ParseAlterTable(SqlToken start)
    {
        _pos++; // TABLE
        AcceptWords("if", "exists");
        AcceptWord("only");
        var table = ParseName("a table name");
        if (table is null) return null;
        if (Cur.Kind == SqlTokenKind.Operator && Text(Cur) == "*") _pos++;
        var statement = new AlterTableStatement { Table = table };
        while (!_failed && !AtStatementEnd)
        {
            var actionStart = Cur;
            var action = ParseAlterAction(actionStart);
            if (action is not null) statement.Actions.Add(action);
            if (_failed) break;
            if (!AcceptPunct(',') && !AtStatementEnd) Error("',' or ';' after the ALTER TABLE action");
        }
        statement.Span = SpanFrom(start);
        return statement;
    }

    private AlterAction? ParseAlterAction(SqlToken start)
    {
        if (AcceptWord("add"))
        {
            if (AtWord("column") || !IsTableConstraintStart())
            {
                AcceptWord("column");
                AcceptWords("if", "not", "exists");
                var column = ParseColumnDef();
                return column is null ? null : new AddColumnAction { Column = column, Span = column.Span };
            }
            var constraint = ParseTableConstraint();
            return constraint is null ? null : new AddConstraintAction { Constraint = constraint, Span = constraint.Span };
        }
        if (AcceptWord("drop"))
        {
            if (AcceptWord("constraint"))
            {
                AcceptWords("if", "exists");
                var name = ParseIdentifier("a constraint name");
                SkipDropBehavior();
                return name is null ? null : new DropConstraintAction { Name = name, Span = SpanFrom(start) };
            }
            if (AcceptWords("primary", "key")) return new DropPrimaryKeyAction { Span = SpanFrom(start) };
            if (AcceptWords("foreign", "key"))
            {
                var name = ParseIdentifier("a foreign key name");
                return name is null ? null : new DropConstraintAction { Name = name, Kind = TableConstraintKind.ForeignKey, Span = SpanFrom(start) };
            }
            if (AcceptWord("index") || AcceptWord("key"))
            {
                var name = ParseIdentifier("an index name");
                return name is null ? null : new DropConstraintAction { Name = name, Kind = TableConstraintKind.Index, Span = SpanFrom(start) };
            }
            if (AtWord("check") && IsIdentifier(Peek(1)))
            {
                _pos++;
                var name = ParseIdentifier("a constraint name");
                return name is null ? null : new DropConstraintAction { Name = name, Kind = TableConstraintKind.Check, Span = SpanFrom(start) };
            }
            if (AtWord("default") || AtWord("identity") || AtWord("expression")) return SkipAlterAction();
            AcceptWord("column");
            AcceptWords("if", "exists");
            var column = ParseIdentifier("a column name");
            SkipDropBehavior();
            return column is null ? null : new DropColumnAction { Column = column, Span = SpanFrom(start) };
        }
        if (AcceptWord("alter"))
        {
            AcceptWord("column");
            var column = ParseIdentifier("a column name");
            return column is null ? null : ParseAlterColumn(start, column);
        }
        if (AcceptWord("modify"))
        {
            AcceptWord("column");
            var column = ParseColumnDef();
            return column is null ? null : new ReplaceColumnAction { OldName = column.Name, Column = column, Span = SpanFrom(start) };
        }
        if (AcceptWord("change"))
        {
            AcceptWord("column");
            var oldName = ParseIdentifier("a column name");
            var column = ParseColumnDef();
            return oldName is null || column is null ? null : new ReplaceColumnAction { OldName = oldName, Column = column, Span = SpanFrom(start) };
        }
        if (AcceptWord("rename"))
        {
            if (AcceptWord("to") || AcceptWord("as"))
            {
                var newName = ParseName("the new table name");
                return newName is null ? null : new RenameTableAction { NewName = newName, Span = SpanFrom(start) };
            }
            if (AcceptWord("constraint"))
            {
                var oldConstraint = ParseIdentifier("a constraint name");
                if (oldConstraint is null || !ExpectWord("to")) return null;
                var newConstraint = ParseIdentifier("the new constraint name");
                return newConstraint is null ? null : new RenameConstraintAction { OldName = oldConstraint, NewName = newConstraint, Span = SpanFrom(start) };
            }
            if (AtWord("index") || AtWord("key")) return SkipAlterAction();
            AcceptWord("column");
            var oldName = ParseIdentifier("a column name");
            if (oldName is null || !ExpectWord("to")) return null;
            var newColumn = ParseIdentifier("the new column name");
            return newColumn is null ? null : new RenameColumnAction { OldName = oldName, NewName = newColumn, Span = SpanFrom(start) };
        }
        if (Cur.Kind == SqlTokenKind.Word) return SkipAlterAction(); // OWNER TO, ENABLE TRIGGER, SET (...), ...: valid, not modeled
        Error("an ALTER TABLE action (ADD, DROP, ALTER COLUMN, RENAME, ...)");
        return null;
    }

    /// <summary>Skips an action we do not model, up to the next top-level <c>,</c> or <c>;</c>.</summary>
    private AlterAction? SkipAlterAction()
    {
        var depth = 0;
        while (!AtStatementEnd)
        {
            if (depth == 0 && AtPunct(',')) break;
            if (AtPunct('(')) depth++;
            else if (AtPunct(')')) depth--;
            _pos++;
        }
        return null;
    }

    private void SkipDropBehavior()
    {
        if (!AcceptWord("cascade")) AcceptWord("restrict");
    }

    /// <summary><c>ALTER [COLUMN] c SET/DROP NOT NULL | SET DEFAULT e | DROP DEFAULT | [SET DATA] TYPE t [USING e] | ADD GENERATED ... AS IDENTITY</c>.</summary>
    private AlterAction? ParseAlterColumn(SqlToken start, string column)
    {
        if (AcceptWords("set", "not", "null")) return new AlterColumnAction { Column = column, Kind = AlterColumnKind.SetNotNull, Span = SpanFrom(start) };
        if (AcceptWords("drop", "not", "null")) return new AlterColumnAction { Column = column, Kind = AlterColumnKind.DropNotNull, Span = SpanFrom(start) };
        if (AcceptWords("set", "default"))
        {
            var expression = ReadExpression();
            if (expression.Length == 0) { Error("an expression after SET DEFAULT"); return null; }
            return new AlterColumnAction { Column = column, Kind = AlterColumnKind.SetDefault, DefaultExpression = expression, Span = SpanFrom(start) };
        }
        if (AcceptWords("drop", "default")) return new AlterColumnAction { Column = column, Kind = AlterColumnKind.DropDefault, Span = SpanFrom(start) };
        if (AcceptWords("drop", "identity"))
        {
            AcceptWords("if", "exists");
            return new AlterColumnAction { Column = column, Kind = AlterColumnKind.DropIdentity, Span = SpanFrom(start) };
        }
        if (AcceptWords("set", "data", "type") || AcceptWord("type"))
        {
            var type = ParseType();
            if (type is null) return null;
            if (AcceptWord("collate")) ParseName("a collation name");
            if (AcceptWord("using")) ReadExpression();
            return new AlterColumnAction { Column = column, Kind = AlterColumnKind.SetType, Type = type, Span = SpanFrom(start) };
        }
        if (AcceptWord("add") && AtWord("generated"))
        {
            SkipAlterAction();
            return new AlterColumnAction { Column = column, Kind = AlterColumnKind.AddIdentity, Span = SpanFrom(start) };
        }
        if (Cur.Kind == SqlTokenKind.Word) return SkipAlterAction(); // SET STATISTICS, SET STORAGE, ...
        Error("SET/DROP NOT NULL, SET/DROP DEFAULT or TYPE");
        return null;
    }

    /// <summary><c>ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']</c>; other forms are skipped.</summary>
    private SqlStatement? ParseAlterType(SqlToken start)
    {
        _pos++; // TYPE
        var name = ParseName("a type name");
        if (name is null || !AcceptWords("add", "value")) return null;
        AcceptWords("if", "not", "exists");
        if (Cur.Kind != SqlTokenKind.String) { Error("a string value after ADD VALUE"); return null; }
        var value = StringValue(Cur);
        _pos++;
        string? before = null, after = null;
        if (AcceptWord("before") && Cur.Kind == SqlTokenKind.String) { before = StringValue(Cur); _pos++; }
        else if (AcceptWord("after") && Cur.Kind == SqlTokenKind.String) { after = StringValue(Cur); _pos++; }
        return new AddEnumValueStatement { Name = name, Value = value, Before = before, After = after, Span = SpanFrom(start) };
    }

    /// <summary><c>DROP TABLE|INDEX|TYPE|TRIGGER [CONCURRENTLY] [IF EXISTS] a, b [ON t] [CASCADE]</c>; other objects are skipped.</summary>
    private SqlStatement? ParseDrop()
    {
        var start = Cur;
        _pos++; // DROP
        AcceptWord("temporary");
        DropKind kind;
        if (AcceptWord("table")) kind = DropKind.Table;
        else if (AcceptWord("index")) kind = DropKind.Index;
        else if (AcceptWord("type")) kind = DropKind.Type;
        else if (AcceptWord("trigger")) kind = DropKind.Trigger;
        else
        {
            if (Cur.Kind != SqlTokenKind.Word) Error("the kind of object to drop (TABLE, INDEX, ...)");
            return null;
        }
        AcceptWord("concurrently");
        var ifExists = AcceptWords("if", "exists");
        var names = new List<SqlName>();
        while (!_failed)
        {
            var name = ParseName("a name");
            if (name is null) return null;
            names.Add(name);
            if (!AcceptPunct(',')) break;
        }
        SqlName? table = null;
        if (AcceptWord("on")) table = ParseName("a table name");
        SkipDropBehavior();
        var statement = new DropStatement { Kind = kind, IfExists = ifExists, Table = table, Span = SpanFrom(start) };
        statement.Names.AddRange(names);
        return statement;
    }

    /// <summary><c>COMMENT ON TABLE t IS '...'</c> and <c>COMMENT ON COLUMN t.c IS '...'</c>; other targets are skipped.</summary>
    private SqlStatement? ParseComment()
    {
        var start = Cur;
        _pos++; // COMMENT
        if (!ExpectWord("on")) return null;
        var isColumn = AcceptWord("column");
        if (!isColumn && !AcceptWord("table")) return null;
        var parts = new List<string>();
        while (!_failed)
        {
            var part = ParseIdentifier(isColumn ? "table.column" : "a table name");
            if (part is null) return null;
            parts.Add(part);
            if (!AcceptPunct('.')) break;
        }
        if (!ExpectWord("is")) return null;
        string? text;
        if (AcceptWord("null")) text = null;
        else if (Cur.Kind is SqlTokenKind.String or SqlTokenKind.DollarString) { text = StringValue(Cur); _pos++; }
        else { Error("a string or NULL after IS"); return null; }
        if (isColumn)
        {
            if (parts.Count < 2) { Error("a column written as table.column"); return null; }
            var table = new SqlName(parts.Count >= 3 ? parts[^3] : null, parts[^2]);
            return new CommentStatement { Table = table, Column = parts[^1], Text = text, Span = SpanFrom(start) };
        }
        return new CommentStatement { Table = new SqlName(parts.Count >= 2 ? parts[^2] : null, parts[^1]), Text = text, Span = SpanFrom(start) };
    }
}
