using System.Collections.Frozen;
using System.Text.RegularExpressions;
using SchemaAudit.Analysis;
using SchemaAudit.Model;

namespace SchemaAudit.Rules.Security;

/// <summary>
/// A text column that holds a password, token, secret or API key, with nothing saying it is hashed or
/// encrypted: one database dump or SQL injection away from every account and integration.
/// </summary>
public sealed partial class PlaintextSecretColumn : Rule
{
    internal enum SecretKind { Password, IssuedToken, Credential }

    // Head nouns that name a secret by themselves.
    private static readonly FrozenDictionary<string, SecretKind> s_secretNouns = new Dictionary<string, SecretKind>(StringComparer.Ordinal)
    {
        ["password"] = SecretKind.Password,
        ["passwd"] = SecretKind.Password,
        ["passphrase"] = SecretKind.Password,
        ["pwd"] = SecretKind.Password,
        ["secret"] = SecretKind.Credential,
        ["token"] = SecretKind.IssuedToken,
        ["apikey"] = SecretKind.Credential,
        ["credential"] = SecretKind.Credential,
        ["credentials"] = SecretKind.Credential,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // `<word>_key` is a secret only for these words (`api_key`, `private_key`), not `public_key`, `cache_key`, `sort_key`.
    private static readonly FrozenSet<string> s_secretKeyQualifiers = new[]
    {
        "api", "access", "private", "secret", "signing", "encryption", "master", "hmac", "license", "client",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Tokens that are issued by third parties must be kept (encrypted), ours can be hashed: the words tell which.
    private static readonly FrozenSet<string> s_thirdPartyWords = new[]
    {
        "access", "refresh", "oauth", "bearer", "provider", "github", "google", "slack", "stripe", "api", "bot", "webhook", "client",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words that mean "this is derived from the secret, not the secret": a hash, ciphertext, or a counter/limit.
    private static readonly FrozenSet<string> s_protectedWords = new[]
    {
        "hash", "hashed", "digest", "encrypted", "enc", "encrypt", "cipher", "ciphertext", "ciphered", "crypt", "crypted",
        "bcrypt", "argon", "argon2", "argon2id", "scrypt", "pbkdf2", "sha256", "sha512", "hmac", "sealed", "wrapped", "kms", "vault",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Tokens that identify rather than authenticate: pagination cursors, device registrations, correlation ids.
    private static readonly FrozenSet<string> s_nonSecretTokenWords = new[]
    {
        "page", "cursor", "continuation", "pagination", "next", "sync", "delta", "idempotency", "request", "correlation",
        "trace", "device", "push", "fcm", "apns", "registration", "notification", "cancellation",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Leading words of numeric settings: `max_tokens`, `num_tokens`.
    private static readonly FrozenSet<string> s_quantityWords = new[]
    {
        "max", "min", "num", "total", "count", "limit", "used", "remaining", "input", "output", "prompt", "completion",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Types that encrypt or hash transparently (sqlalchemy-utils, sqlalchemy-easy-types, custom TypeDecorators).
    [GeneratedRegex(@"Encrypt|Crypt|Cipher|Fernet|PasswordType|Hashed|Vault|Sealed", RegexOptions.CultureInvariant)]
    private static partial Regex ProtectedType();

    [GeneratedRegex(@"\b(?:hash|hashed|hashes|digest|encrypt\w*|bcrypt|argon2?\w*|scrypt|pbkdf2|cipher\w*|fernet|kms)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProtectedComment();

    public override RuleMetadata Metadata { get; } = new()
    {
        Id = "plaintext-secret-column",
        Title = "Secret stored in plain text",
        Severity = Severity.Critical,
        Category = RuleCategory.Security,
        Precision = RulePrecision.Provisional(PrecisionLevel.Medium),
        Why = "Passwords, tokens and API keys stored as they are end up in backups, replicas, logs of slow queries and every "
            + "SQL-injection or dump leak, usable at once. Passwords must be stored only as a slow salted hash; tokens the "
            + "application issues only as a digest; credentials for other services encrypted at rest.",
        Fix = "Passwords: store `password_hash` computed with argon2id or bcrypt (e.g. `passlib`, `argon2-cffi`). Tokens you issue "
            + "(session, reset, API keys of your users): store a SHA-256 digest and compare digests. Secrets you must send "
            + "to another service: encrypt the column (`StringEncryptedType`, a KMS-backed TypeDecorator).",
        BadExample = """
            from sqlalchemy import Column, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class User(Base):
                __tablename__ = "users"
                id = Column(Integer, primary_key=True)
                email = Column(String(320), nullable=False, unique=True)
                password = Column(String(128), nullable=False)
            """,
        GoodExample = """
            from sqlalchemy import Column, DateTime, Integer, String
            from sqlalchemy.orm import declarative_base

            Base = declarative_base()


            class User(Base):
                __tablename__ = "users"
                id = Column(Integer, primary_key=True)
                email = Column(String(320), nullable=False, unique=True)
                password_hash = Column(String(128), nullable=False)
                password_changed_at = Column(DateTime(timezone=True))
                max_tokens = Column(Integer, default=4096)
            """,
        KnownProblems = "Judged from names, types and comments: a hashed value in a column named `password` with no comment saying so "
            + "is reported (add `comment=\"argon2id hash\"` or rename it), and a secret in a column with an unrelated name is missed. "
            + "Only text, binary and unknown-typed columns are considered; JSON blobs of credentials are not. The `token` of an Auth.js "
            + "verification-token table (`identifier`, `token`, `expires`) is skipped: the library stores its hash.",
    };

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        foreach (var table in context.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.Type is not (LogicalType.Text or LogicalType.Binary or LogicalType.Unknown)) continue;
                if (IsProtected(column) || IsAuthJsVerificationToken(table, column)) continue;
                var kind = Classify(table.Name, column.Name);
                if (kind is null) continue;
                yield return Build(FixSyntax.For(context, column.Span), table, column, kind.Value);
            }
        }
    }

    /// <summary>
    /// Auth.js / NextAuth's verification-token table (<c>identifier</c>, <c>token</c>, <c>expires</c>): the library stores a
    /// SHA-256 hash of the e-mail token there, never the token itself.
    /// </summary>
    private static bool IsAuthJsVerificationToken(Table table, Column column) =>
        string.Equals(column.Name, "token", StringComparison.OrdinalIgnoreCase)
        && NameHeuristics.Words(table.Name).Select(NameHeuristics.Singular).ToList() is ["verification", "token"]
        && table.FindColumn("identifier") is not null && table.FindColumn("expires") is not null;

    /// <summary>What kind of secret a column name announces, or null when it does not name one.</summary>
    internal static SecretKind? Classify(string table, string column)
    {
        var words = NameHeuristics.Words(column);
        if (words.Count == 0) return null;
        foreach (var w in words)
            if (s_protectedWords.Contains(w)) return null;
        if (s_quantityWords.Contains(words[0])) return null;

        var head = words[^1];
        if (s_secretNouns.TryGetValue(head, out var kind))
        {
            if (kind == SecretKind.IssuedToken && words.Any(s_nonSecretTokenWords.Contains)) return null;
            if (kind == SecretKind.IssuedToken && words.Any(s_thirdPartyWords.Contains)) return SecretKind.Credential;
            return kind;
        }
        if (head == "key" && words.Count > 1 && s_secretKeyQualifiers.Contains(words[^2])) return SecretKind.Credential;

        // `api_keys.key`, `access_tokens.token`-style tables: the table says what the bare column holds.
        if (words.Count == 1 && head is "key" or "value" or "token")
        {
            var tableWords = NameHeuristics.Words(table);
            if (tableWords.Count >= 2 && NameHeuristics.Singular(tableWords[^1]) == "key" && s_secretKeyQualifiers.Contains(tableWords[^2]))
                return SecretKind.Credential;
            if (tableWords.Count >= 1 && head != "key" && NameHeuristics.Singular(tableWords[^1]) == "secret") return SecretKind.Credential;
            if (tableWords.Count >= 1 && head != "key" && NameHeuristics.Singular(tableWords[^1]) == "token"
                && !tableWords.Any(s_nonSecretTokenWords.Contains))
                return tableWords.Any(s_thirdPartyWords.Contains) ? SecretKind.Credential : SecretKind.IssuedToken;
        }
        return null;
    }

    private static bool IsProtected(Column column) =>
        ProtectedType().IsMatch(column.TypeAsWritten)
        || column.Comment is { } comment && ProtectedComment().IsMatch(comment)
        || column.Doc is { } doc && ProtectedComment().IsMatch(doc);

    private Finding Build(FixSyntax fix, Table table, Column column, SecretKind kind)
    {
        // Where a note that the column holds a hash goes, and what encrypts a column, in the source's own terms.
        var comment = fix.Pick("`comment=`", "a comment", "`COMMENT ON COLUMN`");
        var encryption = fix.Pick(
            "(`StringEncryptedType` from sqlalchemy-utils, or a KMS-backed `TypeDecorator`)",
            "(in the application with a KMS-held key, or a `customType` that encrypts on write and decrypts on read)",
            "(in the application with a KMS-held key, or `pgcrypto`'s `pgp_sym_encrypt` with the key kept out of SQL)");
        var libraries = fix.Pick(" (e.g. `argon2-cffi`, `passlib`)", " (e.g. `@node-rs/argon2`, `bcrypt`)", " in the application");
        var (what, recommendation) = kind switch
        {
            SecretKind.Password => ("a password",
                $"Never store the password itself: store `{column.Name}_hash` computed with argon2id or bcrypt{libraries} "
                + $"and verify by hashing the candidate. If it already holds a hash, rename the column or say so in {comment}."),
            SecretKind.IssuedToken => ("a token",
                $"Store a SHA-256 digest of the token (`{column.Name}_hash`) and look it up by digest; show the raw token to its owner only once. "
                + $"If the column already holds a digest, rename it or say so in {comment}."),
            _ => ("a credential",
                "If the application only needs to verify it, store a digest; if it must be sent to another service, encrypt the column "
                + $"{encryption} and keep the key outside the database."),
        };
        return Report(column.Span,
            $"Column `{table.Name}.{column.Name}` looks like it stores {what} in plain text: nothing in its name, type or comment says it is hashed or encrypted.",
            recommendation, table: table.Name, column: column.Name);
    }
}
