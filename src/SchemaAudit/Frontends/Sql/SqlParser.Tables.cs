using SchemaAudit.Model;

namespace SchemaAudit.Frontends.Sql;

internal sealed partial class SqlParser
{
    private SqlStatement? ParseCreate()
    {
        var start = Cur;
        _pos++; // CREATE
        AcceptWords("or", "replace");
        var temporary = false;
        while (true)
        {
            if (AcceptWord("global") || AcceptWord("local") || AcceptWord("unlogged")) continue;
            if (AcceptWord("temp") || AcceptWord("temporary")) { temporary = true; continue; }
            if (AtWord("definer")) { SkipMySqlDefiner(); continue; }
            break;
        }
        if (AtWord("table")) return ParseCreateTable(start, temporary);
        if (AtWord("unique") || AtWord("index") || AtWord("fulltext") || AtWord("spatial")) return ParseCreateIndex(start);
        if (AtWord("type")) return ParseCreateType(start);
        if (AtWord("constraint") && IsWord(Peek(1), "trigger")) _pos++;
        if (AtWord("trigger")) return ParseCreateTrigger(start);
        if (AtWord("function") || AtWord("procedure")) return ParseCreateFunction(start);
        if (Cur.Kind != SqlTokenKind.Word) Error("the kind of object to create (TABLE, INDEX, TYPE, ...)");
        return null; // views, sequences, extensions, schemas, policies ...: valid, not modeled
    }

    /// <summary>MySQL dumps write <c>CREATE DEFINER=`u`@`h` TRIGGER ...</c>.</summary>
    private void SkipMySqlDefiner()
    {
        _pos++;
        while (!AtStatementEnd && !AtWord("trigger") && !AtWord("function") && !AtWord("procedure") && !AtWord("view") && !AtWord("event"))
            _pos++;
    }

    private CreateTableStatement? ParseCreateTable(SqlToken start, bool temporary)
    {
        _pos++; // TABLE
        var ifNotExists = AcceptWords("if", "not", "exists");
        var name = ParseName("a table name");
        if (name is null) return null;
        if (AtWord("as"))
        {
            _diagnostics.Add(new Diagnostic(SpanFrom(start), $"CREATE TABLE {name} AS ... is not modeled: its columns are not known", DiagnosticSeverity.Info));
            return null;
        }
        if (AtWord("partition") || AtWord("of")) return null; // partitions and typed tables inherit their columns
        if (!AtPunct('('))
        {
            Error("'(' and the column list");
            return null;
        }
        var columns = new List<ColumnDef>();
        var constraints = new List<TableConstraintDef>();
        _pos++;
        ParseTableElements(columns, constraints);
        if (!_failed) ExpectPunct(')');
        var statement = new CreateTableStatement { Name = name, IfNotExists = ifNotExists, Span = SpanFrom(start) };
        statement.Columns.AddRange(columns);
        statement.Constraints.AddRange(constraints);
        if (!_failed) SkipTableOptions();
        return temporary ? null : statement;
    }

    /// <summary>Column definitions and table constraints, each recovered on its own: one bad column does not lose the others.</summary>
    private void ParseTableElements(List<ColumnDef> columns, List<TableConstraintDef> constraints)
    {
        while (!AtPunct(')') && !AtStatementEnd)
        {
            var elementStart = _pos;
            if (IsTableConstraintStart())
            {
                if (ParseTableConstraint() is { } constraint) constraints.Add(constraint);
            }
            else if (ParseColumnDef() is { } column)
            {
                columns.Add(column);
            }
            if (!_failed && !AtPunct(',') && !AtPunct(')')) Error("',' or ')' after the column definition");
            if (_failed)
            {
                SkipToElementEnd(elementStart);
                _failed = false;
            }
            if (!AcceptPunct(',')) break;
        }
        if (AtStatementEnd) Error("')' to close the column list");
    }

