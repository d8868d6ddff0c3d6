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
}
