using SchemaAudit.Rules;

namespace SchemaAudit.Tests.Rules.Design;

public sealed class NameHeuristicsTests
{
    [Theory]
    [InlineData("node_sync_status", "node|sync|status")]
    [InlineData("apiKeyHash", "api|key|hash")]
    [InlineData("HTTPServerURL", "http|server|url")]
    [InlineData("s3_key", "s3|key")]
    [InlineData("AuditLogEntry", "audit|log|entry")]
    [InlineData("__private__", "private")]
    [InlineData("", "")]
    public void Splits_identifiers_into_lower_case_words(string name, string expected) =>
        Assert.Equal(expected, string.Join('|', NameHeuristics.Words(name)));

    [Theory]
    [InlineData("entries", "entry")]
    [InlineData("messages", "message")]
    [InlineData("status", "status")]
    [InlineData("addresses", "address")]
    [InlineData("analysis", "analysis")]
    public void Singularises_plural_nouns(string word, string expected) => Assert.Equal(expected, NameHeuristics.Singular(word));

    [Theory]
    [InlineData("messages", true)]
    [InlineData("audit_trail", true)]
    [InlineData("AuditLogEntry", true)]
    [InlineData("votes", true)]
    [InlineData("members", false)]
    [InlineData("event_types", false)]
    public void Recognises_unbounded_collections(string name, bool expected) => Assert.Equal(expected, NameHeuristics.LooksUnbounded(name));
}
