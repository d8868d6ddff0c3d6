using SchemaAudit.Model;
using static SchemaAudit.Tests.Sql.SqlTestHelpers;

namespace SchemaAudit.Tests.Sql;

public sealed class SqlParserTests
{
    [Fact]
    public void Create_table_columns_types_and_nullability()
    {
        var schema = Build("""
            CREATE TABLE IF NOT EXISTS app.users (
                id bigserial PRIMARY KEY,
                email varchar(40) NOT NULL,
                nick character varying(12),
                score double precision,
                seen timestamp(3) with time zone,
                at timestamp without time zone,
                tags text[],
                data jsonb,
                flag boolean DEFAULT false
            );
            """);
        Assert.Empty(schema.Diagnostics);
        var users = schema.Table("users");
        Assert.Equal("app", users.SchemaName);
        Assert.Equal((1, 1), (users.Span.Line, users.Span.Column));
        var id = users.Column("id");
        Assert.Equal((LogicalType.Int64, true, false, true), (id.Type, id.IsIdentity, id.Nullable, id.IsPrimaryKey));
        Assert.Equal((LogicalType.Text, 40, false), (users.Column("email").Type, users.Column("email").Length, users.Column("email").Nullable));
        Assert.Equal(3, users.Column("email").Span.Line);
        Assert.Equal((LogicalType.Text, 12), (users.Column("nick").Type, users.Column("nick").Length));
        Assert.Equal(LogicalType.Float, users.Column("score").Type);
        Assert.Equal(LogicalType.TimestampTz, users.Column("seen").Type);
        Assert.Equal("timestamp(3) with time zone", users.Column("seen").TypeAsWritten);
        Assert.Equal(LogicalType.Timestamp, users.Column("at").Type);
        Assert.Equal(LogicalType.Array, users.Column("tags").Type);
        Assert.Equal(LogicalType.Jsonb, users.Column("data").Type);
        Assert.Equal("false", users.Column("flag").ServerDefault?.Expression);
        Assert.False(users.Column("flag").ServerDefault!.IsRawSql);
        Assert.Equal(["id"], users.PrimaryKey!.Columns);
        Assert.Equal("postgresql", schema.Dialect);
    }

    [Fact]
    public void Column_constraints_references_checks_identity_generated()
    {
        var schema = Build("""
            CREATE TABLE parents (id int PRIMARY KEY);
            CREATE TABLE kids (
                id int GENERATED ALWAYS AS IDENTITY,
                parent_id int CONSTRAINT kids_parent_fk REFERENCES parents (id) ON DELETE SET NULL ON UPDATE CASCADE,
                other_id int REFERENCES parents,
                explicit_id int REFERENCES parents(id) ON DELETE NO ACTION,
                age int CHECK (age > 0) UNIQUE NULLS NOT DISTINCT,
                doubled int GENERATED ALWAYS AS (age * 2) STORED,
                name text COLLATE "C" NULL DEFAULT 'x'::text
            );
            """);
        Assert.Equal("", schema.Errors());
        var kids = schema.Table("kids");
        Assert.True(kids.Column("id").IsIdentity);
        Assert.False(kids.Column("id").Nullable);
        var fk = kids.ForeignKeys.Single(f => f.Columns[0] == "parent_id");
        Assert.Equal(("kids_parent_fk", "parents", ReferentialAction.SetNull, ReferentialAction.Cascade), (fk.Name, fk.TargetTable, fk.OnDelete, fk.OnUpdate));
        Assert.Equal(4, fk.Span.Line);
        var other = kids.ForeignKeys.Single(f => f.Columns[0] == "other_id");
        Assert.Equal(ReferentialAction.Unspecified, other.OnDelete);
        Assert.Equal(["id"], other.TargetColumns); // resolved to the target's primary key
        Assert.Equal(ReferentialAction.NoAction, kids.ForeignKeys.Single(f => f.Columns[0] == "explicit_id").OnDelete);
        Assert.Equal("age > 0", Assert.Single(kids.Checks).Expression);
        var unique = Assert.Single(kids.UniqueConstraints);
        Assert.True(unique.NullsNotDistinct);
        Assert.True(unique.FromColumnFlag);
        Assert.Equal("'x'::text", kids.Column("name").ServerDefault?.Expression);
        Assert.Null(kids.Column("doubled").ServerDefault);
    }

