using SchemaAudit.Frontends.Live;

namespace SchemaAudit.Tests.Live;

/// <summary>Parsing <c>--db</c> values, and keeping passwords out of everything printed.</summary>
public sealed class DatabaseTargetTests
{
    [Theory]
    [InlineData("postgresql://app:s3cr%40t@db.example.com:6543/shop?sslmode=require", "postgresql://app@db.example.com:6543/shop")]
    [InlineData("postgres://app:pw-pw-pw@localhost/shop", "postgresql://app@localhost:5432/shop")]
    [InlineData("Host=db;Port=5433;Database=shop;Username=app;Password=pw-pw-pw", "postgresql://app@db:5433/shop")]
    [InlineData("postgresql://db/shop", "postgresql://db:5432/shop")]
    public void PostgreSQL_targets_display_without_password(string text, string display)
    {
        var target = DatabaseTarget.Parse(text, "/");
        Assert.Equal(DatabaseKind.PostgreSql, target.Kind);
        Assert.Equal(display, target.DisplayName);
        Assert.DoesNotContain("pw-pw-pw", target.ToString(), StringComparison.Ordinal);
        Assert.Contains("Application Name=schema-audit", target.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("default_transaction_read_only=on", target.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_password_is_decoded_for_the_driver()
    {
        var target = DatabaseTarget.Parse("postgresql://app:s3cr%40t@db/shop", "/");
        Assert.Equal("s3cr@t", target.Password);
    }

    [Theory]
    [InlineData("postgresql://app:pw-pw-pw@db/shop?frobnicate=1")]
    [InlineData("postgresql://app:pw-pw-pw@db:99999/shop")]
    [InlineData("Host=db;Password=pw-pw-pw;Bogus Keyword=1")]
    [InlineData("not a database")]
    public void Bad_targets_are_input_errors_without_the_password(string text)
    {
        var ex = Assert.Throws<LiveDatabaseException>(() => DatabaseTarget.Parse(text, "/"));
        Assert.DoesNotContain("pw-pw-pw", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u:hunter22@h/db", "postgresql://u:***@h/db")]
    [InlineData("Host=h;Password=hunter22;Database=x", "Host=h;Password=***;Database=x")]
    [InlineData("pwd = 'hunter 22'", "pwd = ***")]
    [InlineData("postgresql://h/db?password=hunter22&sslmode=require", "postgresql://h/db?password=***&sslmode=require")]
    public void Redactor_masks_passwords(string text, string expected) => Assert.Equal(expected, SecretRedactor.Redact(text));

    [Theory]
    [InlineData("sqlite:///app.db", true)]
    [InlineData("data/app.sqlite3", true)]
    [InlineData("postgres://x/y", true)]
    [InlineData("Host=x;Database=y", true)]
    [InlineData("app/models", false)]
    [InlineData("migrations/", false)]
    public void Tells_databases_from_paths(string text, bool isDatabase) => Assert.Equal(isDatabase, DatabaseTarget.LooksLikeDatabase(text));
}
