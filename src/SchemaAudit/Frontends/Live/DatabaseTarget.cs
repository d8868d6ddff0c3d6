using System.Globalization;
using Npgsql;

namespace SchemaAudit.Frontends.Live;

public enum DatabaseKind { PostgreSql, Sqlite }

/// <summary>
/// A database named on the command line (<c>--db</c>, <c>SCHEMA_AUDIT_DB</c>, a <c>diff</c> side):
/// a PostgreSQL URL or key-value string, a <c>sqlite:///</c> URL or a SQLite file path.
/// <see cref="DisplayName"/> is the only form of it that is ever printed: it has no password.
/// </summary>
public sealed class DatabaseTarget
{
    private DatabaseTarget(DatabaseKind kind, string connectionString, string displayName, string? password)
    {
        Kind = kind;
        ConnectionString = connectionString;
        DisplayName = displayName;
        Password = password;
    }

    public DatabaseKind Kind { get; }

    /// <summary>For the driver only: may contain the password. Never print it.</summary>
    internal string ConnectionString { get; }

    /// <summary><c>postgresql://user@host:5432/db</c> or <c>sqlite:///path.db</c>: no password, ever.</summary>
    public string DisplayName { get; }

    /// <summary>Kept to scrub driver messages that might echo it.</summary>
    internal string? Password { get; }

    public override string ToString() => DisplayName;

    /// <summary>True when <paramref name="text"/> names a database rather than a file or folder of sources.</summary>
    public static bool LooksLikeDatabase(string text)
    {
        var t = text.Trim();
        return t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
            || IsSqlitePath(t)
            || IsKeyValueString(t);
    }

    /// <exception cref="LiveDatabaseException">The text is not a database this tool can read; the message has no password.</exception>
    public static DatabaseTarget Parse(string text, string currentDirectory)
    {
        var t = text.Trim();
        if (t.Length == 0) throw new LiveDatabaseException("empty database connection string");
        if (t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return FromPostgresUrl(t);
        if (t.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            return FromSqlitePath(SqlitePathOfUrl(t), currentDirectory);
        if (IsSqlitePath(t)) return FromSqlitePath(t, currentDirectory);
        if (IsKeyValueString(t)) return FromPostgresKeyValues(t);
        throw new LiveDatabaseException($"`{SecretRedactor.Redact(t)}` is not a database: expected postgresql://user@host/db, "
            + "a key-value connection string (Host=...;Database=...), sqlite:///path.db or a .db/.sqlite/.sqlite3 file");
    }

    private static bool IsSqlitePath(string t) =>
        !t.Contains("://", StringComparison.Ordinal)
        && (t.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || t.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith(".sqlite3", StringComparison.OrdinalIgnoreCase));

    private static bool IsKeyValueString(string t) =>
        t.Contains('=', StringComparison.Ordinal)
        && (t.Contains("host=", StringComparison.OrdinalIgnoreCase) || t.Contains("server=", StringComparison.OrdinalIgnoreCase));

    /// <summary>SQLAlchemy's convention: <c>sqlite:///relative.db</c>, <c>sqlite:////absolute/path.db</c>.</summary>
    private static string SqlitePathOfUrl(string url)
    {
        var rest = url["sqlite:".Length..];
        if (rest.StartsWith("///", StringComparison.Ordinal)) return Uri.UnescapeDataString(rest[3..]);
        if (rest.StartsWith("//", StringComparison.Ordinal)) return Uri.UnescapeDataString(rest[2..]);
        return Uri.UnescapeDataString(rest);
    }

    private static DatabaseTarget FromSqlitePath(string path, string currentDirectory)
    {
        if (path.Length == 0 || path == ":memory:")
            throw new LiveDatabaseException("an in-memory SQLite database has no schema to audit: give the path of a database file");
        var full = Path.GetFullPath(path, currentDirectory);
        if (!File.Exists(full)) throw new LiveDatabaseException($"{path}: no such SQLite database file");
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        return new DatabaseTarget(DatabaseKind.Sqlite, builder.ToString(), "sqlite:///" + full.Replace('\\', '/'), null);
    }

    private static DatabaseTarget FromPostgresUrl(string url)
    {
        var scheme = url[..url.IndexOf("://", StringComparison.Ordinal)];
        var rest = url[(scheme.Length + 3)..];
        string? query = null;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0) (rest, query) = (rest[..q], rest[(q + 1)..]);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..]);
        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
        var (host, port) = SplitHostPort(authority);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host.Length == 0 ? "localhost" : host,
            Port = port ?? 5432,
        };
        if (user is { Length: > 0 }) builder.Username = user;
        if (password is not null) builder.Password = password;
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in (query ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (key)
            {
                case "sslmode":
                    if (!Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode))
                        throw new LiveDatabaseException($"unknown sslmode `{value}` in the database URL");
                    builder.SslMode = mode;
                    break;
                case "connect_timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    builder.Timeout = seconds;
                    break;
                case "password":
                    builder.Password = value;
                    password = value;
                    break;
                case "user":
                    builder.Username = value;
                    break;
                case "application_name" or "options" or "connect_timeout":
                    break; // the tool sets its own (read-only session, application name)
                default:
                    throw new LiveDatabaseException($"unsupported parameter `{key}` in the database URL (supported: sslmode, connect_timeout, user, password)");
            }
        }
        return FromBuilder(builder);
    }

    private static (string Host, int? Port) SplitHostPort(string authority)
    {
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            var host = close < 0 ? authority : authority[1..close];
            var portText = close >= 0 && close + 1 < authority.Length && authority[close + 1] == ':' ? authority[(close + 2)..] : null;
            return (host, ParsePort(portText));
        }
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? (authority, null) : (authority[..colon], ParsePort(authority[(colon + 1)..]));
    }

    private static int? ParsePort(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536) return port;
        throw new LiveDatabaseException($"`{text}` is not a port number in the database URL");
    }

    private static DatabaseTarget FromPostgresKeyValues(string text)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException)
        {
            // The driver's message may quote the string; ours does not.
            throw new LiveDatabaseException($"the connection string `{SecretRedactor.Redact(text)}` does not parse "
                + "(expected Host=...;Port=...;Database=...;Username=...)");
        }
        return FromBuilder(builder);
    }

    /// <summary>Adds the session settings every connection uses: read-only, timeouts, application name, no pooling.</summary>
    private static DatabaseTarget FromBuilder(NpgsqlConnectionStringBuilder builder)
    {
        var password = builder.Password;
        var display = $"postgresql://{(builder.Username is { Length: > 0 } u ? Uri.EscapeDataString(u) + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database ?? ""}";
        builder.ApplicationName = "schema-audit";
        // Every transaction of the session is read-only, even one the tool did not open itself.
        builder.Options = $"-c default_transaction_read_only=on -c statement_timeout={PostgresSession.StatementTimeoutMs}";
        if (builder.Timeout == 15) builder.Timeout = 10; // Npgsql's default connect timeout is 15 s
        builder.CommandTimeout = PostgresSession.StatementTimeoutMs / 1000 + 5;
        builder.Pooling = false;
        return new DatabaseTarget(DatabaseKind.PostgreSql, builder.ConnectionString, display, password);
    }
}