    [Fact]
    public void Table_constraints_composite_keys()
    {
        var schema = Build("""
            CREATE TABLE a (id int, b_id int, c text,
              CONSTRAINT a_pk PRIMARY KEY (id, b_id),
              CONSTRAINT a_c_uq UNIQUE (c, b_id),
              CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b (id) ON DELETE CASCADE,
              CHECK (c <> ''),
              EXCLUDE USING gist (c WITH =)
            ) WITH (fillfactor = 70);
            """);
        Assert.Equal("", schema.Errors());
        var a = schema.Table("a");
        Assert.Equal("a_pk", a.PrimaryKey!.Name);
        Assert.Equal(["id", "b_id"], a.PrimaryKey.Columns);
        Assert.Equal(2, a.PrimaryKey.Span.Line);
        Assert.False(a.Column("id").Nullable);
        Assert.Equal(["c", "b_id"], Assert.Single(a.UniqueConstraints).Columns);
        Assert.Equal(ReferentialAction.Cascade, Assert.Single(a.ForeignKeys).OnDelete);
        Assert.Equal(4, a.ForeignKeys[0].Span.Line);
        Assert.Equal("c <> ''", Assert.Single(a.Checks).Expression);
    }

    [Fact]
    public void Create_index_with_method_opclass_expression_and_predicate()
    {
        var schema = Build("""
            CREATE TABLE t (id int, path text, email text, data jsonb, deleted_at timestamptz);
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_email ON ONLY t (lower(email)) WHERE deleted_at IS NULL;
            CREATE INDEX ix_path ON t USING btree (path text_pattern_ops DESC NULLS LAST, (id + 1));
            CREATE INDEX ix_data ON t USING gin (data jsonb_path_ops);
            CREATE UNIQUE INDEX ix_nn ON t (email) NULLS NOT DISTINCT;
            """);
        Assert.Equal("", schema.Errors());
        var t = schema.Table("t");
        var email = t.Indexes.Single(i => i.Name == "ix_email");
        Assert.Equal((true, "deleted_at IS NULL", "lower(email)", true), (email.IsUnique, email.Where, email.Columns[0], email.IsExpression[0]));
        Assert.Equal(2, email.Span.Line);
        var path = t.Indexes.Single(i => i.Name == "ix_path");
        Assert.Null(path.Method); // btree is the default
        Assert.Equal(["path", "id + 1"], path.Columns);
        Assert.Equal([false, true], path.IsExpression);
        Assert.Equal("text_pattern_ops", path.OperatorClasses["path"]);
        var data = t.Indexes.Single(i => i.Name == "ix_data");
        Assert.Equal(("gin", "jsonb_path_ops"), (data.Method, data.OperatorClasses["data"]));
        Assert.True(t.Indexes.Single(i => i.Name == "ix_nn").NullsNotDistinct);
    }

    [Fact]
    public void Enum_types_and_values()
    {
        var schema = Build("""
            CREATE TYPE mood AS ENUM ('sad', 'ok');
            ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
            CREATE TABLE p (m mood NOT NULL, n public.mood);
            """);
        Assert.Equal("", schema.Errors());
        Assert.Equal(["sad", "meh", "ok"], Assert.Single(schema.Enums).Values);
        var p = schema.Table("p");
        Assert.Equal((LogicalType.Enum, "mood"), (p.Column("m").Type, p.Column("m").EnumName));
        Assert.Equal((LogicalType.Enum, "mood"), (p.Column("n").Type, p.Column("n").EnumName));
    }

