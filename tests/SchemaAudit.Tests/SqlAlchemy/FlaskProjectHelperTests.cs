using SchemaAudit.Model;

namespace SchemaAudit.Tests.SqlAlchemy;

/// <summary>
/// Flask projects that wrap the extension: a subclass of <c>SQLAlchemy</c> for <c>db</c>, a
/// <c>functools.partial</c> of <c>db.Column</c>, and helper functions that return a column.
/// </summary>
public sealed class FlaskProjectHelperTests
{
    private const string Base = """
        import functools
        from flask_sqlalchemy import SQLAlchemy

        class AppSQLAlchemy(SQLAlchemy):
            def apply_driver_hacks(self, app, info, options):
                return super().apply_driver_hacks(app, info, options)

        class TunedSQLAlchemy(AppSQLAlchemy):
            pass

        db = TunedSQLAlchemy(session_options={"expire_on_commit": False})

        Column = functools.partial(db.Column, nullable=False)

        def primary_key(name):
            kind = db.Integer
            return Column(kind, primary_key=True)
        """;

    private const string Models = """
        from app.base import db, Column, primary_key

        class Account(db.Model):
            __tablename__ = "accounts"
            id = primary_key("Account")
            email = Column(db.String(320), unique=True)
            nickname = Column(db.String(80), nullable=True)

        class AuditEntry(db.Model):
            id = db.Column(db.Integer, primary_key=True)
            account_id = Column(db.Integer, db.ForeignKey("accounts.id"))
        """;

    private static readonly Schema s_schema = Fixture.FromSources(("app/base.py", Base), ("app/models.py", Models));

    private static Table Table(string name) =>
        s_schema.Tables.Find(t => t.Name == name) ?? throw new Xunit.Sdk.XunitException(
            $"no table `{name}`; tables: {string.Join(", ", s_schema.Tables.Select(t => t.Name))}\n{string.Join("\n", s_schema.Diagnostics)}");

    [Fact]
    public void Models_of_a_subclassed_extension_are_mapped()
    {
        Assert.Equal(["accounts", "audit_entry"], s_schema.Tables.Select(t => t.Name).Order());
    }

    [Fact]
    public void Partial_column_keywords_apply_unless_the_call_repeats_them()
    {
        var accounts = Table("accounts");
        Assert.False(accounts.Columns.Single(c => c.Name == "email").Nullable);
        Assert.True(accounts.Columns.Single(c => c.Name == "nickname").Nullable);
        Assert.False(Table("audit_entry").Columns.Single(c => c.Name == "account_id").Nullable);
    }

    [Fact]
    public void Helper_returning_a_column_gives_the_primary_key_at_the_attribute()
    {
        var accounts = Table("accounts");
        Assert.Equal(["id"], accounts.PrimaryKey!.Columns);
        var id = accounts.Columns.Single(c => c.Name == "id");
        Assert.False(id.Nullable);
        Assert.Equal(("app/models.py", 5), id.Span.Where());
    }
}