    /// <summary>Skips to the <c>,</c> or <c>)</c> that ends the element begun at token <paramref name="elementStart"/>.</summary>
    private void SkipToElementEnd(int elementStart)
    {
        var depth = 0;
        for (var i = elementStart; i < _pos; i++)
        {
            if (IsPunct(_tokens[i], '(')) depth++;
            else if (IsPunct(_tokens[i], ')')) depth--;
        }
        depth = Math.Max(depth, 0);
        while (!AtStatementEnd)
        {
            if (depth == 0 && (AtPunct(',') || AtPunct(')'))) return;
            if (AtPunct('(')) depth++;
            else if (AtPunct(')')) depth--;
            _pos++;
        }
    }

    /// <summary>After the column list: <c>WITHOUT ROWID</c>, <c>STRICT</c>, <c>ENGINE=</c>, <c>PARTITION BY</c>, <c>INHERITS</c> ... skipped, noted as dialect evidence.</summary>
    private void SkipTableOptions()
    {
        while (!AtStatementEnd)
        {
            if (IsLineStart(_pos) && IsDdlHead(Cur)) return; // a forgotten ';'
            if (AtWord("without") && IsWord(Peek(1), "rowid")) Vote("sqlite");
            else if (AtWord("strict")) Vote("sqlite");
            else if (AtWord("engine") || AtWord("charset") || AtWord("auto_increment") || AtWord("collate")) Vote("mysql");
            else if (AtWord("inherits") || AtWord("tablespace") || AtWord("partition")) Vote("postgresql");
            _pos++;
        }
    }

    private bool IsTableConstraintStart()
    {
        if (Cur.Kind != SqlTokenKind.Word) return false;
        if (AtWord("constraint")) return true;
        if (AtWord("primary") || AtWord("foreign")) return IsWord(Peek(1), "key");
        if (AtWord("check")) return IsPunct(Peek(1), '(');
        if (AtWord("exclude")) return IsWord(Peek(1), "using") || IsPunct(Peek(1), '(');
        if (AtWord("like")) return IsIdentifier(Peek(1)) && !IsColumnTypeAhead(1);
        if (AtWord("unique") || AtWord("key") || AtWord("index") || AtWord("fulltext") || AtWord("spatial")) return !IsColumnTypeAhead(1);
        return false;
    }

    /// <summary>True when the token at <paramref name="ahead"/> starts a type: the current word is then a column name (<c>key text</c>).</summary>
    private bool IsColumnTypeAhead(int ahead)
    {
        var token = Peek(ahead);
        return token.Kind == SqlTokenKind.Word && SqlTypeMapper.IsKnownTypeName(Text(token).ToLowerInvariant())
               && !IsWord(token, "key") && !IsWord(token, "index");
    }

    private ColumnDef? ParseColumnDef()
    {
        var start = Cur;
        var name = ParseIdentifier("a column name or a table constraint");
        if (name is null) return null;
        var column = new ColumnDef { Name = name };
        if (!AtPunct(',') && !AtPunct(')') && !AtStatementEnd && !IsColumnConstraintStart())
            column.Type = ParseType();
        if (!_failed) ParseColumnConstraints(column);
        column.Span = SpanFrom(start);
        return column;
    }

    private bool IsColumnConstraintStart() =>
        Cur.Kind == SqlTokenKind.Word && s_columnConstraintStarts.Contains(Text(Cur))
        && !(AtWord("as") && !IsPunct(Peek(1), '('));