    [Fact]
    public void Alter_table_actions()
    {
        var schema = Build("""
            CREATE TABLE t (id int, a text, b text, c int);
            ALTER TABLE IF EXISTS ONLY t
                ADD COLUMN d text NOT NULL DEFAULT '',
                ALTER COLUMN a SET NOT NULL,
                ALTER b SET DEFAULT 'x',
                ALTER COLUMN c TYPE bigint USING c::bigint,
                DROP COLUMN IF EXISTS b CASCADE,
                ADD CONSTRAINT t_pk PRIMARY KEY (id),
                ADD UNIQUE (a),
                RENAME COLUMN c TO c2;
            ALTER TABLE t OWNER TO someone;
            ALTER TABLE t RENAME TO t2;
            """);
        Assert.Equal("", schema.Errors());
        var t = schema.Table("t2");
        Assert.Null(schema.FindTable("t"));
        Assert.Equal(["id", "a", "c2", "d"], t.Columns.Select(c => c.Name));
        Assert.False(t.Column("a").Nullable);
        Assert.Equal(1, t.Column("a").Span.Line); // the creation span is kept
        Assert.Equal(LogicalType.Int64, t.Column("c2").Type);
        Assert.Equal(3, t.Column("d").Span.Line);
        Assert.Equal("t_pk", t.PrimaryKey?.Name);
        Assert.Equal(["a"], Assert.Single(t.UniqueConstraints).Columns);
    }

    [Fact]
    public void Drop_and_comment()
    {
        var schema = Build("""
            CREATE TABLE a (id int, note text);
            CREATE TABLE b (id int);
            CREATE INDEX a_note ON a (note);
            CREATE TYPE e AS ENUM ('x');
            COMMENT ON TABLE a IS 'the a''s';
            COMMENT ON COLUMN public.a.note IS 'a note';
            DROP INDEX IF EXISTS a_note;
            DROP TABLE b CASCADE;
            DROP TYPE e;
            """);
        Assert.Equal("", schema.Errors());
        Assert.Empty(schema.Diagnostics);
        var a = Assert.Single(schema.Tables);
        Assert.Empty(a.Indexes);
        Assert.Empty(schema.Enums);
        Assert.Equal("the a's", a.Comment);
        Assert.Equal("a note", a.Column("note").Comment);
    }

    [Fact]
    public void Trigger_that_sets_updated_at_is_an_update_hook()
    {
        var schema = Build("""
            CREATE TABLE t (id int, updated_at timestamptz);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.updated_at := now();
              RETURN NEW;
            END $$;
            CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE TRIGGER t_ins BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
            """);
        Assert.Equal("", schema.Errors());
        var hook = Assert.Single(schema.UpdateHooks);
        Assert.Equal(("t", "updated_at", "trigger t_touch", 7), (hook.Table, hook.Column, hook.Mechanism, hook.Span.Line));
    }

    [Fact]
    public void Comparison_in_a_trigger_body_is_not_an_assignment()
    {
        var schema = Build("""
            CREATE TABLE t (id int, updated_at timestamptz);
            CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN IF NEW.updated_at = OLD.updated_at THEN RAISE 'x'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER g BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE f();
            """);
        Assert.Empty(schema.UpdateHooks);
    }

