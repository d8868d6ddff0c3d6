using System.Collections.Frozen;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Security;

/// <summary>
/// Free-form JSON payloads (<c>input</c>, <c>output</c>, <c>payload</c>, <c>headers</c>) stored on log, event, audit or call
/// tables: whatever the call carried, tokens and passwords included, is kept in clear for as long as the log lives.
/// </summary>
public sealed class PayloadSecretsUnredacted : Rule
{
    // Last words of columns that hold a whole request, response or argument list.
    private static readonly FrozenSet<string> s_payloadNouns = new[]
    {
        "input", "inputs", "output", "outputs", "payload", "request", "response", "headers", "params", "parameters", "body", "args",
        "arguments", "kwargs", "env", "environment",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Names that say the content was cleaned before storage.
    private static readonly FrozenSet<string> s_cleanedWords = new[]
    {
        "redacted", "sanitized", "sanitised", "masked", "scrubbed", "filtered", "safe", "hash", "hashed", "encrypted", "preview", "summary",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] s_redactionHints = ["redact", "sanitiz", "sanitis", "mask", "scrub", "strip", "encrypt"];

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "payload-secrets-unredacted",
        Title = "Free-form request/response payload stored on a log table",
        Severity = Severity.Suggestion,
        Category = RuleCategory.Security,
        Precision = RulePrecision.Provisional(PrecisionLevel.Low),
        Why = "Logging the whole input and output of a call is convenient for debugging, but calls carry credentials: a registration call "
            + "receives an auth token, an HTTP call has an `Authorization` header, a tool call gets an API key. Stored as-is in a log table, "
            + "those secrets are readable by everyone with read access to the database, its backups and its replicas, for as long as the log is kept.",
        Fix = "Redact before writing: drop or mask fields named like secrets (`password`, `token`, `secret`, `authorization`, `api_key`, `key`) "
            + "at the single place that writes the log, store a truncated preview, and document the policy in a column comment.",
        ExampleLanguage = "sql",
        BadExample = """
            CREATE TABLE call_logs (
                id bigserial PRIMARY KEY,
                operation text NOT NULL,
                input jsonb,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """,
        GoodExample = """
            CREATE TABLE call_logs (
                id bigserial PRIMARY KEY,
                operation text NOT NULL,
                input jsonb,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON COLUMN call_logs.input IS 'Redacted by the writer: secret-named fields are masked before insert.';
            """,
        KnownProblems = "Judged from names: JSON columns whose last word is `input`, `output`, `payload`, `request`, `response`, `headers`, "
            + "`params`, `body`, `args`, … on tables named like logs, events, audit trails or call records. A column or comment that says the "
            + "content is redacted, masked, sanitized or encrypted is not reported; the application code that writes it is not read.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            if (!TableTraits.RecordsCallsOrEvents(table)) continue;
            foreach (var column in table.Columns)
            {
                if (!column.Type.IsJson() || !IsPayload(column.Name) || SaysRedacted(table, column)) continue;
                yield return Report(column.Span,
                    $"`{table.Name}.{column.Name}` stores a free-form call payload on a log table: tokens, passwords and API keys passed in "
                    + "the call are kept in clear for as long as the log is.",
                    $"Redact secret-named fields (password, token, secret, authorization, api_key) before writing `{column.Name}`, or store a "
                    + "truncated preview; document the policy in a column comment.",
                    table: table.Name, column: column.Name);
            }
        }
    }

    private static bool IsPayload(string name)
    {
        var words = NameHeuristics.Words(name);
        return words.Count > 0 && s_payloadNouns.Contains(words[^1]) && !words.Any(s_cleanedWords.Contains);
    }

    private static bool SaysRedacted(Table table, Column column)
    {
        foreach (var text in new[] { column.Comment, column.Doc })
        {
            if (text is null) continue;
            foreach (var hint in s_redactionHints)
                if (text.Contains(hint, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return table.Comment is { } comment && TableTraits.Mentions(comment, column.Name)
            && s_redactionHints.Any(h => comment.Contains(h, StringComparison.OrdinalIgnoreCase));
    }
}
