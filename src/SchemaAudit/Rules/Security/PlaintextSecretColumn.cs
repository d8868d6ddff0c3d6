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
        // Measured after the hashing-evidence change: 9 of 9 judged warning-or-critical findings real (bench/corpus/labels, rules-a).
        Precision = RulePrecision.MeasuredAs(PrecisionLevel.High, 9, 9, "2026-12-04"),
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
        KnownProblems = "Before reporting, the application code is read for evidence (see the `secret-handling` scan): a hash or cipher call "
            + "whose result is stored under the column's name or attribute (`self.password = hash_password(pw)`, `password=bcrypt.hash(pw)`, "
            + "`\"token\": sha256(raw)`, `passwordHash: await hash(pw)`), a password hasher that checks the stored value "
            + "(`bcrypt.checkpw(pw, self.password)`), an `@validates`/property setter that hashes, an encrypting column type, or a "
            + "comment that says so. Tables an auth library owns (Auth.js/NextAuth accounts and sessions, better-auth accounts and "
            + "sessions, Auth.js verification tokens) are skipped when the project depends on that library. "
            + "Severity: critical for a password on an account table (users, accounts, members, …) and for an API key, long-lived "
            + "token or OAuth client secret the application issues (a `*_keys`, `*_tokens`, `clients` table, or a user's API key), with no sign of hashing; a warning "
            + "for tokens that open an account for a while (reset, recovery, login, session, or a token with an expiry column) and for passwords of other objects (a page's access password); a "
            + "suggestion for single-purpose tokens (invitation, e-mail verification, unsubscribe) and for secrets the application "
            + "must use in clear (third-party OAuth tokens, client secrets of providers, private signing keys, TOTP seeds: encrypting "
            + "them at rest is the fix). Judged from names: a secret in a column with an unrelated name is missed, and "
            + "hashing done far from the write (a helper that hashes before a generic `save()`) is not seen. "
            + "Only text, binary and unknown-typed columns are considered; JSON blobs of credentials are not.",
    };

    // Head nouns of tables whose rows are people or logins: a password there unlocks an account.
    private static readonly FrozenSet<string> s_accountNouns = new[]
    {
        "user", "account", "member", "admin", "person", "customer", "login", "credential", "employee", "operator", "staff",
        "profile", "principal", "identity", "viewer",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words of tokens that let their holder into an account for a while: a leaked one is used at once.
    private static readonly FrozenSet<string> s_accessGrantingWords = new[]
    {
        "reset", "recovery", "login", "session", "magic", "otp", "auth", "remember",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words of single-purpose tokens worth little to an attacker who can already read the database.
    private static readonly FrozenSet<string> s_lowValueWords = new[]
    {
        "invite", "invitation", "verification", "verify", "confirm", "confirmation", "unsubscribe", "subscriber", "activation",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words that make a token a standing credential.
    private static readonly FrozenSet<string> s_longLivedWords = new[] { "api", "long", "personal", "permanent", "service" }
        .ToFrozenSet(StringComparer.Ordinal);

    public override IEnumerable<Finding> Check(RuleContext context)
    {
        var handled = HandledNames(context.Schema);
        var authLibraries = context.Schema.SecretHandling.Where(h => h.Kind == SecretHandlingKind.AuthLibrary).Select(h => h.Name).ToList();
        foreach (var table in context.Schema.Tables)
        {
            if (authLibraries.Count > 0 && OwnedByAuthLibrary(table)) continue;
            foreach (var column in table.Columns)
            {
                if (column.Type is not (LogicalType.Text or LogicalType.Binary or LogicalType.Unknown)) continue;
                if (IsProtected(column) || IsAuthJsVerificationToken(table, column)) continue;
                if (handled.Contains(Normalize(column.Name)) || column.Attribute is { } attribute && handled.Contains(Normalize(attribute.Name))) continue;
                var kind = Classify(table.Name, column.Name);
                if (kind is null) continue;
                yield return Build(FixSyntax.For(context, column.Span), table, column, kind.Value) with { Severity = SeverityOf(table, column, kind.Value) };
            }
        }
    }

    /// <summary>Names the code writes through a hash or a cipher, normalised (<c>password_hash</c>, <c>passwordHash</c> → <c>passwordhash</c>).</summary>
    private static HashSet<string> HandledNames(Schema schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var evidence in schema.SecretHandling)
            if (evidence.Kind is SecretHandlingKind.Hashed or SecretHandlingKind.Encrypted) names.Add(Normalize(evidence.Name));
        return names;
    }

    private static string Normalize(string name) => string.Concat(NameHeuristics.Words(name));

    /// <summary>
    /// Tables whose secret columns an auth library writes: Auth.js accounts (<c>provider</c>, <c>provider_account_id</c>) and
    /// sessions (<c>session_token</c>, <c>expires</c>); better-auth accounts (<c>provider_id</c>, <c>account_id</c>, whose
    /// <c>password</c> it hashes) and sessions (<c>token</c>, <c>expires_at</c>, <c>user_agent</c>/<c>ip_address</c>).
    /// </summary>
    internal static bool OwnedByAuthLibrary(Table table)
    {
        var columns = table.Columns.Select(c => Normalize(c.Name)).ToHashSet(StringComparer.Ordinal);
        return columns.Contains("provider") && columns.Contains("provideraccountid")
            || columns.Contains("sessiontoken") && columns.Contains("expires")
            || columns.Contains("providerid") && columns.Contains("accountid")
            || columns.Contains("token") && columns.Contains("expiresat") && (columns.Contains("useragent") || columns.Contains("ipaddress"));
    }

    /// <summary>
    /// Critical only for a standing way into an account: a person's password, an API key or a long-lived token the application
    /// issues. Tokens that open an account for a while are warnings; single-purpose tokens and secrets the application must
    /// use in clear (third-party tokens, private keys: encrypting them is the fix) are suggestions.
    /// </summary>
    private static Severity SeverityOf(Table table, Column column, SecretKind kind)
    {
        var tableWords = NameHeuristics.Words(table.Name).Select(NameHeuristics.Singular).ToList();
        var columnWords = NameHeuristics.Words(column.Name);
        bool Says(FrozenSet<string> set) => columnWords.Any(set.Contains) || tableWords.Any(set.Contains);
        var onAccount = tableWords.Count > 0 && s_accountNouns.Contains(tableWords[^1]);
        // Keys, tokens and the secrets of OAuth clients registered with this application: issued here, so verifiable by digest.
        var issuesKeys = tableWords.Count > 0 && tableWords[^1] is "key" or "token" or "client" or "app" or "application";
        var expires = table.Columns.Exists(c => c != column && NameHeuristics.Words(c.Name).Any(w => w.StartsWith("expir", StringComparison.Ordinal)));
        return kind switch
        {
            SecretKind.Password => onAccount ? Severity.Critical : Severity.Warning,
            _ when Says(s_lowValueWords) => Severity.Suggestion,
            _ when Says(s_accessGrantingWords) => Severity.Warning,
            _ when Says(s_longLivedWords) && (onAccount || issuesKeys || kind == SecretKind.IssuedToken) => Severity.Critical,
            SecretKind.Credential when issuesKeys => Severity.Critical,
            SecretKind.IssuedToken when expires => Severity.Warning,
            SecretKind.IssuedToken => onAccount || issuesKeys ? Severity.Critical : Severity.Warning,
            _ => Severity.Suggestion,
        };
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
            $"Column `{table.Name}.{column.Name}` looks like it stores {what} in plain text: nothing in its name, type, comment or the code that writes it says it is hashed or encrypted.",
            recommendation, table: table.Name, column: column.Name);
    }
}
