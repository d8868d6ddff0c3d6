using SchemaAudit.Model;
using SchemaAudit.Rules.Security;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Security;

public sealed class PlaintextSecretColumnTests
{
    [Theory]
    [InlineData("users", "password", "Password")]
    [InlineData("users", "passwd", "Password")]
    [InlineData("users", "smtpPassword", "Password")]
    [InlineData("users", "reset_token", "IssuedToken")]
    [InlineData("integrations", "access_token", "Credential")]
    [InlineData("integrations", "refresh_token", "Credential")]
    [InlineData("integrations", "client_secret", "Credential")]
    [InlineData("integrations", "api_key", "Credential")]
    [InlineData("integrations", "apiKey", "Credential")]
    [InlineData("integrations", "apikey", "Credential")]
    [InlineData("integrations", "private_key", "Credential")]
    [InlineData("api_keys", "key", "Credential")]
    [InlineData("secrets", "value", "Credential")]
    public void Names_that_announce_a_secret(string table, string column, string kind) =>
        Assert.Equal(kind, PlaintextSecretColumn.Classify(table, column)?.ToString());

    [Theory]
    [InlineData("users", "password_hash")]
    [InlineData("users", "hashed_password")]
    [InlineData("users", "passwordDigest")]
    [InlineData("users", "password_changed_at")]
    [InlineData("users", "password_reset_sent_at")]
    [InlineData("users", "token_expires_at")]
    [InlineData("users", "token_type")]
    [InlineData("users", "token_id")]
    [InlineData("users", "token_count")]
    [InlineData("users", "tokens_used")]
    [InlineData("users", "max_tokens")]
    [InlineData("users", "encrypted_token")]
    [InlineData("users", "client_secret_enc")]
    [InlineData("users", "api_key_prefix")]
    [InlineData("users", "public_key")]
    [InlineData("users", "cache_key")]
    [InlineData("users", "next_page_token")]
    [InlineData("users", "device_token")]
    [InlineData("settings", "key")]
    public void Names_that_do_not(string table, string column) => Assert.Null(PlaintextSecretColumn.Classify(table, column));

    [Fact]
    public void Only_text_binary_or_unknown_columns_and_no_protection_signs()
    {
        var encrypted = Col("access_token", LogicalType.Text, 5, "StringEncryptedType(Text, key, AesEngine)");
        var commented = Col("password", LogicalType.Text, 6);
        commented.Comment = "bcrypt hash";
        var flag = Col("password", LogicalType.Bool, 7);
        var plain = Col("refresh_token", LogicalType.Unknown, 8);

        var findings = Run(new PlaintextSecretColumn(), Schema(Table("integrations", 1, encrypted, commented, flag, plain)));

        var finding = Assert.Single(findings);
        Assert.Equal(8, finding.Span.Line);
        Assert.Contains("`integrations.refresh_token`", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users", "password", "Critical")]
    [InlineData("status_pages", "password", "Warning")]
    [InlineData("users", "api_key", "Critical")]
    [InlineData("api_keys", "key", "Critical")]
    [InlineData("long_lived_tokens", "token", "Critical")]
    [InlineData("password_resets", "token", "Warning")]
    [InlineData("login_tokens", "token", "Warning")]
    [InlineData("invitations", "token", "Suggestion")]
    [InlineData("email_verifications", "verification_token", "Suggestion")]
    [InlineData("communities", "private_key", "Suggestion")]
    [InlineData("oauth_providers", "client_secret", "Suggestion")]
    [InlineData("clients", "client_secret", "Critical")]
    [InlineData("integrations", "access_token", "Suggestion")]
    public void Severity_follows_what_a_leak_would_open(string table, string column, string severity)
    {
        var finding = Assert.Single(Run(new PlaintextSecretColumn(), Schema(Table(table, 1, Col("id", LogicalType.Int64, 2), Col(column, LogicalType.Text, 3)))));
        Assert.Equal(severity, finding.Severity.ToString());
    }

    [Fact]
    public void An_issued_token_with_an_expiry_is_a_warning()
    {
        var table = Table("user_tokens", 1, Col("token", LogicalType.Text, 2), Col("token_expiration", LogicalType.TimestampTz, 3));
        Assert.Equal("Warning", Assert.Single(Run(new PlaintextSecretColumn(), Schema(table))).Severity.ToString());
    }

    [Fact]
    public void Code_that_hashes_or_encrypts_the_value_silences_it_by_column_or_attribute_name()
    {
        var password = Col("password", LogicalType.Text, 3);
        var secret = Col("client_secret", LogicalType.Text, 4);
        secret.Attribute = new OrmAttribute("clientSecret", null, null, false, Line(4));
        var token = Col("reset_token", LogicalType.Text, 5);
        var schema = Schema(Table("users", 1, password, secret, token));
        schema.SecretHandling.Add(new SecretHandling("password", SecretHandlingKind.Hashed, "hash_password", Line(40, "app/auth.py")));
        schema.SecretHandling.Add(new SecretHandling("clientSecret", SecretHandlingKind.Encrypted, "encrypt", Line(41, "app/auth.ts")));

        Assert.Equal("reset_token", Assert.Single(Run(new PlaintextSecretColumn(), schema)).ColumnName);
    }

    [Fact]
    public void Auth_library_tables_are_skipped_only_when_the_project_uses_such_a_library()
    {
        var accounts = Table("accounts", 1, Col("provider", line: 2), Col("provider_account_id", line: 3), Col("access_token", line: 4),
            Col("refresh_token", line: 5));
        var sessions = Table("sessions", 10, Col("session_token", line: 11), Col("expires", LogicalType.TimestampTz, 12));

        Assert.Equal(3, Run(new PlaintextSecretColumn(), Schema(accounts, sessions)).Count);

        var withLibrary = Schema(accounts, sessions);
        withLibrary.SecretHandling.Add(new SecretHandling("next-auth", SecretHandlingKind.AuthLibrary, "dependency", Line(5, "package.json")));
        Assert.Empty(Run(new PlaintextSecretColumn(), withLibrary));
    }
}