    [Fact]
    public void Sqlite_schema()
    {
        var schema = Build(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "sql", "sqlite_kitchen_sink.sql")));
        Assert.Equal("", schema.Errors());
        Assert.Equal("sqlite", schema.Dialect);
        var authors = schema.Table("authors");
        Assert.True(authors.Column("id").IsIdentity);
        Assert.Equal(LogicalType.Unknown, authors.Column("bio").Type);
        Assert.Equal("datetime('now')", authors.Column("created_at").ServerDefault?.Expression);
        Assert.Equal(LogicalType.Timestamp, authors.Column("created_at").Type);
        var books = schema.Table("books");
        Assert.True(books.Column("id").IsIdentity); // INTEGER PRIMARY KEY is the rowid
        Assert.Equal(ReferentialAction.Restrict, Assert.Single(books.ForeignKeys).OnDelete);
        Assert.Equal(LogicalType.Binary, books.Column("cover").Type);
        Assert.Equal("price IS NOT NULL", Assert.Single(books.Indexes).Where);
        Assert.Contains(schema.UpdateHooks, h => h.Table == "authors" && h.Column == "updated_at");
    }

    [Fact]
    public void Mysql_schema()
    {
        var schema = Build(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "sql", "mysql_kitchen_sink.sql")));
        Assert.Equal("", schema.Errors());
        Assert.Equal("mysql", schema.Dialect);
        var customers = schema.Table("customers");
        Assert.True(customers.Column("id").IsIdentity);
        Assert.Equal(LogicalType.Bool, customers.Column("is_active").Type);
        Assert.Equal(LogicalType.Text, customers.Column("key").Type);
        Assert.Equal(LogicalType.Enum, customers.Column("kind").Type);
        Assert.Equal("CURRENT_TIMESTAMP", customers.Column("updated_at").ServerOnUpdate);
        Assert.Equal("login", customers.Column("email").Comment);
        Assert.Equal(["email"], customers.UniqueConstraints.Single(u => u.Name == "uk_email").Columns);
        Assert.Equal(["key"], customers.Indexes.Single(i => i.Name == "idx_key").Columns);
        Assert.Equal("fulltext", customers.Indexes.Single(i => i.Name == "ft_notes").Method);
        var invoices = schema.Table("invoices");
        Assert.Equal(ReferentialAction.Cascade, Assert.Single(invoices.ForeignKeys).OnDelete);
        Assert.Single(invoices.Indexes, i => i.Name == "idx_paid");
        Assert.Equal(20, invoices.Column("total").Span.Line); // MODIFY keeps the creation span
        Assert.Contains(schema.UpdateHooks, h => h.Table == "invoices" && h.Column == "paid_at");
    }

    [Fact]
    public void Postgres_kitchen_sink()
    {
        var schema = Build(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "sql", "postgres_kitchen_sink.sql")));
        Assert.Equal("", schema.Errors());
        var accounts = schema.Table("accounts");
        Assert.Equal(LogicalType.Text, accounts.Column("Display Name").Type);
        Assert.Equal(LogicalType.Decimal, accounts.Column("balance").Type);
        Assert.Equal(LogicalType.Enum, accounts.Column("current_mood").Type);
        Assert.Equal(LogicalType.Float, accounts.Column("rating").Type);
        Assert.False(accounts.Column("born").Nullable);
        Assert.Equal("Customer accounts", accounts.Comment);
        Assert.Equal(["sad", "ok", "happy", "ecstatic"], schema.Enums.Single().Values);
        Assert.Contains(schema.UpdateHooks, h => h.Table == "accounts" && h.Column == "updated_at");
        Assert.Null(schema.FindTable("scratch"));
        Assert.Null(schema.FindTable("copy_of_accounts"));
        Assert.NotNull(schema.FindTable("cache_entries"));
        var orders = schema.Table("orders");
        Assert.True(orders.Column("id").IsIdentity);
        Assert.Equal(2, orders.ForeignKeys.Count);
        Assert.Equal("it's fine", orders.Column("note").ServerDefault?.Expression.Trim('\'').Replace("''", "'", StringComparison.Ordinal));
        var open = orders.Indexes.Single(i => i.Name == "ix_orders_open");
        Assert.Equal(("(note IS NOT NULL)", true), (open.Where, open.NullsNotDistinct));
        Assert.Contains(orders.Indexes, i => i.Name is null && i.IsExpression[0]);
        var lower = accounts.Indexes.Single(i => i.Name == "ix_accounts_email_lower");
        Assert.Equal("text_pattern_ops", lower.OperatorClasses["lower((email)::text)"]);
    }
}