    private static readonly HashSet<string> s_columnConstraintStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "constraint", "not", "null", "primary", "unique", "default", "references", "check", "generated", "collate",
        "autoincrement", "auto_increment", "as",
    };

    private void ParseColumnConstraints(ColumnDef column)
    {
        string? constraintName = null;
        while (!AtPunct(',') && !AtPunct(')') && !AtStatementEnd && !_failed)
        {
            var token = Cur;
            if (AcceptWord("constraint"))
            {
                constraintName = ParseIdentifier("a constraint name");
                continue;
            }
            if (AcceptWords("not", "null")) { column.NotNull = true; SkipConflictClause(); }
            else if (AcceptWord("null")) column.NotNull = false;
            else if (AcceptWords("primary", "key"))
            {
                column.PrimaryKey = true;
                column.PrimaryKeyName = constraintName;
                if (!AcceptWord("asc")) AcceptWord("desc");
                SkipConflictClause();
                if (AcceptWord("autoincrement")) { column.Identity = true; Vote("sqlite"); }
            }
            else if (AcceptWord("unique"))
            {
                column.Unique = true;
                column.UniqueName = constraintName;
                if (AcceptWords("nulls", "not", "distinct")) column.UniqueNullsNotDistinct = true;
                else AcceptWords("nulls", "distinct");
                AcceptWord("key");
                SkipConflictClause();
            }
            else if (AcceptWord("default"))
            {
                column.DefaultExpression = ReadDefaultExpression();
                column.DefaultSpan = SpanFrom(token);
                if (column.DefaultExpression.Length == 0) Error("an expression after DEFAULT");
            }
            else if (AcceptWord("references"))
            {
                column.References = ParseReferences();
                column.ReferencesName = constraintName;
            }
            else if (AcceptWord("check"))
            {
                column.Checks.Add((constraintName, ReadParenthesized()));
                AcceptWords("no", "inherit");
            }
            else if (AcceptWord("generated")) ParseGenerated(column);
            else if (AtWord("as") && IsPunct(Peek(1), '('))
            {
                _pos++;
                column.GeneratedExpression = ReadParenthesized();
                if (!AcceptWord("stored") && !AcceptWord("virtual")) AcceptWord("persistent");
            }
            else if (AcceptWord("collate")) column.Collation = ParseName("a collation name")?.Name;
            else if (AcceptWord("autoincrement")) { column.Identity = true; Vote("sqlite"); }
            else if (AcceptWord("auto_increment")) { column.Identity = true; Vote("mysql"); }
            else if (AcceptWords("on", "update"))
            {
                column.OnUpdate = ReadExpression(IsColumnConstraintBoundary);
                Vote("mysql");
            }
            else if (AcceptWords("on", "conflict")) { Advance(); Vote("sqlite"); }
            else if (AcceptWord("comment"))
            {
                if (Cur.Kind == SqlTokenKind.String) { column.Comment = StringValue(Cur); _pos++; }
                else Error("a string after COMMENT");
            }
            else if (AcceptWords("character", "set") || AcceptWord("charset")) ParseIdentifier("a character set name");
            else if (SkipConstraintAttribute()) { }
            else if (AcceptWord("storage") || AcceptWord("compression") || AcceptWord("column_format")) Advance();
            else if (AcceptWord("visible") || AcceptWord("invisible") || AcceptWord("unsigned") || AcceptWord("zerofill")) { }
            else if (AcceptWord("key")) { column.PrimaryKey = true; } // MySQL: KEY alone means PRIMARY KEY
            else if (AcceptWord("after")) ParseIdentifier("a column name after AFTER"); // MySQL column position
            else if (AcceptWord("first")) { }
            else
            {
                Error("a column constraint (NOT NULL, DEFAULT, PRIMARY KEY, REFERENCES, CHECK, ...)");
                return;
            }
            constraintName = null;
        }
    }

    /// <summary><c>GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(...)]</c> or <c>GENERATED ALWAYS AS (expr) [STORED]</c>.</summary>
    private void ParseGenerated(ColumnDef column)
    {
        if (!AcceptWords("by", "default")) AcceptWord("always");
        if (!ExpectWord("as")) return;
        if (AcceptWord("identity"))
        {
            column.Identity = true;
            column.NotNull = true;
            SkipParenthesized();
            Vote("postgresql");
        }
        else if (AtPunct('('))
        {
            column.GeneratedExpression = ReadParenthesized();
            if (!AcceptWord("stored")) AcceptWord("virtual");
        }
        else
        {
            Error("IDENTITY or '(' after GENERATED ... AS");
        }
    }

    /// <summary><c>DEFERRABLE</c>, <c>NOT DEFERRABLE</c>, <c>INITIALLY DEFERRED|IMMEDIATE</c>, <c>NOT VALID</c>, <c>[NOT] ENFORCED</c>.</summary>
    private bool SkipConstraintAttribute()
    {
        if (AcceptWord("deferrable") || AcceptWord("enforced")) return true;
        if (AcceptWords("not", "deferrable") || AcceptWords("not", "valid") || AcceptWords("not", "enforced") || AcceptWords("no", "inherit")) return true;
        if (AcceptWord("initially"))
        {
            if (!AcceptWord("deferred")) AcceptWord("immediate");
            return true;
        }
        return false;
    }

    /// <summary>SQLite <c>ON CONFLICT {ROLLBACK|ABORT|FAIL|IGNORE|REPLACE}</c>.</summary>
    private void SkipConflictClause()
    {
        if (AcceptWords("on", "conflict"))
        {
            Advance();
            Vote("sqlite");
        }
    }

    private string ReadDefaultExpression()
    {
        if (AtPunct('(') )
        {
            // DEFAULT (expr): the parentheses are SQLite syntax, not part of the value.
            var open = _pos;
            var inner = ReadParenthesized();
            if (IsColumnConstraintBoundary(Cur) || AtPunct(',') || AtPunct(')') || AtStatementEnd) return inner;
            _pos = open;
        }
        return ReadExpression(IsColumnConstraintBoundary);
    }

    /// <summary>Where a DEFAULT or ON UPDATE expression ends inside a column definition.</summary>
    private bool IsColumnConstraintBoundary(SqlToken token)
    {
        if (token.Kind != SqlTokenKind.Word) return false;
        if (IsWord(token, "not")) return IsWord(Peek(1), "null") || IsWord(Peek(1), "deferrable");
        if (IsWord(token, "on")) return IsWord(Peek(1), "update") || IsWord(Peek(1), "conflict") || IsWord(Peek(1), "delete");
        return s_defaultBoundaries.Contains(Text(token));
    }

    private static readonly HashSet<string> s_defaultBoundaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "primary", "unique", "references", "check", "constraint", "default", "collate", "generated", "comment",
        "auto_increment", "autoincrement", "deferrable", "initially", "visible", "invisible", "storage", "compression",
    };

    /// <summary>After REFERENCES: <c>table [(cols)] [MATCH x] [ON DELETE a] [ON UPDATE a] [DEFERRABLE ...]</c>.</summary>
    private ForeignKeyDef? ParseReferences()
    {
        var target = ParseName("the referenced table");
        if (target is null) return null;
        var fk = new ForeignKeyDef { Target = target };
        if (AtPunct('(')) ParseColumnList(fk.TargetColumns);
        while (!_failed)
        {
            if (AcceptWord("match")) Advance();
            else if (AcceptWords("on", "delete")) fk.OnDelete = ParseReferentialAction();
            else if (AcceptWords("on", "update")) fk.OnUpdate = ParseReferentialAction();
            else if (!SkipConstraintAttribute()) break;
        }
        return fk;
    }

    private ReferentialAction ParseReferentialAction()
    {
        if (AcceptWord("cascade")) return ReferentialAction.Cascade;
        if (AcceptWord("restrict")) return ReferentialAction.Restrict;
        if (AcceptWords("no", "action")) return ReferentialAction.NoAction;
        if (AcceptWords("set", "null")) { SkipParenthesized(); return ReferentialAction.SetNull; }
        if (AcceptWords("set", "default")) { SkipParenthesized(); return ReferentialAction.SetDefault; }
        Error("CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT");
        return ReferentialAction.Unspecified;
    }

    /// <summary><c>(a, b DESC, c(10))</c>: column names; sort orders, collations and MySQL prefix lengths are dropped.</summary>
    private void ParseColumnList(List<string> columns)
    {
        if (!ExpectPunct('(')) return;
        while (!_failed)
        {
            var name = ParseIdentifier("a column name");
            if (name is null) return;
            columns.Add(name);
            SkipParenthesized();
            if (AcceptWord("collate")) ParseName("a collation name");
            if (!AcceptWord("asc")) AcceptWord("desc");
            if (AcceptPunct(',')) continue;
            ExpectPunct(')');
            return;
        }
    }

    private TableConstraintDef? ParseTableConstraint()
    {
        var start = Cur;
        string? name = null;
        if (AcceptWord("constraint")) name = ParseIdentifier("a constraint name");
        TableConstraintDef? constraint;
        if (AcceptWords("primary", "key"))
        {
            constraint = new TableConstraintDef { Kind = TableConstraintKind.PrimaryKey, Name = name };
            if (AcceptWord("using")) Advance();
            ParseColumnList(constraint.Columns);
            SkipConflictClause();
        }
        else if (AcceptWord("unique"))
        {
            constraint = new TableConstraintDef { Kind = TableConstraintKind.Unique, Name = name };
            if (AcceptWords("nulls", "not", "distinct")) constraint.NullsNotDistinct = true;
            else AcceptWords("nulls", "distinct");
            if (!AcceptWord("key")) AcceptWord("index");
            if (IsIdentifier(Cur) && !AtWord("using")) constraint.Name ??= IdentifierValue(Cur);
            if (IsIdentifier(Cur) && !AtWord("using")) _pos++;
            if (AcceptWord("using")) Advance();
            ParseColumnList(constraint.Columns);
            SkipConflictClause();
        }
        else if (AcceptWords("foreign", "key"))
        {
            constraint = new TableConstraintDef { Kind = TableConstraintKind.ForeignKey, Name = name };
            if (IsIdentifier(Cur)) _pos++; // MySQL: FOREIGN KEY index_name (...)
            ParseColumnList(constraint.Columns);
            if (ExpectWord("references")) constraint.References = ParseReferences();
        }
        else if (AcceptWord("check"))
        {
            constraint = new TableConstraintDef { Kind = TableConstraintKind.Check, Name = name, CheckExpression = ReadParenthesized() };
        }
        else if (AcceptWord("exclude") || AcceptWord("like"))
        {
            // Exclusion constraints and LIKE clauses are valid but not modeled.
            while (!AtStatementEnd && !AtPunct(',') && !AtPunct(')'))
            {
                if (AtPunct('(')) SkipParenthesized(); else _pos++;
            }
            return null;
        }
        else if (AtWord("key") || AtWord("index") || AtWord("fulltext") || AtWord("spatial"))
        {
            var method = AtWord("fulltext") ? "fulltext" : AtWord("spatial") ? "spatial" : null;
            _pos++;
            if (method is not null && !AcceptWord("key")) AcceptWord("index");
            constraint = new TableConstraintDef { Kind = TableConstraintKind.Index, Name = name, IndexMethod = method };
            if (IsIdentifier(Cur) && !AtWord("using")) constraint.Name ??= IdentifierValue(Cur);
            if (IsIdentifier(Cur) && !AtWord("using")) _pos++;
            if (AcceptWord("using")) constraint.IndexMethod = ParseIdentifier("an index method")?.ToLowerInvariant();
            ParseColumnList(constraint.Columns);
            Vote("mysql");
        }
        else
        {
            Error("PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK");
            return null;
        }
        while (!_failed && SkipConstraintAttribute()) { }
        while (!_failed && AcceptWord("using"))
        {
            // USING INDEX TABLESPACE x / MySQL USING BTREE after the column list.
            while (!AtStatementEnd && !AtPunct(',') && !AtPunct(')')) _pos++;
        }
        constraint.Span = SpanFrom(start);
        return constraint;
    }
}
